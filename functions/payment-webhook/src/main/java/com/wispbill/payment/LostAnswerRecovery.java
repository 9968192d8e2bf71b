package com.wispbill.payment;

import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.UnmatchedCallback;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.payment.provider.CredentialsSource;
import com.wispbill.payment.provider.ProviderAdapter;
import com.wispbill.payment.provider.ProviderCredentials;
import com.wispbill.payment.provider.ProviderUnavailableException;
import com.wispbill.payment.provider.ProviderUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import org.slf4j.Logger;

/**
 * Finds the payment a verified success belongs to when the provider's reference for it was never stored:
 * the provider took the request (an STK push reached the phone) but its answer to us was lost, so the
 * callback names a CheckoutRequestID no payment has. M-Pesa's success callback names the payer's number
 * and the amount; a payment matches if it is the reseller's only PENDING payment at that provider
 * without a reference, from that number, for that amount, started within {@link #MATCH_WINDOW} before
 * the callback. Then it gets the reference (a conditional write that also claims the reference, so one
 * callback can never serve two payments) and is settled the normal way. A success several payments could
 * own is kept as an unmatched callback (next to its review item): the reconciler never closes a payment it
 * could belong to, and pairs them once only one payment is left that it could belong to.
 */
final class LostAnswerRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(LostAnswerRecovery.class);
    /** How long after a payment started a callback can still be matched to it by payer and amount. */
    static final Duration MATCH_WINDOW = Duration.ofHours(1);
    /** A customer has few payments within an hour; more than this many newer ones and the match gives up. */
    private static final int PAYMENTS_READ = 50;

    private final PaymentRepositories repos;
    private final Clock clock;

    LostAnswerRecovery(PaymentRepositories repos, Clock clock) {
        this.repos = repos;
        this.clock = clock;
    }

    /** What the reconciler may do with a PENDING payment that has no provider reference. */
    record Recovery(Optional<Payment> matched, boolean callbackMayBelong) {
    }

    /**
     * Webhook: a verified notification whose reference matched no payment. Returns the payment it was
     * matched to (now carrying the reference); empty if none matched unambiguously. The reference is attached
     * only once the provider's query confirms that reference paid (M-Pesa callbacks are unsigned: a made-up
     * reference attached to the payment would hide it from the genuine callback). A success that more than one
     * payment could own, or that could not be confirmed now, is kept as an unmatched callback, so none of them
     * is closed as failed; the reconciler confirms it before pairing.
     */
    Optional<Payment> matchCallback(ProviderAdapter adapter, String resellerId, ProviderCredentials creds, ProviderUpdate update,
                                    Optional<String> payer) {
        if (!adapter.reachesCustomerDirectly() || update.outcome() != ProviderUpdate.Outcome.SUCCEEDED
                || update.reference().isEmpty() || update.amount().isEmpty() || payer.isEmpty()) {
            return Optional.empty();
        }
        UnmatchedCallback callback = new UnmatchedCallback(resellerId, adapter.provider(), payer.get(), update.reference().get(),
                update.amount().get(), clock.instant());
        List<Payment> candidates = candidates(callback);
        if (candidates.isEmpty()) {
            // No payment of this reseller is waiting for such an answer: the review item is all there is to keep.
            return Optional.empty();
        }
        if (candidates.size() == 1) {
            boolean paid;
            try {
                paid = paidAt(adapter, creds, candidates.get(0), callback.reference());
            } catch (ProviderUnavailableException e) {
                repos.payments().recordUnmatchedCallback(callback);
                throw e;
            }
            if (!paid) {
                LOG.warn("{} notification {} of reseller {}: the provider does not confirm {} as paid; not matched",
                        adapter.provider(), update.eventId(), resellerId, callback.reference());
                return Optional.empty();
            }
            Optional<Payment> matched = attach(candidates.get(0), callback.reference());
            if (matched.isPresent()) {
                LOG.warn("{} notification {} of reseller {} matched by payer and amount to payment {}, whose provider "
                        + "answer was lost", adapter.provider(), update.eventId(), resellerId, matched.get().id());
                return matched;
            }
        }
        LOG.warn("{} notification {} of reseller {}: {} payments without a reference could be its own; kept unmatched",
                adapter.provider(), update.eventId(), resellerId, candidates.size());
        repos.payments().recordUnmatchedCallback(callback);
        return Optional.empty();
    }

    /** Reconciler: a PENDING payment without a provider reference, at a provider that reaches the customer directly. */
    Recovery recover(Payment payment, ProviderAdapter adapter, CredentialsSource credentials) {
        List<UnmatchedCallback> callbacks = repos.payments()
                .unmatchedCallbacks(payment.resellerId(), payment.provider(), payment.customerPhone()).stream()
                .filter(c -> c.amount().equals(payment.amount()))
                .filter(c -> !c.receivedAt().isBefore(payment.createdAt())
                        && !c.receivedAt().isAfter(payment.createdAt().plus(MATCH_WINDOW)))
                .filter(c -> repos.payments().findByProviderReference(c.provider(), c.reference()).isEmpty())
                .toList();
        if (callbacks.size() == 1) {
            List<Payment> candidates = candidates(callbacks.get(0));
            Optional<ProviderCredentials> creds = credentials.find(payment.resellerId(), payment.provider());
            if (candidates.size() == 1 && candidates.get(0).id().equals(payment.id()) && creds.isPresent()) {
                boolean paid;
                try {
                    paid = paidAt(adapter, creds.get(), payment, callbacks.get(0).reference());
                } catch (ProviderUnavailableException e) {
                    return new Recovery(Optional.empty(), true);
                }
                Optional<Payment> matched = paid ? attach(candidates.get(0), callbacks.get(0).reference()) : Optional.empty();
                if (matched.isPresent()) {
                    LOG.warn("payment {} of reseller {} matched by payer and amount to the unmatched {} notification {}",
                            payment.id(), payment.resellerId(), payment.provider(), callbacks.get(0).reference());
                    return new Recovery(matched, true);
                }
            }
        }
        return new Recovery(Optional.empty(), !callbacks.isEmpty());
    }

    /** Whether the provider's query says {@code reference} was paid, asked as if it were {@code payment}'s. */
    private boolean paidAt(ProviderAdapter adapter, ProviderCredentials creds, Payment payment, String reference) {
        return adapter.query(payment.withProviderReference(reference, clock), creds).outcome() == ProviderUpdate.Outcome.SUCCEEDED;
    }

    /** The payments {@code callback} could belong to, re-read strongly. */
    private List<Payment> candidates(UnmatchedCallback callback) {
        Instant earliest = callback.receivedAt().minus(MATCH_WINDOW);
        // The phone index lags writes by well under a second; the payment was written before the push was sent.
        return repos.payments().listForPhone(callback.resellerId(), callback.phone(), PageRequest.first(PAYMENTS_READ)).items()
                .stream()
                .filter(p -> matches(p, callback.provider(), callback, earliest))
                .map(p -> repos.payments().find(p.resellerId(), p.id()).filter(now -> matches(now, callback.provider(), callback, earliest)))
                .flatMap(Optional::stream)
                .toList();
    }

    private static boolean matches(Payment p, PaymentProvider provider, UnmatchedCallback callback, Instant earliest) {
        return p.status() == PaymentStatus.PENDING && p.provider() == provider && p.providerReference().isEmpty()
                && p.amount().equals(callback.amount()) && p.customerPhone().equals(callback.phone())
                && !p.createdAt().isBefore(earliest) && !p.createdAt().isAfter(callback.receivedAt());
    }

    private Optional<Payment> attach(Payment payment, String reference) {
        Payment withReference = payment.withProviderReference(reference, clock);
        try {
            repos.payments().attachProviderReference(payment, withReference);
            return Optional.of(withReference);
        } catch (ConflictException e) {
            // Settled, closed or given a reference meanwhile, or the reference went to another payment.
            return Optional.empty();
        }
    }
}
