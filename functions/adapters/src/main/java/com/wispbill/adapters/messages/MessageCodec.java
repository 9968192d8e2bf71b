package com.wispbill.adapters.messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wispbill.adapters.Json;
import com.wispbill.domain.RateLimit;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.messages.RouterPollJob;
import com.wispbill.domain.messages.RouterUsage;
import com.wispbill.domain.messages.UsageSample;
import com.wispbill.domain.messages.VoucherBatchOrder;
import com.wispbill.domain.routercommand.DisableHotspotUser;
import com.wispbill.domain.routercommand.DisablePppSecret;
import com.wispbill.domain.routercommand.EnableHotspotUser;
import com.wispbill.domain.routercommand.EnablePppSecret;
import com.wispbill.domain.routercommand.EnsureHotspotProfile;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.EnsurePppProfile;
import com.wispbill.domain.routercommand.EnsurePppSecret;
import com.wispbill.domain.routercommand.IsolateUser;
import com.wispbill.domain.routercommand.KickHotspotUser;
import com.wispbill.domain.routercommand.KickPppUser;
import com.wispbill.domain.routercommand.RemoveHotspotUser;
import com.wispbill.domain.routercommand.RemovePppSecret;
import com.wispbill.domain.routercommand.RestoreUser;
import com.wispbill.domain.routercommand.RouterCommand;
import com.wispbill.domain.routercommand.RouterCommandBulk;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.routercommand.ThrottleUser;
import com.wispbill.domain.routercommand.UserService;
import com.wispbill.domain.routercommand.TestConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The JSON wire format of every queue message, written out field by field so that the format is
 * stable and visible here rather than implied by record shapes. Decoding validates through the
 * domain constructors; anything malformed is a {@link MalformedMessageException} (a poison message:
 * consumers send it to the DLQ instead of retrying it forever).
 *
 * <p>Instants and durations are ISO-8601 strings; byte counts and limits are integers.
 */
public final class MessageCodec {

    private MessageCodec() {
    }

    // ------------------------------------------------------------------ router commands

    public static String encode(RouterCommandEnvelope envelope) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("commandId", envelope.commandId());
        root.put("resellerId", envelope.resellerId());
        root.put("routerId", envelope.routerId());
        root.put("issuedAt", envelope.issuedAt().toString());
        root.set("command", commandNode(envelope.command()));
        return write(root);
    }

    public static RouterCommandEnvelope decodeRouterCommand(String json) {
        return decode(json, root -> new RouterCommandEnvelope(
                text(root, "commandId"), text(root, "resellerId"), text(root, "routerId"),
                instant(root, "issuedAt"), command(required(root, "command"))));
    }

    /**
     * A bulk: a single command without a receipt keeps the one-command shape (the outbox, and messages
     * queued before bulks existed); otherwise {@code {"bulkId", "resellerId", "routerId", "commands":
     * [{"commandId", "issuedAt", "command"}], "receipt": {"batchId", "part"}}}.
     */
    public static String encode(RouterCommandBulk bulk) {
        if (bulk.commands().size() == 1 && bulk.receipt().isEmpty()
                && bulk.bulkId().equals(bulk.commands().getFirst().commandId())) {
            return encode(bulk.commands().getFirst());
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("bulkId", bulk.bulkId());
        root.put("resellerId", bulk.resellerId());
        root.put("routerId", bulk.routerId());
        var commands = root.putArray("commands");
        for (RouterCommandEnvelope c : bulk.commands()) {
            ObjectNode node = commands.addObject();
            node.put("commandId", c.commandId());
            node.put("issuedAt", c.issuedAt().toString());
            node.set("command", commandNode(c.command()));
        }
        bulk.receipt().ifPresent(r -> {
            ObjectNode receipt = root.putObject("receipt");
            receipt.put("batchId", r.batchId());
            receipt.put("part", r.part());
        });
        return write(root);
    }

    /** Either shape of {@link #encode(RouterCommandBulk)}: a one-command message reads as a bulk of one. */
    public static RouterCommandBulk decodeRouterCommands(String json) {
        return decode(json, root -> {
            if (!root.has("commands")) {
                return RouterCommandBulk.of(new RouterCommandEnvelope(text(root, "commandId"), text(root, "resellerId"),
                        text(root, "routerId"), instant(root, "issuedAt"), command(required(root, "command"))));
            }
            String resellerId = text(root, "resellerId");
            String routerId = text(root, "routerId");
            JsonNode array = required(root, "commands");
            if (!array.isArray()) {
                throw new MalformedMessageException("commands must be an array");
            }
            List<RouterCommandEnvelope> commands = new ArrayList<>();
            for (JsonNode node : array) {
                commands.add(new RouterCommandEnvelope(text(node, "commandId"), resellerId, routerId,
                        instant(node, "issuedAt"), command(required(node, "command"))));
            }
            Optional<RouterCommandBulk.ProvisioningReceipt> receipt = root.hasNonNull("receipt")
                    ? Optional.of(new RouterCommandBulk.ProvisioningReceipt(text(root.get("receipt"), "batchId"),
                    (int) longValue(root.get("receipt"), "part")))
                    : Optional.empty();
            return new RouterCommandBulk(text(root, "bulkId"), resellerId, routerId, commands, receipt);
        });
    }

    private static ObjectNode commandNode(RouterCommand command) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("type", command.type());
        switch (command) {
            case EnsureHotspotUser c -> {
                node.put("name", c.name());
                node.put("password", c.password());
                node.put("profile", c.profile());
                c.limitUptime().ifPresent(d -> node.put("limitUptimeSeconds", d.toSeconds()));
                c.limitBytesTotal().ifPresent(b -> node.put("limitBytesTotal", b));
                node.put("comment", c.comment());
            }
            case EnsurePppSecret c -> {
                node.put("name", c.name());
                node.put("password", c.password());
                node.put("profile", c.profile());
                node.put("comment", c.comment());
                c.remoteAddress().ifPresent(ip -> node.put("remoteAddress", ip));
                c.callerId().ifPresent(mac -> node.put("callerId", mac));
            }
            case EnsureHotspotProfile c -> {
                node.put("name", c.name());
                c.rateLimit().ifPresent(r -> node.put("rateLimit", r.toRouterOs()));
                node.put("sharedUsers", c.sharedUsers());
            }
            case EnsurePppProfile c -> {
                node.put("name", c.name());
                c.rateLimit().ifPresent(r -> node.put("rateLimit", r.toRouterOs()));
            }
            case DisableHotspotUser c -> node.put("name", c.name());
            case EnableHotspotUser c -> node.put("name", c.name());
            case RemoveHotspotUser c -> node.put("name", c.name());
            case KickHotspotUser c -> node.put("name", c.name());
            case DisablePppSecret c -> node.put("name", c.name());
            case EnablePppSecret c -> node.put("name", c.name());
            case RemovePppSecret c -> node.put("name", c.name());
            case KickPppUser c -> node.put("name", c.name());
            case IsolateUser c -> node.put("name", c.name()).put("service", c.service().name());
            case RestoreUser c -> node.put("name", c.name()).put("service", c.service().name()).put("profile", c.profile());
            case ThrottleUser c -> node.put("name", c.name()).put("service", c.service().name()).put("profile", c.profile())
                    .put("rate", c.rate().toRouterOs());
            case TestConnection c -> node.put("name", c.testId());
        }
        return node;
    }

    private static UserService userService(JsonNode node) {
        String service = text(node, "service");
        try {
            return UserService.valueOf(service);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("unknown user service '" + service + "'");
        }
    }

    private static RouterCommand command(JsonNode node) {
        String type = text(node, "type");
        String name = text(node, "name");
        return switch (type) {
            case "EnsureHotspotUser" -> new EnsureHotspotUser(name, text(node, "password"), text(node, "profile"),
                    node.hasNonNull("limitUptimeSeconds")
                            ? Optional.of(Duration.ofSeconds(longValue(node, "limitUptimeSeconds"))) : Optional.empty(),
                    node.hasNonNull("limitBytesTotal")
                            ? OptionalLong.of(longValue(node, "limitBytesTotal")) : OptionalLong.empty(),
                    optionalText(node, "comment"));
            case "EnsurePppSecret" -> new EnsurePppSecret(name, text(node, "password"), text(node, "profile"),
                    optionalText(node, "comment"),
                    node.hasNonNull("remoteAddress") ? Optional.of(text(node, "remoteAddress")) : Optional.empty(),
                    node.hasNonNull("callerId") ? Optional.of(text(node, "callerId")) : Optional.empty());
            case "EnsureHotspotProfile" -> new EnsureHotspotProfile(name, rateLimit(node),
                    (int) longValue(node, "sharedUsers"));
            case "EnsurePppProfile" -> new EnsurePppProfile(name, rateLimit(node));
            case "DisableHotspotUser" -> new DisableHotspotUser(name);
            case "EnableHotspotUser" -> new EnableHotspotUser(name);
            case "RemoveHotspotUser" -> new RemoveHotspotUser(name);
            case "KickHotspotUser" -> new KickHotspotUser(name);
            case "DisablePppSecret" -> new DisablePppSecret(name);
            case "EnablePppSecret" -> new EnablePppSecret(name);
            case "RemovePppSecret" -> new RemovePppSecret(name);
            case "KickPppUser" -> new KickPppUser(name);
            case "IsolateUser" -> new IsolateUser(userService(node), name);
            case "RestoreUser" -> new RestoreUser(userService(node), name, text(node, "profile"));
            case "ThrottleUser" -> new ThrottleUser(userService(node), name, text(node, "profile"),
                    RateLimit.parse(text(node, "rate")));
            case "TestConnection" -> new TestConnection(name);
            default -> throw new MalformedMessageException("unknown router command type '" + type + "'");
        };
    }

    private static Optional<RateLimit> rateLimit(JsonNode node) {
        return node.hasNonNull("rateLimit") ? Optional.of(RateLimit.parse(text(node, "rateLimit"))) : Optional.empty();
    }

    // ------------------------------------------------------------------ usage samples

    public static String encode(UsageSample sample) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("resellerId", sample.resellerId());
        root.put("routerId", sample.routerId());
        root.put("kind", sample.kind().name());
        root.put("sessionId", sample.sessionId());
        root.put("username", sample.username());
        root.put("bytesIn", sample.bytesIn());
        root.put("bytesOut", sample.bytesOut());
        root.put("uptimeSeconds", sample.uptime().toSeconds());
        root.put("sampledAt", sample.sampledAt().toString());
        return write(root);
    }

    public static UsageSample decodeUsageSample(String json) {
        return decode(json, root -> new UsageSample(text(root, "resellerId"), text(root, "routerId"),
                enumValue(UsageSample.SessionKind.class, root, "kind"), text(root, "sessionId"),
                text(root, "username"), longValue(root, "bytesIn"), longValue(root, "bytesOut"),
                Duration.ofSeconds(longValue(root, "uptimeSeconds")), instant(root, "sampledAt")));
    }

    /**
     * One router poll: the poll's fields once, then each session as a compact array
     * {@code [kind, sessionId, username, bytesIn, bytesOut, uptimeSeconds]} (about 60 bytes a session).
     */
    public static String encode(RouterUsage poll) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("resellerId", poll.resellerId());
        root.put("routerId", poll.routerId());
        root.put("sampledAt", poll.sampledAt().toString());
        root.put("part", poll.part());
        root.put("parts", poll.parts());
        com.fasterxml.jackson.databind.node.ArrayNode sessions = root.putArray("sessions");
        for (RouterUsage.Session s : poll.sessions()) {
            sessions.addArray().add(s.kind() == UsageSample.SessionKind.HOTSPOT ? "H" : "P").add(s.sessionId())
                    .add(s.username()).add(s.bytesIn()).add(s.bytesOut()).add(s.uptimeSeconds());
        }
        return write(root);
    }

    /**
     * A message on {@code usage-samples}: a router poll, or a single sample of the older shape (still
     * accepted while such messages may be queued), as a one-session poll.
     */
    public static RouterUsage decodeUsage(String json) {
        return decode(json, MessageCodec::routerUsage);
    }

    private static RouterUsage routerUsage(JsonNode root) {
        if (!root.has("sessions")) {
            return RouterUsage.of(new UsageSample(text(root, "resellerId"), text(root, "routerId"),
                    enumValue(UsageSample.SessionKind.class, root, "kind"), text(root, "sessionId"),
                    text(root, "username"), longValue(root, "bytesIn"), longValue(root, "bytesOut"),
                    Duration.ofSeconds(longValue(root, "uptimeSeconds")), instant(root, "sampledAt")));
        }
        JsonNode list = required(root, "sessions");
        if (!list.isArray()) {
            throw new MalformedMessageException("sessions must be an array");
        }
        java.util.List<RouterUsage.Session> sessions = new java.util.ArrayList<>(list.size());
        for (JsonNode s : list) {
            if (!s.isArray() || s.size() != 6 || !s.get(3).canConvertToLong() || !s.get(4).canConvertToLong()
                    || !s.get(5).canConvertToLong()) {
                throw new MalformedMessageException("a session is [kind, sessionId, username, bytesIn, bytesOut, uptimeSeconds]");
            }
            UsageSample.SessionKind kind = switch (s.get(0).asText()) {
                case "H" -> UsageSample.SessionKind.HOTSPOT;
                case "P" -> UsageSample.SessionKind.PPP;
                default -> throw new MalformedMessageException("session kind must be H or P");
            };
            sessions.add(new RouterUsage.Session(kind, s.get(1).asText(), s.get(2).asText(), s.get(3).asLong(),
                    s.get(4).asLong(), s.get(5).asLong()));
        }
        return new RouterUsage(text(root, "resellerId"), text(root, "routerId"), instant(root, "sampledAt"),
                (int) longValue(root, "part"), (int) longValue(root, "parts"), sessions);
    }

    /** The flush sweep's job for one router: {@code {"flush":"due","resellerId","routerId","unflushedSince"}}. */
    public static String encode(com.wispbill.domain.messages.UsageFlushJob job) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("flush", "due");
        root.put("resellerId", job.resellerId());
        root.put("routerId", job.routerId());
        root.put("unflushedSince", job.unflushedSince().toString());
        return write(root);
    }

    /** A message on {@code usage-samples}: the flush sweep's job (it has {@code "flush"}), or a router poll ({@link #decodeUsage}). */
    public static com.wispbill.domain.messages.UsageMessage decodeUsageMessage(String json) {
        return decode(json, root -> {
            if (!root.has("flush")) {
                return routerUsage(root);
            }
            if (!"due".equals(root.get("flush").asText())) {
                throw new MalformedMessageException("flush must be \"due\"");
            }
            return new com.wispbill.domain.messages.UsageFlushJob(text(root, "resellerId"), text(root, "routerId"),
                    instant(root, "unflushedSince"));
        });
    }

    // ------------------------------------------------------------------ router-polls queue

    public static String encode(RouterPollJob job) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("resellerId", job.resellerId());
        root.put("routerId", job.routerId());
        root.put("scheduledAt", job.scheduledAt().toString());
        return write(root);
    }

    public static RouterPollJob decodeRouterPollJob(String json) {
        return decode(json, root -> new RouterPollJob(text(root, "resellerId"), text(root, "routerId"),
                instant(root, "scheduledAt")));
    }

    // ------------------------------------------------------------------ notifications queue

    /** Field that tells the notifier what a notifications-queue message is. */
    public static final String MESSAGE_TYPE = "messageType";

    /** What a message on the notifications queue is: an SMS request, or an alert (from the alerts topic). */
    public enum NotificationKind { SMS, ALERT }

    public static String encode(SmsRequest sms) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put(MESSAGE_TYPE, NotificationKind.SMS.name());
        root.put("notificationId", sms.notificationId());
        root.put("resellerId", sms.resellerId());
        root.put("phoneE164", sms.phoneE164());
        root.put("template", sms.template().name());
        ObjectNode parameters = root.putObject("parameters");
        sms.parameters().forEach(parameters::put);
        root.put("requestedAt", sms.requestedAt().toString());
        if (sms.smsOnly()) {
            root.put("smsOnly", true);
        }
        return write(root);
    }

    public static String encode(Alert alert) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put(MESSAGE_TYPE, NotificationKind.ALERT.name());
        root.put("alertId", alert.alertId());
        alert.resellerId().ifPresent(id -> root.put("resellerId", id));
        root.put("key", alert.key());
        root.put("severity", alert.severity().name());
        root.put("resolved", alert.resolved());
        root.put("subject", alert.subject());
        root.put("detail", alert.detail());
        root.put("raisedAt", alert.raisedAt().toString());
        return write(root);
    }

    /** The kind of a notifications-queue message, read before decoding it. */
    public static NotificationKind notificationKind(String json) {
        return decode(json, root -> enumValue(NotificationKind.class, root, MESSAGE_TYPE));
    }

    public static SmsRequest decodeSms(String json) {
        return decode(json, root -> {
            Map<String, String> parameters = new LinkedHashMap<>();
            JsonNode params = root.get("parameters");
            if (params != null && !params.isNull()) {
                if (!params.isObject()) {
                    throw new MalformedMessageException("'parameters' must be an object");
                }
                params.fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
            }
            return new SmsRequest(text(root, "notificationId"), text(root, "resellerId"), text(root, "phoneE164"),
                    enumValue(SmsRequest.SmsTemplate.class, root, "template"), parameters, instant(root, "requestedAt"),
                    root.path("smsOnly").asBoolean(false));
        });
    }

    public static Alert decodeAlert(String json) {
        return decode(json, root -> new Alert(text(root, "alertId"),
                root.hasNonNull("resellerId") ? Optional.of(text(root, "resellerId")) : Optional.empty(),
                text(root, "key"), enumValue(Alert.Severity.class, root, "severity"),
                root.path("resolved").asBoolean(false), text(root, "subject"), optionalText(root, "detail"),
                instant(root, "raisedAt")));
    }

    // ------------------------------------------------------------------ voucher batch orders

    public static String encode(VoucherBatchOrder order) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("resellerId", order.resellerId());
        root.put("batchId", order.batchId());
        return write(root);
    }

    public static VoucherBatchOrder decodeVoucherBatchOrder(String json) {
        return decode(json, root -> new VoucherBatchOrder(text(root, "resellerId"), text(root, "batchId")));
    }

    // ------------------------------------------------------------------ helpers

    private interface Reader<T> {
        T read(JsonNode root);
    }

    private static <T> T decode(String json, Reader<T> reader) {
        if (json == null || json.isBlank()) {
            throw new MalformedMessageException("empty message body");
        }
        JsonNode root;
        try {
            root = Json.LENIENT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("message body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedMessageException("message body must be a JSON object");
        }
        try {
            return reader.read(root);
        } catch (ValidationException | IllegalArgumentException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }

    private static String write(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a message", e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedMessageException("'" + field + "' is required");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isTextual()) {
            throw new MalformedMessageException("'" + field + "' must be a string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        return node.hasNonNull(field) ? text(node, field) : "";
    }

    private static long longValue(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new MalformedMessageException("'" + field + "' must be an integer");
        }
        return value.asLong();
    }

    private static Instant instant(JsonNode node, String field) {
        try {
            return Instant.parse(text(node, field));
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException("'" + field + "' must be an ISO-8601 UTC instant");
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String field) {
        String value = text(node, field);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("'" + field + "' has unknown value '" + value + "'");
        }
    }
}
