package com.wispbill.adapters.repository;

import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import java.util.Optional;

/**
 * What settling a provider callback reads, in two round trips (BatchGetItem) instead of one per item:
 * the payment with its reseller, plan and (for a renewal) subscription, all strongly consistent.
 */
public interface SettlementReads {
    /**
     * A payment and what its grant needs; each of the others is empty when it was not read with it (then
     * the settlement reads it itself), never a stale or another payment's item.
     */
    record SaleContext(Payment payment, Optional<Reseller> reseller, Optional<Plan> plan, Optional<Subscription> subscription) {
        public SaleContext {
            reseller = reseller.filter(r -> r.id().equals(payment.resellerId()));
            plan = plan.filter(p -> p.id().equals(payment.planId()));
            subscription = subscription.filter(s -> payment.subscriptionId().filter(s.id()::equals).isPresent());
        }

        /** Only the payment: the settlement reads the rest. */
        public static SaleContext of(Payment payment) {
            return new SaleContext(payment, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** The reseller's payment holding {@code reference} at {@code provider}; empty if none (or another reseller's). */
    Optional<SaleContext> byProviderReference(String resellerId, PaymentProvider provider, String reference);

    /** The reseller's payment {@code paymentId}; empty if none. */
    Optional<SaleContext> byPaymentId(String resellerId, String paymentId);
}
