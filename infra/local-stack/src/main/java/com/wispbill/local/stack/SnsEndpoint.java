package com.wispbill.local.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * An SNS-compatible endpoint speaking the AWS query protocol that the SDK v2 SNS client uses
 * (form-encoded {@code Action=...} requests, XML responses and errors in AWS's format).
 *
 * <p>Topics (standard and FIFO), subscriptions with filter policies, Publish and PublishBatch.
 * Deliveries: {@code sqs} subscriptions put the message into the ElasticMQ queue named by the
 * endpoint ARN (in the SNS JSON envelope, or raw with {@code RawMessageDelivery}); SMS
 * (Publish to a {@code PhoneNumber} or an {@code sms} subscription) is recorded in
 * {@link #sentSms()} and logged with the number masked and without its text (SMS carry voucher
 * codes). Delivery happens before Publish returns, so a test can read the queue right after.
 * Other protocols (http/https/email/lambda/...) are accepted but not delivered; that is logged.
 */
public final class SnsEndpoint {

    /** A response ready to be written: status, content type, body. */
    record Response(int status, String contentType, byte[] body) {}

    private static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern BATCH_ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Set<String> PROTOCOLS = Set.of(
            "sqs", "sms", "lambda", "http", "https", "email", "email-json", "application", "firehose");
    private static final int MAX_MESSAGE_BYTES = 256 * 1024;
    private static final Duration FIFO_DEDUPLICATION_WINDOW = Duration.ofMinutes(5);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** {@code notification.timestamp} of SNS's SMS delivery log: UTC, space-separated, milliseconds. */
    private static final DateTimeFormatter DELIVERY_LOG_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final String region;
    private final String accountId;
    private final String edgeEndpoint;
    private final SqsClient sqs;
    private final Object lock = new Object();
    private final Map<String, Topic> topics = new LinkedHashMap<>();
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, String> smsAttributes = new ConcurrentHashMap<>();
    private final List<SentSms> sentSms = new CopyOnWriteArrayList<>();
    private final Map<String, String> queueUrlsByArn = new ConcurrentHashMap<>();
    private final Set<String> undeliverableProtocolsLogged = ConcurrentHashMap.newKeySet();
    private final Map<String, String> failingSmsNumbers = new ConcurrentHashMap<>();
    private volatile LogSubscriptions logs;

    SnsEndpoint(String region, String accountId, String edgeEndpoint, SqsClient sqs) {
        this.region = region;
        this.accountId = accountId;
        this.edgeEndpoint = edgeEndpoint;
        this.sqs = sqs;
    }

    /** SMS sent so far, oldest first. */
    public List<SentSms> sentSms() {
        return List.copyOf(sentSms);
    }

    public void clearSentSms() {
        sentSms.clear();
    }

    /**
     * SMS published to {@code phoneNumber} from now on are logged as failed deliveries (status FAILURE,
     * {@code providerResponse} as given) instead of successful ones.
     */
    public void failSmsDeliveryTo(String phoneNumber, String providerResponse) {
        failingSmsNumbers.put(phoneNumber, providerResponse);
    }

    /** Where the SMS delivery status log lines go (the template's log subscriptions). */
    void deliveryStatusLogs(LogSubscriptions logs) {
        this.logs = logs;
    }

    /**
     * SNS's SMS delivery status, as it logs it once the account's SMS attributes name a
     * {@code DeliveryStatusIAMRole}: a record per direct publish in
     * {@code sns/<region>/<account>/DirectPublishToPhoneNumber} (successes, when
     * {@code DeliveryStatusSuccessSamplingRate} is above 0; the stand-in logs all of them) or
     * {@code …/Failure}. Record fields as SNS writes them; carrier details (mcc, mnc, price) left out.
     */
    private void logDeliveryStatus(String messageId, String phoneNumber, String smsType, Instant publishedAt) {
        LogSubscriptions target = logs;
        if (target == null || smsAttributes.getOrDefault("DeliveryStatusIAMRole", "").isEmpty()) {
            return;
        }
        String failure = failingSmsNumbers.get(phoneNumber);
        int successRate;
        try {
            successRate = Integer.parseInt(smsAttributes.getOrDefault("DeliveryStatusSuccessSamplingRate", "0").strip());
        } catch (NumberFormatException e) {
            successRate = 0;
        }
        if (failure == null && successRate <= 0) {
            return;
        }
        ObjectNode record = JSON.objectNode();
        record.putObject("notification").put("messageId", messageId)
                .put("timestamp", DELIVERY_LOG_TIMESTAMP.format(publishedAt));
        ObjectNode delivery = record.putObject("delivery");
        delivery.put("destination", phoneNumber);
        if (smsType != null) {
            delivery.put("smsType", smsType);
        }
        delivery.put("providerResponse", failure != null ? failure : "Message has been accepted by phone carrier");
        delivery.put("dwellTimeMs", 0);
        record.put("status", failure != null ? "FAILURE" : "SUCCESS");
        String group = "sns/" + region + "/" + accountId + "/DirectPublishToPhoneNumber" + (failure != null ? "/Failure" : "");
        target.log(group, record.toString(), Instant.now());
    }

    /** ARNs of the existing topics, in creation order. */
    public List<String> topicArns() {
        synchronized (lock) {
            return List.copyOf(topics.keySet());
        }
    }

    /** Subscriptions of a topic as "protocol endpoint" strings, for the stack summary. */
    List<String> describeSubscriptions(String topicArn) {
        synchronized (lock) {
            Topic topic = topics.get(topicArn);
            if (topic == null) {
                return List.of();
            }
            return topic.subscriptions.stream()
                    .map(s -> s.protocol + " " + s.endpoint + (s.raw() ? " (raw)" : "")).toList();
        }
    }

    // ---------------------------------------------------------------- Java API used by the stack

    /** CreateTopic as the template asks for it; returns the topic ARN. */
    String createTopic(String name, Map<String, String> attributes) {
        try {
            return doCreateTopic(name, attributes, Map.of()).arn;
        } catch (SnsError e) {
            throw new StackException("Cannot create SNS topic " + name + ": " + e.getMessage());
        }
    }

    /** Subscribe as the template asks for it; returns the subscription ARN. */
    String subscribe(String topicArn, String protocol, String endpoint, Map<String, String> attributes) {
        try {
            return doSubscribe(topicArn, protocol, endpoint, attributes).arn;
        } catch (SnsError e) {
            throw new StackException("Cannot subscribe " + protocol + " " + endpoint + " to " + topicArn + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- HTTP (query protocol)

    Response handle(String rawQuery, String contentType, byte[] body) {
        Map<String, String> params = QueryProtocol.parseForm(rawQuery);
        if (contentType == null || contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            params.putAll(QueryProtocol.parseForm(new String(body, StandardCharsets.UTF_8)));
        }
        String requestId = UUID.randomUUID().toString();
        String action = params.get("Action");
        try {
            if (action == null) {
                throw new SnsError(400, "MissingAction", "The request must contain the parameter Action.");
            }
            return switch (action) {
                case "CreateTopic" -> createTopicAction(params, requestId);
                case "DeleteTopic" -> deleteTopicAction(params, requestId);
                case "ListTopics" -> listTopicsAction(params, requestId);
                case "GetTopicAttributes" -> getTopicAttributesAction(params, requestId);
                case "SetTopicAttributes" -> setTopicAttributesAction(params, requestId);
                case "Subscribe" -> subscribeAction(params, requestId);
                case "Unsubscribe" -> unsubscribeAction(params, requestId);
                case "ListSubscriptions" -> listSubscriptionsAction(params, requestId, null);
                case "ListSubscriptionsByTopic" -> listSubscriptionsAction(params, requestId, require(params, "TopicArn"));
                case "GetSubscriptionAttributes" -> getSubscriptionAttributesAction(params, requestId);
                case "SetSubscriptionAttributes" -> setSubscriptionAttributesAction(params, requestId);
                case "Publish" -> publishAction(params, requestId);
                case "PublishBatch" -> publishBatchAction(params, requestId);
                case "CheckIfPhoneNumberIsOptedOut" -> {
                    String number = require(params, "phoneNumber");
                    if (!E164.matcher(number).matches()) {
                        throw invalidParameter("Invalid parameter: PhoneNumber Reason: " + number + " is not valid");
                    }
                    yield ok("CheckIfPhoneNumberIsOptedOut", requestId, x -> x.element("isOptedOut", "false"));
                }
                case "GetSMSAttributes" -> ok("GetSMSAttributes", requestId, x -> x.entries("attributes", Map.copyOf(smsAttributes)));
                case "SetSMSAttributes" -> {
                    smsAttributes.putAll(QueryProtocol.stringMap(params, "attributes"));
                    yield ok("SetSMSAttributes", requestId, null);
                }
                case "ListTagsForResource" -> {
                    Topic topic = topic(require(params, "ResourceArn"));
                    yield ok("ListTagsForResource", requestId, x -> {
                        x.open("Tags");
                        topic.tags.forEach((k, v) -> x.open("member").element("Key", k).element("Value", v).close("member"));
                        x.close("Tags");
                    });
                }
                case "TagResource" -> {
                    Topic topic = topic(require(params, "ResourceArn"));
                    QueryProtocol.members(params, "Tags", "member").forEach(t -> topic.tags.put(t.get("Key"), t.getOrDefault("Value", "")));
                    yield ok("TagResource", requestId, null);
                }
                case "UntagResource" -> {
                    Topic topic = topic(require(params, "ResourceArn"));
                    QueryProtocol.members(params, "TagKeys", "member").forEach(t -> topic.tags.remove(t.get("")));
                    yield ok("UntagResource", requestId, null);
                }
                default -> throw new SnsError(400, "InvalidAction",
                        "The action " + action + " is not valid for this endpoint (the embedded SNS does not implement it).");
            };
        } catch (SnsError e) {
            return error(e, requestId);
        }
    }

    private Response createTopicAction(Map<String, String> params, String requestId) {
        Map<String, String> tags = new LinkedHashMap<>();
        QueryProtocol.members(params, "Tags", "member").forEach(t -> tags.put(t.get("Key"), t.getOrDefault("Value", "")));
        Topic topic = doCreateTopic(require(params, "Name"), QueryProtocol.stringMap(params, "Attributes"), tags);
        return ok("CreateTopic", requestId, x -> x.element("TopicArn", topic.arn));
    }

    private Topic doCreateTopic(String name, Map<String, String> attributes, Map<String, String> tags) {
        boolean fifo = "true".equalsIgnoreCase(attributes.get("FifoTopic"));
        String baseName = name.endsWith(".fifo") ? name.substring(0, name.length() - 5) : name;
        if (!TOPIC_NAME.matcher(baseName).matches() || (fifo != name.endsWith(".fifo"))) {
            throw invalidParameter("Invalid parameter: Topic Name"
                    + (fifo != name.endsWith(".fifo") ? " (FIFO topic names end with .fifo, and only FIFO topics' names do)" : ""));
        }
        String arn = "arn:aws:sns:" + region + ":" + accountId + ":" + name;
        synchronized (lock) {
            Topic existing = topics.get(arn);
            if (existing != null) {
                boolean sameKind = existing.fifo == fifo && existing.contentBasedDeduplication()
                        == "true".equalsIgnoreCase(attributes.getOrDefault("ContentBasedDeduplication", String.valueOf(existing.contentBasedDeduplication())));
                if (!sameKind) {
                    throw invalidParameter("Invalid parameter: Attributes Reason: Topic already exists with different attributes");
                }
                return existing;
            }
            Topic topic = new Topic(arn, name, fifo);
            topic.attributes.putAll(attributes);
            topic.tags.putAll(tags);
            topics.put(arn, topic);
            return topic;
        }
    }

    private Response deleteTopicAction(Map<String, String> params, String requestId) {
        String arn = require(params, "TopicArn");
        synchronized (lock) {
            Topic topic = topics.remove(arn);
            if (topic != null) {
                topic.subscriptions.forEach(s -> subscriptions.remove(s.arn));
            }
        }
        return ok("DeleteTopic", requestId, null);
    }

    private Response listTopicsAction(Map<String, String> params, String requestId) {
        List<String> arns = topicArns();
        int start = pageStart(params.get("NextToken"), arns.size());
        int end = Math.min(arns.size(), start + 100);
        return ok("ListTopics", requestId, x -> {
            x.open("Topics");
            arns.subList(start, end).forEach(arn -> x.open("member").element("TopicArn", arn).close("member"));
            x.close("Topics");
            if (end < arns.size()) {
                x.element("NextToken", String.valueOf(end));
            }
        });
    }

    private Response getTopicAttributesAction(Map<String, String> params, String requestId) {
        Topic topic = topic(require(params, "TopicArn"));
        Map<String, String> attributes = new LinkedHashMap<>();
        synchronized (lock) {
            attributes.put("TopicArn", topic.arn);
            attributes.put("Owner", accountId);
            attributes.put("DisplayName", topic.attributes.getOrDefault("DisplayName", ""));
            attributes.put("SubscriptionsConfirmed", String.valueOf(topic.subscriptions.size()));
            attributes.put("SubscriptionsPending", "0");
            attributes.put("SubscriptionsDeleted", "0");
            attributes.put("FifoTopic", String.valueOf(topic.fifo));
            if (topic.fifo) {
                attributes.put("ContentBasedDeduplication", String.valueOf(topic.contentBasedDeduplication()));
            }
            topic.attributes.forEach(attributes::putIfAbsent);
        }
        return ok("GetTopicAttributes", requestId, x -> x.entries("Attributes", attributes));
    }

    private Response setTopicAttributesAction(Map<String, String> params, String requestId) {
        Topic topic = topic(require(params, "TopicArn"));
        String name = require(params, "AttributeName");
        if (name.equals("FifoTopic")) {
            throw invalidParameter("Invalid parameter: AttributeName Reason: FifoTopic cannot be changed");
        }
        synchronized (lock) {
            topic.attributes.put(name, params.getOrDefault("AttributeValue", ""));
        }
        return ok("SetTopicAttributes", requestId, null);
    }

    private Response subscribeAction(Map<String, String> params, String requestId) {
        Subscription subscription = doSubscribe(require(params, "TopicArn"), require(params, "Protocol"),
                params.get("Endpoint"), QueryProtocol.stringMap(params, "Attributes"));
        return ok("Subscribe", requestId, x -> x.element("SubscriptionArn", subscription.arn));
    }

    private Subscription doSubscribe(String topicArn, String protocol, String endpoint, Map<String, String> attributes) {
        Topic topic = topic(topicArn);
        String normalizedProtocol = protocol.toLowerCase(Locale.ROOT);
        if (!PROTOCOLS.contains(normalizedProtocol)) {
            throw invalidParameter("Invalid parameter: Amazon SNS does not support this protocol string: " + protocol);
        }
        if (endpoint == null || endpoint.isBlank()) {
            throw invalidParameter("Invalid parameter: Endpoint");
        }
        if (normalizedProtocol.equals("sqs") && !endpoint.startsWith("arn:aws:sqs:")) {
            throw invalidParameter("Invalid parameter: SQS endpoint ARN");
        }
        if (normalizedProtocol.equals("sms") && !E164.matcher(endpoint).matches()) {
            throw invalidParameter("Invalid parameter: SMS endpoint " + mask(endpoint) + " is not an E.164 phone number");
        }
        Subscription candidate = new Subscription(topicArn + ":" + UUID.randomUUID(), topicArn, normalizedProtocol, endpoint);
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            candidate.set(attribute.getKey(), attribute.getValue());
        }
        synchronized (lock) {
            for (Subscription existing : topic.subscriptions) {
                if (existing.protocol.equals(normalizedProtocol) && existing.endpoint.equals(endpoint)) {
                    if (!existing.attributes.equals(candidate.attributes) && !attributes.isEmpty()) {
                        throw invalidParameter("Invalid parameter: Attributes Reason: Subscription already exists with different attributes");
                    }
                    return existing;
                }
            }
            topic.subscriptions.add(candidate);
            subscriptions.put(candidate.arn, candidate);
            return candidate;
        }
    }

    private Response unsubscribeAction(Map<String, String> params, String requestId) {
        String arn = require(params, "SubscriptionArn");
        synchronized (lock) {
            Subscription subscription = subscriptions.remove(arn);
            if (subscription == null) {
                throw new SnsError(404, "NotFound", "Subscription does not exist");
            }
            Topic topic = topics.get(subscription.topicArn);
            if (topic != null) {
                topic.subscriptions.remove(subscription);
            }
        }
        return ok("Unsubscribe", requestId, null);
    }

    private Response listSubscriptionsAction(Map<String, String> params, String requestId, String topicArn) {
        List<Subscription> all;
        synchronized (lock) {
            all = topicArn == null ? List.copyOf(subscriptions.values()) : List.copyOf(topic(topicArn).subscriptions);
        }
        int start = pageStart(params.get("NextToken"), all.size());
        int end = Math.min(all.size(), start + 100);
        String action = topicArn == null ? "ListSubscriptions" : "ListSubscriptionsByTopic";
        return ok(action, requestId, x -> {
            x.open("Subscriptions");
            for (Subscription s : all.subList(start, end)) {
                x.open("member").element("SubscriptionArn", s.arn).element("Owner", accountId)
                        .element("Protocol", s.protocol).element("Endpoint", s.endpoint).element("TopicArn", s.topicArn)
                        .close("member");
            }
            x.close("Subscriptions");
            if (end < all.size()) {
                x.element("NextToken", String.valueOf(end));
            }
        });
    }

    private Response getSubscriptionAttributesAction(Map<String, String> params, String requestId) {
        Subscription s = subscription(require(params, "SubscriptionArn"));
        Map<String, String> attributes = new LinkedHashMap<>();
        synchronized (lock) {
            attributes.put("SubscriptionArn", s.arn);
            attributes.put("TopicArn", s.topicArn);
            attributes.put("Owner", accountId);
            attributes.put("Protocol", s.protocol);
            attributes.put("Endpoint", s.endpoint);
            attributes.put("ConfirmationWasAuthenticated", "true");
            attributes.put("PendingConfirmation", "false");
            attributes.put("RawMessageDelivery", String.valueOf(s.raw()));
            attributes.putAll(s.attributes);
        }
        return ok("GetSubscriptionAttributes", requestId, x -> x.entries("Attributes", attributes));
    }

    private Response setSubscriptionAttributesAction(Map<String, String> params, String requestId) {
        Subscription s = subscription(require(params, "SubscriptionArn"));
        synchronized (lock) {
            s.set(require(params, "AttributeName"), params.getOrDefault("AttributeValue", ""));
        }
        return ok("SetSubscriptionAttributes", requestId, null);
    }

    // ---------------------------------------------------------------- Publish

    /** One message to publish, from Publish or a PublishBatch entry. */
    private record Outgoing(String message, String subject, String messageStructure, Map<String, MessageAttribute> attributes,
                            String groupId, String deduplicationId) {}

    private record Published(String messageId, String sequenceNumber) {}

    private record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {}

    private Response publishAction(Map<String, String> params, String requestId) {
        String topicArn = params.get("TopicArn");
        String targetArn = params.get("TargetArn");
        String phoneNumber = params.get("PhoneNumber");
        long targets = java.util.stream.Stream.of(topicArn, targetArn, phoneNumber).filter(t -> t != null && !t.isEmpty()).count();
        if (targets == 0) {
            throw invalidParameter("Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
        }
        if (targets > 1) {
            throw invalidParameter("Invalid parameter: TopicArn or TargetArn Reason: Only one of TopicArn, TargetArn or PhoneNumber may be given");
        }
        Outgoing outgoing = outgoing(params);
        if (phoneNumber != null && !phoneNumber.isEmpty()) {
            if (!E164.matcher(phoneNumber).matches()) {
                throw invalidParameter("Invalid parameter: PhoneNumber Reason: " + mask(phoneNumber) + " is not valid to publish to");
            }
            String messageId = UUID.randomUUID().toString();
            SentSms sent = recordSms(messageId, phoneNumber, protocolMessage(outgoing, "sms"), outgoing.attributes);
            logDeliveryStatus(messageId, phoneNumber, sent.smsType(), sent.sentAt());
            return ok("Publish", requestId, x -> x.element("MessageId", messageId));
        }
        String arn = topicArn != null && !topicArn.isEmpty() ? topicArn : targetArn;
        if (!arn.startsWith("arn:aws:sns:") || arn.contains(":endpoint/")) {
            throw invalidParameter("Invalid parameter: TargetArn Reason: only topic ARNs are supported by the embedded SNS");
        }
        Published published = publishToTopic(topic(arn), outgoing);
        return ok("Publish", requestId, x -> x.element("MessageId", published.messageId)
                .element("SequenceNumber", published.sequenceNumber));
    }

    private Response publishBatchAction(Map<String, String> params, String requestId) {
        Topic topic = topic(require(params, "TopicArn"));
        List<Map<String, String>> entries = QueryProtocol.members(params, "PublishBatchRequestEntries", "member");
        if (entries.isEmpty()) {
            throw new SnsError(400, "EmptyBatchRequest", "The batch request doesn't contain any entries.");
        }
        if (entries.size() > 10) {
            throw new SnsError(400, "TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible (10).");
        }
        Set<String> ids = new HashSet<>();
        for (Map<String, String> entry : entries) {
            String id = entry.get("Id");
            if (id == null || !BATCH_ENTRY_ID.matcher(id).matches()) {
                throw new SnsError(400, "InvalidBatchEntryId", "The Id of a batch entry in a batch request doesn't abide by the specification.");
            }
            if (!ids.add(id)) {
                throw new SnsError(400, "BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.");
            }
        }
        record Result(String id, Published published, SnsError error) {}
        List<Result> results = new ArrayList<>();
        for (Map<String, String> entry : entries) {
            try {
                results.add(new Result(entry.get("Id"), publishToTopic(topic, outgoing(entry)), null));
            } catch (SnsError e) {
                results.add(new Result(entry.get("Id"), null, e));
            }
        }
        return ok("PublishBatch", requestId, x -> {
            x.open("Successful");
            results.stream().filter(r -> r.error == null).forEach(r -> x.open("member").element("Id", r.id)
                    .element("MessageId", r.published.messageId).element("SequenceNumber", r.published.sequenceNumber)
                    .close("member"));
            x.close("Successful").open("Failed");
            results.stream().filter(r -> r.error != null).forEach(r -> x.open("member").element("Id", r.id)
                    .element("Code", r.error.code).element("Message", r.error.getMessage())
                    .element("SenderFault", String.valueOf(r.error.status < 500)).close("member"));
            x.close("Failed");
        });
    }

    private Outgoing outgoing(Map<String, String> params) {
        String message = params.get("Message");
        if (message == null) {
            throw new SnsError(400, "ValidationError",
                    "1 validation error detected: Value null at 'message' failed to satisfy constraint: Member must not be null");
        }
        if (message.isEmpty()) {
            throw invalidParameter("Invalid parameter: Empty message");
        }
        String subject = params.get("Subject");
        if (subject != null && (subject.isEmpty() || subject.length() > 100 || subject.chars().anyMatch(c -> c < 0x20))) {
            throw invalidParameter("Invalid parameter: Subject");
        }
        String structure = params.get("MessageStructure");
        if (structure != null && !structure.equals("json")) {
            throw invalidParameter("Invalid parameter: MessageStructure");
        }
        if ("json".equals(structure)) {
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(message);
            } catch (JsonProcessingException e) {
                throw invalidParameter("Invalid parameter: Message Structure - JSON message body failed to parse");
            }
            if (json == null || !json.isObject() || !json.has("default") || !json.get("default").isTextual()) {
                throw invalidParameter("Invalid parameter: Message Structure - No default entry in JSON message body");
            }
        }
        Map<String, MessageAttribute> attributes = messageAttributes(params);
        int size = message.getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, MessageAttribute> a : attributes.entrySet()) {
            size += a.getKey().length() + a.getValue().dataType.length()
                    + (a.getValue().stringValue != null ? a.getValue().stringValue.getBytes(StandardCharsets.UTF_8).length : 0)
                    + (a.getValue().binaryValue != null ? a.getValue().binaryValue.length : 0);
        }
        if (size > MAX_MESSAGE_BYTES) {
            throw invalidParameter("Invalid parameter: Message too long");
        }
        return new Outgoing(message, subject, structure, attributes, params.get("MessageGroupId"), params.get("MessageDeduplicationId"));
    }

    private static Map<String, MessageAttribute> messageAttributes(Map<String, String> params) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        for (Map<String, String> entry : QueryProtocol.members(params, "MessageAttributes", "entry")) {
            String name = entry.get("Name");
            String type = entry.get("Value.DataType");
            if (name == null || name.isEmpty()) {
                throw invalidParameter("Invalid parameter: MessageAttributes Reason: an attribute has no name");
            }
            if (type == null || !type.matches("(String|Number|Binary)(\\..+)?")) {
                throw new SnsError(400, "ParameterValueInvalid",
                        "The message attribute '" + name + "' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.");
            }
            String stringValue = entry.get("Value.StringValue");
            String binary = entry.get("Value.BinaryValue");
            byte[] binaryValue = binary == null ? null : Base64.getDecoder().decode(binary);
            boolean isBinary = type.startsWith("Binary");
            if (isBinary ? binaryValue == null || binaryValue.length == 0 : stringValue == null || stringValue.isEmpty()) {
                throw new SnsError(400, "ParameterValueInvalid",
                        "The message attribute '" + name + "' must contain non-empty message attribute value for message attribute type '" + type + "'.");
            }
            if (type.startsWith("Number")) {
                try {
                    new BigDecimal(stringValue);
                } catch (NumberFormatException e) {
                    throw new SnsError(400, "ParameterValueInvalid",
                            "The message attribute '" + name + "' with type 'Number' must use a valid number.");
                }
            }
            attributes.put(name, new MessageAttribute(type, stringValue, binaryValue));
        }
        return attributes;
    }

    private Published publishToTopic(Topic topic, Outgoing outgoing) {
        String groupId = null;
        String deduplicationId = null;
        String sequenceNumber = null;
        if (topic.fifo) {
            groupId = outgoing.groupId;
            if (groupId == null || groupId.isEmpty()) {
                throw invalidParameter("Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
            }
            deduplicationId = outgoing.deduplicationId;
            if (deduplicationId == null || deduplicationId.isEmpty()) {
                if (!topic.contentBasedDeduplication()) {
                    throw invalidParameter("Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
                }
                deduplicationId = sha256(outgoing.message);
            }
            Published duplicate = topic.duplicateOf(deduplicationId);
            if (duplicate != null) {
                return duplicate;
            }
            sequenceNumber = String.format("%020d", topic.sequence.incrementAndGet());
        }
        // On standard topics SNS now accepts MessageGroupId (for SQS fair queues); it does not affect delivery here.
        Published published = new Published(UUID.randomUUID().toString(), sequenceNumber);
        if (topic.fifo) {
            topic.remember(deduplicationId, published);
        }
        List<Subscription> targets;
        synchronized (lock) {
            targets = List.copyOf(topic.subscriptions);
        }
        Instant now = Instant.now();
        for (Subscription subscription : targets) {
            if (!subscription.accepts(outgoing)) {
                continue;
            }
            deliver(topic, subscription, outgoing, published, groupId, deduplicationId, now);
        }
        return published;
    }

    private void deliver(Topic topic, Subscription subscription, Outgoing outgoing, Published published,
                         String groupId, String deduplicationId, Instant now) {
        String message = protocolMessage(outgoing, subscription.protocol);
        switch (subscription.protocol) {
            case "sqs" -> deliverToQueue(topic, subscription, outgoing, message, published, groupId, deduplicationId, now);
            case "sms" -> recordSms(published.messageId, subscription.endpoint, message, outgoing.attributes);
            default -> {
                if (undeliverableProtocolsLogged.add(subscription.arn)) {
                    StackLog.warn("SNS: " + subscription.protocol + " subscription " + subscription.endpoint + " on " + topic.name
                            + " is recorded but not delivered by the embedded stack");
                }
            }
        }
    }

    private void deliverToQueue(Topic topic, Subscription subscription, Outgoing outgoing, String message,
                                Published published, String groupId, String deduplicationId, Instant now) {
        SendMessageRequest.Builder request = SendMessageRequest.builder();
        if (subscription.raw()) {
            request.messageBody(message);
            Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
            outgoing.attributes.forEach((name, a) -> attributes.put(name, MessageAttributeValue.builder().dataType(a.dataType)
                    .stringValue(a.stringValue).binaryValue(a.binaryValue == null ? null : SdkBytes.fromByteArray(a.binaryValue))
                    .build()));
            request.messageAttributes(attributes);
        } else {
            request.messageBody(envelope(topic, subscription, outgoing, message, published, now));
        }
        String queueName = subscription.endpoint.substring(subscription.endpoint.lastIndexOf(':') + 1);
        if (queueName.endsWith(".fifo")) {
            // A FIFO queue needs a group; from a standard topic SNS cannot deliver to one at all.
            if (groupId == null) {
                StackLog.warn("SNS: cannot deliver from standard topic " + topic.name + " to FIFO queue " + queueName);
                return;
            }
            request.messageGroupId(groupId).messageDeduplicationId(deduplicationId);
        }
        try {
            request.queueUrl(queueUrl(subscription.endpoint, queueName));
            sqs.sendMessage(request.build());
        } catch (QueueDoesNotExistException e) {
            queueUrlsByArn.remove(subscription.endpoint);
            StackLog.warn("SNS: subscription " + subscription.arn + " points at queue " + queueName + ", which does not exist; message "
                    + published.messageId + " dropped");
        } catch (RuntimeException e) {
            StackLog.error("SNS: delivery of " + published.messageId + " to " + queueName + " failed", e);
        }
    }

    private String queueUrl(String queueArn, String queueName) {
        return queueUrlsByArn.computeIfAbsent(queueArn, arn -> sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl());
    }

    /** The notification body SQS subscribers see, with the fields and order real SNS uses. */
    private String envelope(Topic topic, Subscription subscription, Outgoing outgoing, String message, Published published, Instant now) {
        ObjectNode envelope = JSON.objectNode();
        envelope.put("Type", "Notification");
        envelope.put("MessageId", published.messageId);
        if (published.sequenceNumber != null) {
            envelope.put("SequenceNumber", published.sequenceNumber);
        }
        envelope.put("TopicArn", topic.arn);
        if (outgoing.subject != null) {
            envelope.put("Subject", outgoing.subject);
        }
        envelope.put("Message", message);
        envelope.put("Timestamp", TIMESTAMP.format(now));
        if (!topic.fifo) {
            // The embedded stack cannot sign as AWS does; these fields keep the envelope's shape.
            envelope.put("SignatureVersion", "1");
            envelope.put("Signature", Base64.getEncoder().encodeToString(("unsigned:" + published.messageId).getBytes(StandardCharsets.UTF_8)));
            envelope.put("SigningCertURL", edgeEndpoint + "/_wispbill/sns/SimpleNotificationService-local.pem");
        }
        envelope.put("UnsubscribeURL", edgeEndpoint + "/?Action=Unsubscribe&SubscriptionArn=" + subscription.arn);
        if (!outgoing.attributes.isEmpty()) {
            ObjectNode attributes = envelope.putObject("MessageAttributes");
            outgoing.attributes.forEach((name, a) -> attributes.putObject(name).put("Type", a.dataType).put("Value",
                    a.binaryValue != null ? Base64.getEncoder().encodeToString(a.binaryValue) : a.stringValue));
        }
        return envelope.toString();
    }

    private static String protocolMessage(Outgoing outgoing, String protocol) {
        if (!"json".equals(outgoing.messageStructure)) {
            return outgoing.message;
        }
        try {
            JsonNode json = Json.MAPPER.readTree(outgoing.message);
            JsonNode specific = json.get(protocol);
            return specific != null && specific.isTextual() ? specific.asText() : json.get("default").asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("validated before", e);
        }
    }

    private SentSms recordSms(String messageId, String phoneNumber, String message, Map<String, MessageAttribute> attributes) {
        Map<String, String> stringAttributes = new LinkedHashMap<>();
        attributes.forEach((name, a) -> {
            if (a.stringValue != null) {
                stringAttributes.put(name, a.stringValue);
            }
        });
        String senderId = stringAttributes.getOrDefault("AWS.SNS.SMS.SenderID", smsAttributes.get("DefaultSenderID"));
        String smsType = stringAttributes.getOrDefault("AWS.SNS.SMS.SMSType", smsAttributes.get("DefaultSMSType"));
        SentSms sent = new SentSms(messageId, phoneNumber, message, senderId, smsType, stringAttributes, Instant.now());
        sentSms.add(sent);
        // The text is not logged: SMS carry voucher codes and other secrets.
        StackLog.info("SNS: SMS to " + mask(phoneNumber) + " (" + message.length() + " chars"
                + (smsType != null ? ", " + smsType : "") + ") recorded as " + messageId);
        return sent;
    }

    /** {@code +254712345678} becomes {@code +254*******78}: enough to tell numbers apart in a log. */
    static String mask(String phoneNumber) {
        if (phoneNumber == null || phoneNumber.length() <= 6) {
            return "***";
        }
        int keepStart = phoneNumber.startsWith("+") ? 4 : 3;
        return phoneNumber.substring(0, keepStart) + "*".repeat(phoneNumber.length() - keepStart - 2)
                + phoneNumber.substring(phoneNumber.length() - 2);
    }

    // ---------------------------------------------------------------- helpers

    private Topic topic(String arn) {
        synchronized (lock) {
            Topic topic = topics.get(arn);
            if (topic == null) {
                throw new SnsError(404, "NotFound", "Topic does not exist");
            }
            return topic;
        }
    }

    private Subscription subscription(String arn) {
        synchronized (lock) {
            Subscription subscription = subscriptions.get(arn);
            if (subscription == null) {
                throw new SnsError(404, "NotFound", "Subscription does not exist");
            }
            return subscription;
        }
    }

    private static String require(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw invalidParameter("Invalid parameter: " + name + " Reason: no value for required parameter");
        }
        return value;
    }

    private static int pageStart(String nextToken, int size) {
        if (nextToken == null || nextToken.isEmpty()) {
            return 0;
        }
        try {
            int start = Integer.parseInt(nextToken);
            if (start >= 0 && start <= size) {
                return start;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw invalidParameter("Invalid parameter: NextToken");
    }

    private static SnsError invalidParameter(String message) {
        return new SnsError(400, "InvalidParameter", message);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response ok(String action, String requestId, Consumer<QueryProtocol.Xml> result) {
        QueryProtocol.Xml xml = new QueryProtocol.Xml().open(action + "Response", NAMESPACE);
        if (result != null) {
            xml.open(action + "Result");
            result.accept(xml);
            xml.close(action + "Result");
        }
        xml.open("ResponseMetadata").element("RequestId", requestId).close("ResponseMetadata").close(action + "Response");
        return new Response(200, "text/xml", xml.bytes());
    }

    private static Response error(SnsError error, String requestId) {
        QueryProtocol.Xml xml = new QueryProtocol.Xml().open("ErrorResponse", NAMESPACE).open("Error")
                .element("Type", error.status < 500 ? "Sender" : "Receiver").element("Code", error.code)
                .element("Message", error.getMessage()).close("Error").element("RequestId", requestId).close("ErrorResponse");
        return new Response(error.status, "text/xml", xml.bytes());
    }

    /** An error reported to the caller in AWS's format. */
    private static final class SnsError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        SnsError(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    private static final class Topic {
        final String arn;
        final String name;
        final boolean fifo;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final Map<String, String> tags = new ConcurrentHashMap<>();
        final List<Subscription> subscriptions = new ArrayList<>();
        final AtomicLong sequence = new AtomicLong(10_000_000_000_000_000L);
        private final Map<String, Published> recentDeduplicationIds = new LinkedHashMap<>();
        private final Map<String, Instant> deduplicationExpiry = new LinkedHashMap<>();

        Topic(String arn, String name, boolean fifo) {
            this.arn = arn;
            this.name = name;
            this.fifo = fifo;
        }

        boolean contentBasedDeduplication() {
            return "true".equalsIgnoreCase(attributes.get("ContentBasedDeduplication"));
        }

        synchronized Published duplicateOf(String deduplicationId) {
            Instant now = Instant.now();
            deduplicationExpiry.entrySet().removeIf(e -> {
                boolean expired = e.getValue().isBefore(now);
                if (expired) {
                    recentDeduplicationIds.remove(e.getKey());
                }
                return expired;
            });
            return recentDeduplicationIds.get(deduplicationId);
        }

        synchronized void remember(String deduplicationId, Published published) {
            recentDeduplicationIds.put(deduplicationId, published);
            deduplicationExpiry.put(deduplicationId, Instant.now().plus(FIFO_DEDUPLICATION_WINDOW));
        }
    }

    private static final class Subscription {
        final String arn;
        final String topicArn;
        final String protocol;
        final String endpoint;
        final Map<String, String> attributes = new LinkedHashMap<>();
        private volatile EventPattern filter;

        Subscription(String arn, String topicArn, String protocol, String endpoint) {
            this.arn = arn;
            this.topicArn = topicArn;
            this.protocol = protocol;
            this.endpoint = endpoint;
        }

        boolean raw() {
            return "true".equalsIgnoreCase(attributes.get("RawMessageDelivery"));
        }

        void set(String name, String value) {
            switch (name) {
                case "RawMessageDelivery" -> {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                        throw invalidParameter("Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [" + value + "]. Must be true or false.");
                    }
                    attributes.put(name, value.toLowerCase(Locale.ROOT));
                }
                case "FilterPolicy" -> {
                    if (value.isEmpty()) {
                        filter = null;
                        attributes.remove(name);
                        return;
                    }
                    try {
                        filter = EventPattern.parse(Json.MAPPER.readTree(value));
                    } catch (JsonProcessingException | IllegalArgumentException e) {
                        throw invalidParameter("Invalid parameter: FilterPolicy: " + e.getMessage());
                    }
                    attributes.put(name, value);
                }
                case "FilterPolicyScope" -> {
                    if (!value.equals("MessageAttributes") && !value.equals("MessageBody")) {
                        throw invalidParameter("Invalid parameter: FilterPolicyScope: Invalid value [" + value + "]");
                    }
                    attributes.put(name, value);
                }
                case "DeliveryPolicy", "RedrivePolicy", "SubscriptionRoleArn", "ReplayPolicy" -> attributes.put(name, value);
                default -> throw invalidParameter("Invalid parameter: AttributeName");
            }
        }

        boolean accepts(Outgoing outgoing) {
            EventPattern pattern = filter;
            if (pattern == null) {
                return true;
            }
            if ("MessageBody".equals(attributes.get("FilterPolicyScope"))) {
                try {
                    return pattern.matches(Json.MAPPER.readTree(outgoing.message));
                } catch (JsonProcessingException e) {
                    return false; // a body filter never matches a message that is not JSON
                }
            }
            ObjectNode document = JSON.objectNode();
            outgoing.attributes.forEach((name, a) -> {
                if (a.dataType.startsWith("Number")) {
                    document.put(name, new BigDecimal(a.stringValue));
                } else if (a.dataType.startsWith("String.Array")) {
                    try {
                        JsonNode array = Json.MAPPER.readTree(a.stringValue);
                        document.set(name, array.isArray() ? (ArrayNode) array : JSON.textNode(a.stringValue));
                    } catch (JsonProcessingException e) {
                        document.put(name, a.stringValue);
                    }
                } else if (a.dataType.startsWith("String")) {
                    document.put(name, a.stringValue);
                }
            });
            return pattern.matches(document);
        }
    }
}
