package com.wispbill.api;

import com.wispbill.api.service.WhatsAppConnection;
import java.util.Map;
import java.util.Arrays;
import java.util.EnumMap;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.notify.WhatsAppTemplate;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.adapters.http.JsonInput;
import com.wispbill.api.service.CustomerService;
import com.wispbill.api.service.PlanService;
import com.wispbill.api.service.ResellerAdmin;
import com.wispbill.api.service.RouterService;
import com.wispbill.api.service.SettingsService;
import com.wispbill.api.service.SubscriberService;
import com.wispbill.api.service.VoucherBatchService;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.ValidityStart;
import com.wispbill.domain.notify.SmsApprovals;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Request bodies read into the services' typed commands: JSON field types, required fields and fields
 * the request does not have are checked here, business rules in the services. Where a command carries
 * {@code inputErrors}, the service answers them in one 400 with its own, as one form with every problem.
 */
final class RequestCommands {
    private RequestCommands() {
    }

    /**
     * {@code senderIds} (required, may be empty) and {@code linksAllowed} (default false); they replace the
     * earlier approvals.
     */
    static SmsApprovals approvals(JsonInput body) {
        List<String> senderIds = body.stringList("senderIds");
        boolean links = body.optionalBoolean("linksAllowed").orElse(false);
        return body.finish(() -> new SmsApprovals(senderIds, links), UnaryOperator.identity());
    }

    /** {@code reminderLeadMinutes}: a whole number, its bounds the service's. */
    static long reminderLeadMinutes(JsonInput body) {
        Long minutes = body.longValue("reminderLeadMinutes");
        body.finish();
        return minutes;
    }

    /** {@code language} (required) and {@code senderId} (absent or null: the platform's sender id). */
    static SettingsService.SetSms setSms(JsonInput body) {
        String language = body.string("language");
        var senderId = body.optionalString("senderId");
        return new SettingsService.SetSms(language, senderId, body.errors());
    }

    /**
     * {@code {"templates": {"<EVENT>": {"name", "language"}}}}: the events are those the notifier sends
     * ({@code SmsTemplate}); another key is an unknown field.
     */
    static Map<SmsTemplate, WhatsAppTemplate> whatsAppTemplates(JsonInput body) {
        Map<SmsTemplate, WhatsAppTemplate> templates = new EnumMap<>(SmsTemplate.class);
        Optional<JsonInput> given = body.optionalObject("templates");
        if (given.isEmpty() && !body.hasErrorFor("templates")) {
            body.error("templates", "is required: an object from event " + Arrays.toString(SmsTemplate.values())
                    + " to {name, language}");
        }
        given.ifPresent(events -> {
            for (SmsTemplate event : SmsTemplate.values()) {
                events.optionalObject(event.name()).ifPresent(t -> {
                    String name = t.string("name");
                    String language = t.string("language");
                    if (name != null && language != null) {
                        try {
                            templates.put(event, new WhatsAppTemplate(name, language));
                        } catch (ValidationException e) {
                            t.addAll(e);
                        }
                    }
                });
            }
        });
        body.finish();
        return templates;
    }

    /** {@code phoneNumberId}, {@code accessToken}, {@code appSecret}, {@code verifyToken}, all required. */
    static WhatsAppConnection whatsAppConnection(JsonInput body) {
        String phoneNumberId = body.string("phoneNumberId");
        String accessToken = body.string("accessToken");
        String appSecret = body.string("appSecret");
        String verifyToken = body.string("verifyToken");
        return body.finish(() -> new WhatsAppConnection(phoneNumberId, accessToken, appSecret, verifyToken),
                UnaryOperator.identity());
    }

    /** {@code {"optedIn": true|false}}, required. */
    static boolean whatsAppOptIn(JsonInput body) {
        Optional<Boolean> optedIn = body.optionalBoolean("optedIn");
        if (optedIn.isEmpty() && !body.hasErrorFor("optedIn")) {
            body.error("optedIn", "is required (true or false)");
        }
        body.finish();
        return optedIn.orElseThrow();
    }

    /** {@code {"addresses": [...]}}, required; the addresses' rules are the repository's. */
    static List<String> alertEmails(JsonInput body) {
        List<String> addresses = body.stringList("addresses");
        body.finish();
        return addresses;
    }

    /** {@code {"text": ...}}. */
    static SettingsService.SetTemplate setTemplate(JsonInput body) {
        String text = body.string("text");
        return new SettingsService.SetTemplate(text, body.errors());
    }

    /**
     * {@code duration} (required, ISO-8601), {@code amountMinor} (default 0) and {@code memo}; a duration
     * that does not parse is an input error.
     */
    static CustomerService.Extend extend(JsonInput body) {
        String durationText = body.string("duration");
        Duration duration = null;
        if (durationText != null) {
            try {
                duration = Duration.parse(durationText.strip());
            } catch (DateTimeParseException e) {
                body.error("duration", "must be an ISO-8601 duration like PT24H or P7D");
            }
        }
        long amountMinor = body.optionalLong("amountMinor").orElse(0L);
        Optional<String> memo = body.optionalString("memo");
        return new CustomerService.Extend(duration, amountMinor, memo, body.errors());
    }

    /** {@code phone} (required), {@code name}, {@code email}, {@code location}: a customer's details, whole. */
    static SubscriberService.CustomerDetails customer(JsonInput body) {
        String phone = body.string("phone");
        Optional<String> name = body.optionalString("name");
        Optional<String> email = body.optionalString("email");
        Optional<String> location = body.optionalString("location");
        return new SubscriberService.CustomerDetails(phone, name, email, location, body.errors());
    }

    /**
     * {@code customerId}, {@code planId}, {@code routerId}, {@code kind} (PPPOE or HOTSPOT), {@code username},
     * {@code password} (all required), {@code staticIp} and {@code macAddress} (PPPoE only).
     */
    static SubscriberService.NewSubscription newSubscription(JsonInput body) {
        String customerId = body.string("customerId");
        String planId = body.string("planId");
        String routerId = body.string("routerId");
        String kind = body.string("kind");
        String username = body.string("username");
        String password = body.string("password");
        Optional<String> staticIp = body.optionalString("staticIp");
        Optional<String> macAddress = body.optionalString("macAddress");
        boolean autoRenew = body.optionalBoolean("autoRenew").orElse(false);
        return new SubscriberService.NewSubscription(customerId, planId, routerId, kind, username, password, staticIp,
                macAddress, autoRenew, body.errors());
    }

    /** {@code amountMinor} (default: the plan's price) and {@code memo}; the body's hash binds the Idempotency-Key. */
    static CustomerService.CashRenewal cashRenewal(JsonInput body) {
        String requestHash = body.canonicalHash();
        Optional<Long> amountMinor = body.optionalLong("amountMinor");
        Optional<String> memo = body.optionalString("memo");
        return new CustomerService.CashRenewal(amountMinor, memo, requestHash, body.errors());
    }

    static RouterService.RegisterRouter registerRouter(JsonInput body) {
        String name = body.string("name");
        Optional<String> host = body.optionalString("host");
        Optional<Integer> apiPort = body.optionalInt("apiPort");
        Optional<Boolean> useTls = body.optionalBoolean("useTls");
        Optional<Boolean> allowPlainApi = body.optionalBoolean("allowPlainApi");
        Optional<String> hotspotServer = body.optionalString("hotspotServer");
        Optional<String> site = body.optionalString("site");
        Optional<String> wifiName = body.optionalString("wifiName");
        Optional<String> zone = body.optionalString("zone");
        return new RouterService.RegisterRouter(name, host, apiPort, useTls, allowPlainApi, hotspotServer, site, wifiName,
                zone, body.errors());
    }

    /** A plan's fields; {@code active} is a field only when {@code replacing}. */
    static PlanService.PlanTerms plan(JsonInput body, boolean replacing) {
        String name = body.string("name");
        Long price = body.longValue("priceMinor");
        Optional<Duration> validity = Optional.empty();
        Optional<Integer> validityDays = Optional.empty();
        Optional<Integer> validityMonths = Optional.empty();
        Optional<JsonInput> validityObject = body.optionalObject("validity");
        if (validityObject.isEmpty()) {
            if (!body.hasErrorFor("validity")) {
                body.error("validity", "is required, e.g. {\"type\": \"FIXED\", \"duration\": \"PT24H\"} or "
                        + "{\"type\": \"UNTIL_END_OF_DAY\", \"days\": 1} or {\"type\": \"MONTHLY\", \"months\": 1}");
            }
        } else {
            JsonInput v = validityObject.get();
            String type = v.string("type");
            if (type != null) {
                switch (type.strip().toUpperCase(Locale.ROOT)) {
                    case "FIXED" -> {
                        String d = v.string("duration");
                        if (d != null) {
                            validity = Optional.ofNullable(duration(v, "duration", d));
                        }
                    }
                    case "UNTIL_END_OF_DAY" -> validityDays = Optional.ofNullable(v.intValue("days"));
                    case "MONTHLY" -> validityMonths = Optional.ofNullable(v.intValue("months"));
                    default -> v.error("type", "must be FIXED, UNTIL_END_OF_DAY or MONTHLY");
                }
            }
        }
        Optional<ValidityStart> validityStart = body.optionalString("validityStart").flatMap(s -> {
            try {
                return Optional.of(ValidityStart.valueOf(s.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                body.error("validityStart", "must be AT_SALE or AT_FIRST_USE");
                return Optional.empty();
            }
        });
        Optional<Duration> timeLimit = body.optionalString("timeLimit").map(s -> duration(body, "timeLimit", s));
        Optional<String> dataLimit = body.optionalString("dataLimit");
        Optional<String> rateLimit = body.optionalString("rateLimit");
        Optional<Integer> sharedUsers = body.optionalInt("sharedUsers");
        Optional<Boolean> active = replacing ? body.optionalBoolean("active") : Optional.empty();
        Optional<String> enforcement = body.optionalString("enforcement");
        Optional<String> fairUseRate = body.optionalString("fairUseRate");
        return new PlanService.PlanTerms(name, price, validity, validityDays, validityStart, timeLimit, dataLimit,
                rateLimit, sharedUsers, active, validityMonths, body.errors(), enforcement, fairUseRate);
    }

    /** An ISO-8601 duration, or null with the error recorded. */
    private static Duration duration(JsonInput body, String field, String text) {
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            body.error(field, "must be an ISO-8601 duration like PT24H, PT30M or P7D");
            return null;
        }
    }

    /** {@code planId}, {@code routerIds} and {@code quantity}, and the body's hash an Idempotency-Key is bound to. */
    static VoucherBatchService.OrderVoucherBatch orderVoucherBatch(JsonInput body) {
        String requestHash = body.canonicalHash();
        String planId = body.string("planId");
        List<String> routerIds = body.stringList("routerIds");
        Integer quantity = body.intValue("quantity");
        return new VoucherBatchService.OrderVoucherBatch(planId, routerIds, quantity, requestHash, body.errors());
    }

    /** The operator's onboarding of a reseller. */
    static ResellerAdmin.NewReseller newReseller(JsonInput body) {
        ResellerAdmin.NewReseller input = new ResellerAdmin.NewReseller(body.string("name"), body.string("zone"),
                body.string("currency"), body.optionalInt("voucherCodeLength"), body.optionalLong("outstandingVoucherLimit"));
        return body.finish(() -> input, UnaryOperator.identity());
    }

    /** {@code limit}: the outstanding-voucher quota, a whole number (its bounds the service's). */
    static long outstandingLimit(JsonInput body) {
        Long limit = body.longValue("limit");
        return body.finish(() -> limit, UnaryOperator.identity());
    }

    /** {@code role}: RESELLER (the default) or OPERATOR. */
    static ApiKeyRole keyRole(JsonInput body) {
        String roleText = body.optionalString("role").orElse(ApiKeyRole.RESELLER.name());
        ApiKeyRole role = null;
        try {
            role = ApiKeyRole.valueOf(roleText.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            body.error("role", "must be RESELLER or OPERATOR");
        }
        ApiKeyRole chosen = role;
        return body.finish(() -> chosen, UnaryOperator.identity());
    }
}
