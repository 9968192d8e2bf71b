package com.wispbill.api.service;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.adapters.repository.SmsTemplateRepository;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Validation;
import com.wispbill.domain.ValidityStart;
import com.wispbill.domain.notify.SmsApprovals;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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

    /**
     * A plan's fields as the request gave them, each already of its type: {@code validity} a fixed
     * duration, {@code validityDays} calendar days (ends of day in the reseller's zone) or {@code validityMonths}
     * calendar months (the same day of the month in the reseller's zone), {@code active}
     * only when replacing. {@code inputErrors}: what reading the request found, answered together with
     * the checks here.
     */
    public record PlanTerms(String name, Long priceMinor, Optional<Duration> validity, Optional<Integer> validityDays,
                            Optional<ValidityStart> validityStart, Optional<Duration> timeLimit,
                            Optional<String> dataLimit, Optional<String> rateLimit, Optional<Integer> sharedUsers,
                            Optional<Boolean> active, Optional<Integer> validityMonths, List<FieldError> inputErrors,
                            Optional<String> enforcement, Optional<String> fairUseRate) {
        public PlanTerms {
            inputErrors = List.copyOf(inputErrors);
        }
    }

    public Plan create(Reseller reseller, PlanTerms terms) {
        Plan.Builder builder = Plan.builder().newId(clock).resellerId(reseller.id());
        Plan plan = build(reseller, terms, builder);
        plans.create(plan);
        return plan;
    }

    /** Replaces every field of an existing plan (PUT); id and creation time stay. */
    public Plan replace(Reseller reseller, String planId, PlanTerms terms) {
        Plan current = plans.get(reseller.id(), planId);
        Plan.Builder builder = Plan.builder().id(current.id()).resellerId(reseller.id()).createdAt(current.createdAt());
        Plan plan = build(reseller, terms, builder);
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

    private Plan build(Reseller reseller, PlanTerms terms, Plan.Builder builder) {
        Validation v = new Validation();
        v.addAll(terms.inputErrors());
        builder.name(terms.name());
        SmsApprovals.findLink(terms.name()).filter(link -> !sms.approvals(reseller.id()).linksAllowed()).ifPresent(link ->
                v.add(new FieldError("name", "contains a link (" + link + "); plan names are sent in SMS, where links"
                        + " need the operator's approval for this account")));
        Long price = terms.priceMinor();
        if (price != null) {
            if (price < 0) {
                v.add(new FieldError("priceMinor", "must not be negative (a free plan has priceMinor 0)"));
            } else {
                builder.price(new Money(price, reseller.currency()));
            }
        }
        terms.validity().ifPresent(builder::validity);
        terms.validityDays().ifPresent(builder::validityUntilEndOfDay);
        terms.validityMonths().ifPresent(builder::validityMonths);
        terms.validityStart().ifPresent(builder::validityStart);
        terms.timeLimit().ifPresent(builder::timeLimit);
        terms.dataLimit().ifPresent(s -> {
            if (!HAS_UNIT.matcher(s).matches()) {
                v.add(new FieldError("dataLimit", "must state a unit: B, KB, MB, GB, TB (powers of 1000) or KiB, MiB,"
                        + " GiB, TiB (powers of 1024), e.g. 5GB"));
            } else {
                builder.dataLimit(s);
            }
        });
        terms.rateLimit().ifPresent(builder::rateLimit);
        // Absent means CUT_OFF and no fair-use rate, also on PUT (every field is replaced).
        builder.enforcement(terms.enforcement().orElse(null));
        builder.fairUseRate(terms.fairUseRate().orElse(null));
        terms.sharedUsers().ifPresent(builder::sharedUsers);
        terms.active().ifPresent(builder::active);
        return v.build(builder::build, PlanService::apiField);
    }

    /** Plan's own field names, as this API calls them. */
    private static String apiField(String domainField) {
        return "price".equals(domainField) ? "priceMinor" : domainField;
    }
}
