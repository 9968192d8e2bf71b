package com.wispbill.payment;

import com.wispbill.adapters.repository.AlertRepository;
import com.wispbill.adapters.repository.PendingPayment;
import com.wispbill.domain.Ids;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.messages.AlertPublisher;
import com.wispbill.domain.payment.PaymentReview;
import com.wispbill.payment.provider.CredentialsSource;
import com.wispbill.payment.provider.MpesaAdapter;
import com.wispbill.payment.provider.ProviderAdapter;
import com.wispbill.payment.provider.ProviderAdapters;
import com.wispbill.payment.provider.ProviderConfigurationException;
import com.wispbill.payment.provider.ProviderCredentials;
import com.wispbill.payment.provider.ProviderUnavailableException;
import com.wispbill.payment.provider.ProviderUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the providers about payments still PENDING after {@code after}: callbacks get lost (Daraja's
 * sometimes never come). A confirmed payment goes through the same {@link PaymentSettlement} as a
 * webhook, so it is granted once and a late real callback finds it settled and changes nothing.
 *
 * <ul>
 *   <li>Every PENDING payment of the last {@link #LOOK_BACK} is listed, every shard of the index read to its end
 *       (after moving what is left under the former hour buckets, {@link HourBucketMove});
 *       those due are asked about newest first (a customer may be waiting at the hotspot), until the
 *       run's deadline. Each payment asked and still open gets its next check stored on it
 *       ({@link #nextInterval}: often while young, hourly once old), so later runs reach the rest.</li>
 *   <li>Failures stay with their payment or reseller: a reseller whose provider refuses its keys gets one
 *       alert per run and its payments wait; a provider outage or a store conflict on one payment does not
 *       stop the others.</li>
 *   <li>A checkout the provider still calls unpaid after its {@link ProviderAdapter#checkoutWindow() window}
 *       plus {@link #END_GRACE} ends CANCELLED, so abandoned checkouts leave the backlog.</li>
 *   <li>A payment without a provider reference whose provider prompts the customer directly (M-Pesa: the
 *       answer to the push was lost) is matched to a kept unmatched callback, waits while one could be
 *       its own, and is closed FAILED with a review item only after {@link LostAnswerRecovery#MATCH_WINDOW}
 *       without any. Other payments without a reference never reached the provider: FAILED after
 *       {@link #UNSENT_AFTER}.</li>
 *   <li>An operator alert is raised while the oldest PENDING payment is older than {@link #BACKLOG_ALERT_AFTER},
 *       and resolved only once the hour bucket move is complete (payments left in the buckets are not listed).</li>
 *   <li>An operator alert is raised while the hour bucket move is incomplete {@link #INDEX_MOVE_ALERT_AFTER} after
 *       its pass began (its steps keep failing), and resolved once it is complete.</li>
 * </ul>
 */
public final class PaymentReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentReconciler.class);
    /** How far back to look; older PENDING payments are past every window and the backlog alert has long fired. */
    static final Duration LOOK_BACK = Duration.ofDays(7);
    /** After the provider's checkout window, callbacks and clocks may still lag this long. */
    static final Duration END_GRACE = Duration.ofMinutes(30);
    /** Without a provider reference (and not an STK push whose answer was lost) the payment never started. */
    static final Duration UNSENT_AFTER = Duration.ofMinutes(15);
    static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    static final Duration MAX_INTERVAL = Duration.ofHours(1);
    /** Longer than any provider's window plus grace: a payment this old is stuck. */
    static final Duration BACKLOG_ALERT_AFTER = Duration.ofHours(26);
    static final String BACKLOG_ALERT_KEY = "PAYMENTS_PENDING_TOO_LONG";
    /** A pass of the hour bucket move takes about 2 h; still incomplete this long after it began, its steps fail. */
    static final Duration INDEX_MOVE_ALERT_AFTER = Duration.ofHours(6);
    static final String INDEX_MOVE_ALERT_KEY = "PAYMENTS_PENDING_INDEX_MOVE_INCOMPLETE";

    /**
     * What one run did.
     *
     * @param indexMoveComplete whether no payment can be left under the former hour buckets
     * @param indexMoveFailure  why this run's step of the hour bucket move failed, if it did
     */
    public record Report(int pending, int examined, int settled, int stillPending, int closed, int unavailable,
                         int refusedCredentials, int errors, int notReached, Optional<Duration> oldestPending,
                         boolean indexMoveComplete, Optional<String> indexMoveFailure) {
    }

    private final PaymentRepositories repos;
    private final ProviderAdapters adapters;
    private final CredentialsSource credentials;
    private final PaymentSettlement settlement;
    private final AlertPublisher alerts;
    private final AlertRepository openAlerts;
    private final LostAnswerRecovery lostAnswers;
    private final HourBucketMove hourBucketMove;
    private final Duration after;
    private final Clock clock;

    public PaymentReconciler(PaymentRepositories repos, ProviderAdapters adapters, CredentialsSource credentials,
                             PaymentSettlement settlement, Paybill paybill, AlertPublisher alerts, AlertRepository openAlerts,
                             Duration after, String codeVersion, Clock clock) {
        this.repos = repos;
        this.paybill = paybill;
        this.adapters = adapters;
        this.credentials = credentials;
        this.settlement = settlement;
        this.alerts = alerts;
        this.openAlerts = openAlerts;
        this.lostAnswers = new LostAnswerRecovery(repos, clock);
        this.hourBucketMove = new HourBucketMove(repos.payments(), LOOK_BACK, codeVersion, clock);
        this.after = after;
        this.clock = clock;
    }

    private final Paybill paybill;

    private enum Outcome { SETTLED, STILL_PENDING, CLOSED, NOTHING }

    /** One run without a deadline (tests, local runs). */
    public Report run() {
        return run(Instant.MAX);
    }

    /** One run; no new payment is started after {@code deadline} (the rest are next run's). */
    public Report run(Instant deadline) {
        Instant now = clock.instant();
        HourBucketMove.Step move = hourBucketMove.continueMove(deadline);
        move.failure().ifPresent(e ->
                LOG.error("moving pending payments from the hour buckets to the shards failed; the next run goes on", e));
        List<PendingPayment> pending = listPending(now, move.moved());
        Optional<Duration> oldest = pending.stream().map(p -> p.payment().createdAt()).min(Comparator.naturalOrder())
                .map(created -> Duration.between(created, now));
        List<PendingPayment> due = pending.stream()
                .filter(p -> !p.payment().createdAt().isAfter(now.minus(after)) && p.isDue(now))
                .sorted(Comparator.comparing((PendingPayment p) -> p.payment().createdAt()).reversed())
                .toList();
        Set<String> refused = new HashSet<>();
        int examined = 0;
        int settled = 0;
        int stillPending = 0;
        int closed = 0;
        int unavailable = 0;
        int refusedCredentials = 0;
        int errors = 0;
        int notReached = 0;
        for (int i = 0; i < due.size(); i++) {
            if (clock.instant().isAfter(deadline)) {
                notReached = due.size() - i;
                break;
            }
            Payment payment = due.get(i).payment();
            String merchant = payment.resellerId() + "/" + payment.provider();
            if (refused.contains(merchant)) {
                refusedCredentials++;
                defer(payment, now);
                continue;
            }
            examined++;
            try {
                switch (reconcile(payment, now)) {
                    case SETTLED -> settled++;
                    case CLOSED -> closed++;
                    case STILL_PENDING -> stillPending++;
                    case NOTHING -> { }
                }
            } catch (ProviderConfigurationException e) {
                refused.add(merchant);
                refusedCredentials++;
                LOG.error("reseller {}: {} refuses its set-up; its payments wait: {}", payment.resellerId(),
                        payment.provider(), e.getMessage());
                publish(credentialsRefused(payment, e));
                defer(payment, now);
            } catch (ProviderUnavailableException e) {
                unavailable++;
                LOG.warn("payment {}: {} unavailable, asked again later: {}", payment.id(), payment.provider(), e.getMessage());
                defer(payment, now);
            } catch (RuntimeException e) {
                // One payment's trouble (a store conflict after retries, a corrupt item) must not stop the others.
                errors++;
                LOG.error("payment {} of reseller {} could not be reconciled; asked again later", payment.id(),
                        payment.resellerId(), e);
                defer(payment, now);
            }
        }
        raiseOrResolveAlerts(pending, oldest, move, now);
        Report report = new Report(pending.size(), examined, settled, stillPending, closed, unavailable, refusedCredentials,
                errors, notReached, oldest, move.complete(), move.failure().map(e -> String.valueOf(e.getMessage())));
        LOG.info("reconciled pending payments: {}", report);
        return report;
    }

    /**
     * The index's PENDING payments of the last {@link #LOOK_BACK}, with those this run moved from the former hour
     * buckets (the index may not show them yet). A failed move step does not stop the run: the shards are still
     * read, and the payments it did not reach wait for the next run (the alerts say so).
     */
    private List<PendingPayment> listPending(Instant now, List<PendingPayment> moved) {
        Map<String, PendingPayment> byId = new LinkedHashMap<>();
        repos.payments().pendingCreatedBetween(now.minus(LOOK_BACK), now).forEach(p -> byId.put(p.payment().id(), p));
        moved.stream().filter(p -> !p.payment().createdAt().isBefore(now.minus(LOOK_BACK)) && p.payment().createdAt().isBefore(now))
                .forEach(p -> byId.putIfAbsent(p.payment().id(), p));
        return List.copyOf(byId.values());
    }

    private Outcome reconcile(Payment listed, Instant now) {
        // The index is eventually consistent: act on the payment as stored now.
        Optional<Payment> current = repos.payments().find(listed.resellerId(), listed.id())
                .filter(p -> p.status() == PaymentStatus.PENDING);
        if (current.isEmpty()) {
            return Outcome.NOTHING;
        }
        Payment payment = current.get();
        if (paybill.settleIfPaybillRenewal(payment)) {
            // Confirmed by Safaricom's C2B callback when it was recorded; only its settlement was cut short.
            return repos.payments().find(payment.resellerId(), payment.id())
                    .filter(p -> p.status() == PaymentStatus.SUCCEEDED).isPresent() ? Outcome.SETTLED : Outcome.NOTHING;
        }
        Duration age = Duration.between(payment.createdAt(), now);
        ProviderAdapter adapter = adapters.get(payment.provider());
        if (payment.providerReference().isEmpty()) {
            if (!adapter.reachesCustomerDirectly()) {
                return age.compareTo(UNSENT_AFTER) > 0
                        ? close(payment, ProviderUpdate.of("reconcile:" + payment.id() + ":unsent", null,
                                ProviderUpdate.Outcome.FAILED, "never reached " + payment.provider()))
                        : wait(payment, now);
            }
            LostAnswerRecovery.Recovery recovery = lostAnswers.recover(payment, adapter, credentials);
            if (recovery.matched().isPresent()) {
                payment = recovery.matched().get();
            } else if (recovery.callbackMayBelong()) {
                LOG.warn("payment {} of reseller {}: an unmatched {} success could be its own; left PENDING for review",
                        payment.id(), payment.resellerId(), payment.provider());
                return wait(payment, now);
            } else if (age.compareTo(LostAnswerRecovery.MATCH_WINDOW) > 0) {
                return closeUnconfirmed(payment);
            } else {
                return wait(payment, now);
            }
        }
        Optional<ProviderCredentials> creds = credentials.find(payment.resellerId(), payment.provider());
        if (creds.isEmpty()) {
            LOG.warn("payment {}: reseller {} has no {} credentials any more", payment.id(), payment.resellerId(), payment.provider());
            return wait(payment, now);
        }
        ProviderUpdate update = adapter.query(payment, creds.get());
        Duration window = adapter.checkoutWindow().plus(END_GRACE);
        if (update.outcome() == ProviderUpdate.Outcome.PENDING && age.compareTo(window) > 0) {
            update = ProviderUpdate.of("reconcile:" + payment.id() + ":expired", null, ProviderUpdate.Outcome.CANCELLED,
                    "expired: not paid within " + adapter.checkoutWindow().toMinutes() + " min at " + payment.provider());
        }
        if (update.outcome() == ProviderUpdate.Outcome.PENDING || update.outcome() == ProviderUpdate.Outcome.IGNORED) {
            return wait(payment, now);
        }
        PaymentSettlement.Result result = settlement.apply(payment, update);
        if (result == PaymentSettlement.Result.AMOUNT_MISMATCH) {
            LOG.warn("payment {} of reseller {}: the provider reports a different amount; left PENDING for review",
                    payment.id(), payment.resellerId());
            return wait(payment, now);
        }
        if (result != PaymentSettlement.Result.APPLIED) {
            return Outcome.NOTHING;
        }
        return switch (update.outcome()) {
            case SUCCEEDED, REFUNDED -> Outcome.SETTLED;
            default -> Outcome.CLOSED;
        };
    }

    private Outcome close(Payment payment, ProviderUpdate update) {
        return settlement.apply(payment, update) == PaymentSettlement.Result.APPLIED ? Outcome.CLOSED : Outcome.NOTHING;
    }

    /**
     * The provider may have prompted the customer but neither its answer nor a callback ever came. The
     * payment is closed so the customer can try again, and a person is told where to look if money moved.
     */
    private Outcome closeUnconfirmed(Payment payment) {
        String where = payment.provider() == PaymentProvider.MPESA
                ? " under account reference " + MpesaAdapter.accountReference(payment) : "";
        Outcome outcome = close(payment, ProviderUpdate.of("reconcile:" + payment.id() + ":unconfirmed", null,
                ProviderUpdate.Outcome.FAILED, payment.provider() + " never confirmed the request and no callback came"));
        if (outcome == Outcome.CLOSED) {
            repos.reviews().recordIfNew(new PaymentReview(payment.resellerId(), payment.provider(),
                    "unconfirmed-" + payment.id(), PaymentReview.Reason.ANSWER_AND_CALLBACK_LOST, Optional.of(payment.id()),
                    Optional.empty(), "closed as failed after " + LostAnswerRecovery.MATCH_WINDOW.toMinutes()
                    + " min without an answer or callback; if the customer paid " + payment.amount().format() + " from "
                    + payment.customerPhone() + ", it is in the " + payment.provider() + " statement" + where,
                    clock.instant()));
        }
        return outcome;
    }

    private Outcome wait(Payment payment, Instant now) {
        defer(payment, now);
        return Outcome.STILL_PENDING;
    }

    private void defer(Payment payment, Instant now) {
        try {
            repos.payments().deferCheck(payment, now, now.plus(nextInterval(Duration.between(payment.createdAt(), now))));
        } catch (RuntimeException e) {
            // Only bookkeeping: without it the payment is asked about again next run.
            LOG.warn("payment {}: next check not stored: {}", payment.id(), e.getMessage());
        }
    }

    /** A quarter of the payment's age, between {@link #MIN_INTERVAL} and {@link #MAX_INTERVAL}. */
    static Duration nextInterval(Duration age) {
        Duration quarter = age.dividedBy(4);
        return quarter.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : quarter.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : quarter;
    }

    private Alert credentialsRefused(Payment payment, ProviderConfigurationException e) {
        return new Alert(Ids.newId(clock), Optional.of(payment.resellerId()), credentialsAlertKey(payment),
                Alert.Severity.CRITICAL, false, payment.provider().slug() + " refuses this hotspot's payment set-up",
                truncate(payment.provider() + " refused the credentials in "
                        + CredentialsSource.secretName(payment.resellerId(), payment.provider())
                        + " while checking pending payments; they cannot be settled until the set-up is fixed: "
                        + e.getMessage()), clock.instant());
    }

    static String credentialsAlertKey(Payment payment) {
        return "PAYMENT_PROVIDER_REFUSED#" + payment.provider().name();
    }

    /**
     * The platform alerts of this run. What stops payments from being settled without an error of the run itself
     * (a backlog, refused keys, a move that keeps failing) surfaces as an alert the reconciler raises and resolves,
     * naming what to look at. Failing the invocation instead would make the schedule retry the whole run (asking
     * every provider again) while the shards are readable, and the error alarm would not say why.
     */
    private void raiseOrResolveAlerts(List<PendingPayment> pending, Optional<Duration> oldest, HourBucketMove.Step move,
                                      Instant now) {
        Set<String> open;
        try {
            open = openAlerts.openPlatformAlerts().stream().map(Alert::key).collect(java.util.stream.Collectors.toSet());
        } catch (RuntimeException e) {
            LOG.error("the open platform alerts could not be read; this run raises or resolves none", e);
            return;
        }
        raiseOrResolveBacklog(pending, oldest, move.complete(), open.contains(BACKLOG_ALERT_KEY), now);
        raiseOrResolveIndexMove(move, open.contains(INDEX_MOVE_ALERT_KEY), now);
    }

    private void raiseOrResolveBacklog(List<PendingPayment> pending, Optional<Duration> oldest, boolean allListed,
                                       boolean open, Instant now) {
        boolean stuck = oldest.map(age -> age.compareTo(BACKLOG_ALERT_AFTER) > 0).orElse(false);
        if (stuck) {
            Payment oldestPayment = pending.stream().map(PendingPayment::payment)
                    .min(Comparator.comparing(Payment::createdAt)).orElseThrow();
            long overdue = pending.stream()
                    .filter(p -> Duration.between(p.payment().createdAt(), now).compareTo(BACKLOG_ALERT_AFTER) > 0).count();
            publish(new Alert(Ids.newId(clock), Optional.empty(), BACKLOG_ALERT_KEY, Alert.Severity.WARNING, false,
                    overdue + " payments pending for more than " + BACKLOG_ALERT_AFTER.toHours() + " h",
                    "The oldest is payment " + oldestPayment.id() + " of reseller " + oldestPayment.resellerId() + " ("
                            + oldestPayment.provider() + ", started " + oldestPayment.createdAt() + "). Pending payments "
                            + "this old are past every provider's window: refused credentials, a provider outage or a "
                            + "callback to review keeps them open.", now));
        } else if (open && allListed) {
            // While hour buckets may still hold payments, not seeing an old one proves nothing.
            publish(new Alert(Ids.newId(clock), Optional.empty(), BACKLOG_ALERT_KEY, Alert.Severity.INFO, true,
                    "No payment pending for more than " + BACKLOG_ALERT_AFTER.toHours() + " h", "", now));
        }
    }

    private void raiseOrResolveIndexMove(HourBucketMove.Step move, boolean open, Instant now) {
        boolean overdue = !move.complete() && move.startedAt()
                .map(started -> Duration.between(started, now).compareTo(INDEX_MOVE_ALERT_AFTER) > 0).orElse(false);
        if (overdue) {
            publish(new Alert(Ids.newId(clock), Optional.empty(), INDEX_MOVE_ALERT_KEY, Alert.Severity.CRITICAL, false,
                    "Pending payments under the former hour buckets not moved for " + INDEX_MOVE_ALERT_AFTER.toHours() + " h",
                    truncate("The reconciler's move of pending payments to the index shards, begun "
                            + move.startedAt().orElseThrow() + ", is not complete: payments still under the hour buckets "
                            + "are not reconciled, and a lost callback leaves them pending. "
                            + move.failure().map(e -> "This run's step failed: " + e.getMessage()
                                    + " (the reconciler's log has the ERROR line).")
                                    .orElse("This run's step did not fail: earlier runs' steps did, or their deadlines cut them short.")), now));
        } else if (open && move.complete()) {
            publish(new Alert(Ids.newId(clock), Optional.empty(), INDEX_MOVE_ALERT_KEY, Alert.Severity.INFO, true,
                    "The pending payments under the former hour buckets are moved", "", now));
        }
    }

    private void publish(Alert alert) {
        try {
            alerts.publish(alert);
        } catch (RuntimeException e) {
            LOG.error("alert {} could not be published: {}", alert.key(), alert.subject(), e);
        }
    }

    private static String truncate(String text) {
        return text.length() > 4000 ? text.substring(0, 4000) : text;
    }
}
