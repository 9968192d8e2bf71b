package com.wispbill.usage;

import com.wispbill.domain.Plan;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.enforcement.QuotaPeriod;
import java.util.Optional;

/**
 * Who a RouterOS username belongs to, and the plan whose limits apply: a subscription, a voucher
 * (the username is its code) or nobody we bill (usage is still counted for dashboards).
 */
sealed interface UsageOwner {

    /** The quota period usage counts against, if the plan has a data or uptime limit. */
    Optional<String> limitedPeriod();

    record OfSubscription(Subscription subscription, Plan plan) implements UsageOwner {
        @Override
        public Optional<String> limitedPeriod() {
            return hasLimits(plan) ? Optional.of(QuotaPeriod.of(subscription)) : Optional.empty();
        }
    }

    record OfVoucher(Voucher voucher, Plan plan) implements UsageOwner {
        @Override
        public Optional<String> limitedPeriod() {
            return hasLimits(plan) ? Optional.of(QuotaPeriod.of(voucher)) : Optional.empty();
        }

        @Override
        public String toString() {
            return "OfVoucher[" + voucher + "]";
        }
    }

    record Unbilled() implements UsageOwner {
        @Override
        public Optional<String> limitedPeriod() {
            return Optional.empty();
        }
    }

    private static boolean hasLimits(Plan plan) {
        return plan.dataLimit().isPresent() || plan.timeLimit().isPresent();
    }
}
