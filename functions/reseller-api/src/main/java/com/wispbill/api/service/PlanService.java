package com.wispbill.api.service;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.adapters.repository.SmsTemplateRepository;
import com.wispbill.adapters.http.JsonInput;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.ValidityStart;
import com.wispbill.domain.notify.SmsApprovals;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Plans of the caller's reseller. Prices are whole minor units of the reseller's currency
 * ({@code priceMinor: 5000} is KES 50.00); data limits must state their unit (GB = 10^9 bytes,
 * GiB = 2^30); plans are deactivated, never deleted, because vouchers and payments refer to them.
 */
public final class PlanService {
    /** A number with a unit; a bare number would silently mean bytes. */
    private static final Pattern HAS_UNIT = Pattern.compile(".*\\d\\s*[A-Za-z]+\\s*");

    private final PlanRepository plans;
    private final SmsTemplateRepository sms;
    private final Clock clock;

    /** {@code sms}: the operator's SMS approvals, since a plan's name goes into the customers' SMS as {plan}. */
    public PlanService(PlanRepository plans, SmsTemplateRepository sms, Clock clock) {
        this.plans = plans;
        this.sms = sms;
        this.clock = clock;
    }

    public Plan create(Reseller reseller, JsonInput body) {
        Plan.Builder builder = Plan.builder().newId(clock).resellerId(reseller.id());
        Plan plan = read(reseller, body, builder, false);
        plans.create(plan);
        return plan;
    }

    /** Replaces every field of an existing plan (PUT); id and creation time stay. */
    public Plan replace(Reseller reseller, String planId, JsonInput body) {
        Plan current = plans.get(reseller.id(), planId);
        Plan.Builder builder = Plan.builder().id(current.id()).resellerId(reseller.id()).createdAt(current.createdAt());
        Plan plan = read(reseller, body, builder, true);
        plans.update(plan);
        return plan;
    }

    public Plan deactivate(Reseller reseller, String planId) {
        Plan current = plans.get(reseller.id(), planId);
        if (!current.active()) {
            return current;
        }
        Plan plan = current.deactivated();
        plans.update(plan);
        return plan;
    }

    public Plan get(Reseller reseller, String planId) {
        return plans.get(reseller.id(), planId);
    }

    public Page<Plan> list(Reseller reseller, PageRequest page) {
        return plans.list(reseller.id(), page);
    }

    private Plan read(Reseller reseller, JsonInput body, Plan.Builder builder, boolean replacing) {
        String name = body.string("name");
        builder.name(name);
        SmsApprovals.findLink(name).filter(link -> !sms.approvals(reseller.id()).linksAllowed()).ifPresent(link ->
                body.error("name", "contains a link (" + link + "); plan names are sent in SMS, where links need the"
                        + " operator's approval for this account"));
        Long price = body.longValue("priceMinor");
        if (price != null) {
            if (price < 0) {
                body.error("priceMinor", "must not be negative (a free plan has priceMinor 0)");
            } else {
                builder.price(new Money(price, reseller.currency()));
            }
        }
        readValidity(body, builder);
        body.optionalString("validityStart").ifPresent(s -> {
            try {
                builder.validityStart(ValidityStart.valueOf(s.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                body.error("validityStart", "must be AT_SALE or AT_FIRST_USE");
            }
        });
        body.optionalString("timeLimit").ifPresent(s -> builder.timeLimit(duration(body, "timeLimit", s)));
        body.optionalString("dataLimit").ifPresent(s -> {
            if (!HAS_UNIT.matcher(s).matches()) {
                body.error("dataLimit", "must state a unit: B, KB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB "
                        + "(powers of 1024), e.g. 5GB");
            } else {
                builder.dataLimit(s);
            }
        });
        body.optionalString("rateLimit").ifPresent(builder::rateLimit);
        body.optionalInt("sharedUsers").ifPresent(builder::sharedUsers);
        if (replacing) {
            body.optionalBoolean("active").ifPresent(builder::active);
        }
        return body.finish(builder::build, PlanService::apiField);
    }

    private static void readValidity(JsonInput body, Plan.Builder builder) {
        Optional<JsonInput> validity = body.optionalObject("validity");
        if (validity.isEmpty()) {
            if (!body.hasErrorFor("validity")) {
                body.error("validity", "is required, e.g. {\"type\": \"FIXED\", \"duration\": \"PT24H\"} or "
                        + "{\"type\": \"UNTIL_END_OF_DAY\", \"days\": 1}");
            }
            return;
        }
        JsonInput v = validity.get();
        String type = v.string("type");
        if (type == null) {
            return;
        }
        switch (type.strip().toUpperCase(Locale.ROOT)) {
            case "FIXED" -> {
                String d = v.string("duration");
                if (d != null) {
                    Duration duration = duration(v, "duration", d);
                    if (duration != null) {
                        builder.validity(duration);
                    }
                }
            }
            case "UNTIL_END_OF_DAY" -> {
                Integer days = v.intValue("days");
                if (days != null) {
                    builder.validityUntilEndOfDay(days);
                }
            }
            default -> v.error("type", "must be FIXED or UNTIL_END_OF_DAY");
        }
    }

    private static Duration duration(JsonInput body, String field, String text) {
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            body.error(field, "must be an ISO-8601 duration like PT24H, PT30M or P7D");
            return null;
        }
    }

    /** Plan's own field names, as this API calls them. */
    private static String apiField(String domainField) {
        return "price".equals(domainField) ? "priceMinor" : domainField;
    }
}
