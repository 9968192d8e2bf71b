package com.wispbill.payment;

import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.payment.provider.CredentialsSource;
import com.wispbill.payment.provider.ProviderAdapters;
import com.wispbill.payment.provider.ProviderCredentials;
import com.wispbill.payment.provider.ProviderUnavailableException;
import com.wispbill.payment.provider.ProviderUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the providers about payments still PENDING after {@code after}: callbacks get lost (Daraja's
 * sometimes never come). A confirmed payment goes through the same {@link PaymentSettlement} as a
 * webhook, so it is granted once and a late real callback finds it settled and changes nothing.
 * Payments that never reached a provider, or that the provider still calls pending after
 * {@link #ABANDON_AFTER}, are closed as FAILED.
 */
public final class PaymentReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentReconciler.class);
    /** How far back to look: older PENDING payments have been closed by an earlier run. */
    static final Duration LOOK_BACK = Duration.ofHours(26);
    /** A checkout nobody finished within a day (Stripe sessions expire in 24 h) is abandoned. */
    static final Duration ABANDON_AFTER = Duration.ofHours(25);
    /** Without a provider reference the payment never started at the provider. */
    static final Duration UNSENT_AFTER = Duration.ofMinutes(15);
    private static final int BATCH = 200;

    /** What one run did. */
    public record Report(int examined, int settled, int stillPending, int closed, int unavailable) {
    }

    private final PaymentRepositories repos;
    private final ProviderAdapters adapters;
    private final CredentialsSource credentials;
    private final PaymentSettlement settlement;
    private final Duration after;
    private final Clock clock;

    public PaymentReconciler(PaymentRepositories repos, ProviderAdapters adapters, CredentialsSource credentials,
                             PaymentSettlement settlement, Duration after, Clock clock) {
        this.repos = repos;
        this.adapters = adapters;
        this.credentials = credentials;
        this.settlement = settlement;
        this.after = after;
        this.clock = clock;
    }

    public Report run() {
        Instant now = clock.instant();
        List<Payment> candidates = repos.payments().pendingCreatedBetween(now.minus(LOOK_BACK), now.minus(after), BATCH);
        int settled = 0;
        int pending = 0;
        int closed = 0;
        int unavailable = 0;
        for (Payment listed : candidates) {
            // The index is eventually consistent: act on the payment as stored now.
            Optional<Payment> current = repos.payments().find(listed.resellerId(), listed.id())
                    .filter(p -> p.status() == PaymentStatus.PENDING);
            if (current.isEmpty()) {
                continue;
            }
            Payment payment = current.get();
            Duration age = Duration.between(payment.createdAt(), now);
            try {
                ProviderUpdate update = ask(payment, age);
                if (update.outcome() == ProviderUpdate.Outcome.PENDING && age.compareTo(ABANDON_AFTER) > 0) {
                    update = ProviderUpdate.of("reconcile:" + payment.id() + ":abandoned", null,
                            ProviderUpdate.Outcome.FAILED, "abandoned: not paid within " + ABANDON_AFTER.toHours() + " h");
                }
                PaymentSettlement.Result result = update.outcome() == ProviderUpdate.Outcome.PENDING
                        ? PaymentSettlement.Result.NO_CHANGE : settlement.apply(payment, update);
                switch (update.outcome()) {
                    case SUCCEEDED, REFUNDED -> settled += result == PaymentSettlement.Result.APPLIED ? 1 : 0;
                    case FAILED, CANCELLED -> closed += result == PaymentSettlement.Result.APPLIED ? 1 : 0;
                    default -> pending++;
                }
                if (result == PaymentSettlement.Result.AMOUNT_MISMATCH) {
                    LOG.warn("payment {} of reseller {}: the provider reports a different amount; left PENDING for review",
                            payment.id(), payment.resellerId());
                }
            } catch (ProviderUnavailableException e) {
                unavailable++;
                LOG.warn("payment {}: {} unavailable, next run retries: {}", payment.id(), payment.provider(), e.getMessage());
            }
        }
        Report report = new Report(candidates.size(), settled, pending, closed, unavailable);
        LOG.info("reconciled pending payments: {}", report);
        return report;
    }

    private ProviderUpdate ask(Payment payment, Duration age) {
        if (payment.providerReference().isEmpty()) {
            return age.compareTo(UNSENT_AFTER) > 0
                    ? ProviderUpdate.of("reconcile:" + payment.id() + ":unsent", null, ProviderUpdate.Outcome.FAILED,
                            "never reached " + payment.provider())
                    : ProviderUpdate.of("reconcile:" + payment.id() + ":starting", null, ProviderUpdate.Outcome.PENDING, "");
        }
        Optional<ProviderCredentials> creds = credentials.find(payment.resellerId(), payment.provider());
        if (creds.isEmpty()) {
            LOG.warn("payment {}: reseller {} has no {} credentials any more", payment.id(), payment.resellerId(), payment.provider());
            return ProviderUpdate.of("reconcile:" + payment.id() + ":nocredentials", null, ProviderUpdate.Outcome.PENDING, "");
        }
        return adapters.get(payment.provider()).query(payment, creds.get());
    }
}
