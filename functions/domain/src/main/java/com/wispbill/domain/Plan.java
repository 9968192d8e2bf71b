package com.wispbill.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a reseller sells: a price and what it buys (validity, optional uptime and data caps, speed,
 * how many devices may share it). Plans are referenced by vouchers, subscriptions and payments, so
 * they are deactivated rather than deleted.
 *
 * <p>A price of zero is allowed (free promotional vouchers); payments for a plan must be positive,
 * which {@link Payment} enforces. Build with {@link #builder()}; every invalid field is reported at once.
 */
public record Plan(
        String id,
        String resellerId,
        String name,
        Money price,
        Validity validity,
        ValidityStart validityStart,
        Optional<Duration> timeLimit,
        Optional<DataSize> dataLimit,
        Optional<RateLimit> rateLimit,
        int sharedUsers,
        boolean active,
        Instant createdAt,
        PlanEnforcement enforcement,
        Optional<RateLimit> fairUseRate) {

    public static final int MAX_SHARED_USERS = 1000;

    public Plan {
        timeLimit = Objects.requireNonNullElse(timeLimit, Optional.empty());
        dataLimit = Objects.requireNonNullElse(dataLimit, Optional.empty());
        rateLimit = Objects.requireNonNullElse(rateLimit, Optional.empty());
        enforcement = Objects.requireNonNullElse(enforcement, PlanEnforcement.CUT_OFF);
        fairUseRate = Objects.requireNonNullElse(fairUseRate, Optional.empty());
        Validation v = new Validation();
        v.id(id, "id");
        v.id(resellerId, "resellerId");
        v.text(name, "name", 64);
        if (v.notNull(price, "price")) {
            v.check(!price.isNegative(), "price", "must not be negative");
        }
        v.notNull(validity, "validity");
        v.notNull(validityStart, "validityStart");
        timeLimit.ifPresent(t -> v.check(t.isPositive(), "timeLimit", "must be positive"));
        dataLimit.ifPresent(d -> v.check(!d.isZero(), "dataLimit", "must be positive"));
        v.check(sharedUsers >= 1 && sharedUsers <= MAX_SHARED_USERS, "sharedUsers",
                "must be between 1 and " + MAX_SHARED_USERS);
        v.notNull(createdAt, "createdAt");
        if (enforcement == PlanEnforcement.FUP) {
            v.check(dataLimit.isPresent(), "dataLimit", "is required for enforcement FUP: the rate drops after it");
            v.check(fairUseRate.isPresent(), "fairUseRate", "is required for enforcement FUP, e.g. 1M/1M (upload/download)");
        } else {
            v.check(fairUseRate.isEmpty(), "fairUseRate", "is only for enforcement FUP");
        }
        v.throwIfInvalid();
        name = name.strip();
    }

    /** The plan as it was before enforcement modes: cut off at expiry and at the quota. */
    public Plan(String id, String resellerId, String name, Money price, Validity validity, ValidityStart validityStart,
                Optional<Duration> timeLimit, Optional<DataSize> dataLimit, Optional<RateLimit> rateLimit,
                int sharedUsers, boolean active, Instant createdAt) {
        this(id, resellerId, name, price, validity, validityStart, timeLimit, dataLimit, rateLimit, sharedUsers, active,
                createdAt, PlanEnforcement.CUT_OFF, Optional.empty());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().id(id).resellerId(resellerId).name(name).price(price).validity(validity)
                .validityStart(validityStart).timeLimit(timeLimit.orElse(null)).dataLimit(dataLimit.orElse(null))
                .rateLimit(rateLimit.orElse(null)).sharedUsers(sharedUsers).active(active).createdAt(createdAt)
                .enforcement(enforcement).fairUseRate(fairUseRate.orElse(null));
    }

    public Plan deactivated() {
        return toBuilder().active(false).build();
    }

    /**
     * Collects plan fields, including ones that come as text from an API (rate limit, data limit), so
     * parse errors are reported together with the other field errors instead of one by one.
     */
    public static final class Builder {
        private String id;
        private String resellerId;
        private String name;
        private Money price;
        private Validity validity;
        private ValidityStart validityStart = ValidityStart.AT_SALE;
        private Duration timeLimit;
        private DataSize dataLimit;
        private RateLimit rateLimit;
        private int sharedUsers = 1;
        private boolean active = true;
        private Instant createdAt;
        private PlanEnforcement enforcement = PlanEnforcement.CUT_OFF;
        private RateLimit fairUseRate;
        /** Errors from parsing text fields, by field; setting the field again replaces them. */
        private final Map<String, List<FieldError>> parseErrors = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** A fresh id and creation time from {@code clock}. */
        public Builder newId(Clock clock) {
            this.id = Ids.newId(clock);
            this.createdAt = clock.instant();
            return this;
        }

        public Builder resellerId(String resellerId) {
            this.resellerId = resellerId;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder price(Money price) {
            this.price = price;
            return this;
        }

        public Builder validity(Validity validity) {
            parseErrors.remove("validity");
            this.validity = validity;
            return this;
        }

        public Builder validity(Duration duration) {
            return parsedValidity(() -> new Validity.Fixed(duration));
        }

        public Builder validityUntilEndOfDay(int days) {
            return parsedValidity(() -> new Validity.UntilEndOfDay(days));
        }

        public Builder validityMonths(int months) {
            return parsedValidity(() -> new Validity.Monthly(months));
        }

        private Builder parsedValidity(Supplier<Validity> factory) {
            parseErrors.remove("validity");
            try {
                this.validity = factory.get();
            } catch (ValidationException e) {
                parseErrors.put("validity", e.errors());
                this.validity = null;
            }
            return this;
        }

        public Builder validityStart(ValidityStart validityStart) {
            this.validityStart = validityStart;
            return this;
        }

        public Builder timeLimit(Duration timeLimit) {
            this.timeLimit = timeLimit;
            return this;
        }

        public Builder dataLimit(DataSize dataLimit) {
            parseErrors.remove("dataLimit");
            this.dataLimit = dataLimit;
            return this;
        }

        /** Parses e.g. "5GB"; null or blank means no data limit. */
        public Builder dataLimit(String dataLimit) {
            this.dataLimit = null;
            parseErrors.remove("dataLimit");
            if (dataLimit != null && !dataLimit.isBlank()) {
                try {
                    this.dataLimit = DataSize.parse(dataLimit, "dataLimit");
                } catch (ValidationException e) {
                    parseErrors.put("dataLimit", e.errors());
                }
            }
            return this;
        }

        public Builder rateLimit(RateLimit rateLimit) {
            parseErrors.remove("rateLimit");
            this.rateLimit = rateLimit;
            return this;
        }

        /** Parses e.g. "2M/5M"; null or blank means no rate limit. */
        public Builder rateLimit(String rateLimit) {
            this.rateLimit = null;
            parseErrors.remove("rateLimit");
            if (rateLimit != null && !rateLimit.isBlank()) {
                try {
                    this.rateLimit = RateLimit.parse(rateLimit);
                } catch (ValidationException e) {
                    parseErrors.put("rateLimit", e.errors());
                }
            }
            return this;
        }

        public Builder enforcement(PlanEnforcement enforcement) {
            parseErrors.remove("enforcement");
            this.enforcement = enforcement;
            return this;
        }

        /** Parses CUT_OFF, ISOLATE or FUP; null or blank means CUT_OFF. */
        public Builder enforcement(String enforcement) {
            parseErrors.remove("enforcement");
            this.enforcement = PlanEnforcement.CUT_OFF;
            if (enforcement != null && !enforcement.isBlank()) {
                try {
                    this.enforcement = PlanEnforcement.valueOf(enforcement.strip());
                } catch (IllegalArgumentException e) {
                    this.enforcement = null;
                    parseErrors.put("enforcement", List.of(new FieldError("enforcement",
                            "must be one of CUT_OFF, ISOLATE, FUP")));
                }
            }
            return this;
        }

        public Builder fairUseRate(RateLimit fairUseRate) {
            parseErrors.remove("fairUseRate");
            this.fairUseRate = fairUseRate;
            return this;
        }

        /** Parses a RouterOS rate limit such as "1M/1M"; null or blank means none. */
        public Builder fairUseRate(String fairUseRate) {
            this.fairUseRate = null;
            parseErrors.remove("fairUseRate");
            if (fairUseRate != null && !fairUseRate.isBlank()) {
                try {
                    this.fairUseRate = RateLimit.parse(fairUseRate);
                } catch (ValidationException e) {
                    // RateLimit names its own field; here it is the fair-use rate.
                    parseErrors.put("fairUseRate", e.errors().stream()
                            .map(err -> new FieldError("fairUseRate", err.message())).toList());
                }
            }
            return this;
        }

        public Builder sharedUsers(int sharedUsers) {
            this.sharedUsers = sharedUsers;
            return this;
        }

        public Builder active(boolean active) {
            this.active = active;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /** Builds the plan or throws one {@link ValidationException} listing every invalid field. */
        public Plan build() {
            Validation all = new Validation();
            parseErrors.values().forEach(all::addAll);
            Plan plan = null;
            try {
                plan = new Plan(id, resellerId, name, price, validity, validityStart,
                        Optional.ofNullable(timeLimit), Optional.ofNullable(dataLimit), Optional.ofNullable(rateLimit),
                        sharedUsers, active, createdAt, enforcement, Optional.ofNullable(fairUseRate));
            } catch (ValidationException e) {
                // A field that failed to parse is also missing now; its parse error already says why.
                // An unreadable mode cannot judge the fair-use rate either.
                e.errors().stream()
                        .filter(err -> !parseErrors.containsKey(err.field()))
                        .filter(err -> !(parseErrors.containsKey("enforcement") && err.field().equals("fairUseRate")))
                        .forEach(all::add);
            }
            all.throwIfInvalid();
            return plan;
        }
    }
}
