package com.wispbill.payment;

import com.wispbill.adapters.outbox.OutboxDelivery;
import com.wispbill.adapters.repository.OutboxMessage;
import com.wispbill.adapters.repository.SettlementReads.SaleContext;
import com.wispbill.adapters.repository.StoreBusyException;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.adapters.subscriber.RenewalMessages;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.LedgerEntryType;
import com.wispbill.domain.Money;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.domain.Plan;
import com.wispbill.domain.ProviderEvent;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.ResellerCalendar;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.payment.PaymentGrant;
import com.wispbill.domain.payment.PaymentReview;
import com.wispbill.domain.voucher.VoucherProvisioning;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.payment.provider.ProviderUpdate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.wispbill.payment.provider.ProviderUpdate.Outcome;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what a provider says about a payment, exactly once, whoever says it first: the webhook or
 * the reconciler. A success is one transaction: provider event (permanent dedup), payment → SUCCEEDED,
 * the grant (new voucher, or subscription extension) and its grant record, ledger entries (gross,
 * provider fee, platform fee; the stream's aggregator adds them to the balance and revenue counters, so
 * no item of the transaction is shared by two sales), and outbox items for the router
 * command and the SMS, which are sent right after the commit ({@link OutboxDelivery}) or by the relay.
 *
 * <p>Every write is conditional on the state read, so concurrent deliveries of one callback race and
 * exactly one transaction commits; the others see a conflict, re-read, find the payment settled and
 * report {@link Result#ALREADY_APPLIED}. Nothing here ever revokes access: reversals after a grant are
 * recorded for review.
 */
public final class PaymentSettlement {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentSettlement.class);
    private static final int ATTEMPTS = 7;
    /** Portal-sold vouchers belong to this batch id (no batch item exists for it). */
    public static final String PORTAL_BATCH_ID = Voucher.PORTAL_BATCH_ID;

    /** What happened to the payment. */
    public enum Result {
        /** This call moved the payment (and granted, for a success). */
        APPLIED,
        /** The payment was already where the update would take it (a duplicate or late notification). */
        ALREADY_APPLIED,
        /** Nothing to do (pending, ignored event types, a failure for an already closed payment). */
        NO_CHANGE,
        /** Recorded for a person: money moved in a way that cannot be applied automatically. */
        FLAGGED,
        /**
         * A success whose amount is missing, unreadable, or not the order's (currency included): nothing
         * granted, recorded for review ({@link PaymentReview.Reason#AMOUNT_MISMATCH}).
         */
        AMOUNT_MISMATCH
    }

    private final PaymentRepositories repos;
    private final OutboxDelivery delivery;
    private final FeePolicy fees;
    private final VoucherCodes codes;
    private final Clock clock;

    public PaymentSettlement(PaymentRepositories repos, OutboxDelivery delivery, FeePolicy fees, VoucherCodes codes, Clock clock) {
        this.repos = repos;
        this.delivery = delivery;
        this.fees = fees;
        this.codes = codes;
        this.clock = clock;
    }

    /** Settles {@code read}; reads the reseller, plan and subscription it needs itself (the reconciler, renewals). */
    public Result apply(Payment read, ProviderUpdate update) {
        return apply(SaleContext.of(read), update);
    }

    /**
     * Settles {@code context.payment()} using what was read with it (the webhook reads payment, reseller, plan and
     * subscription in two round trips); after a conflict everything is read again.
     */
    public Result apply(SaleContext context, ProviderUpdate update) {
        Payment read = context.payment();
        if (update.outcome() == ProviderUpdate.Outcome.SUCCEEDED) {
            Optional<String> problem = amountProblem(read, update);
            if (problem.isPresent()) {
                record(review(read, update, PaymentReview.Reason.AMOUNT_MISMATCH,
                        "provider says SUCCEEDED (" + update.detail() + "); " + problem.get()));
                return Result.AMOUNT_MISMATCH;
            }
        }
        SaleContext current = context;
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return applyOnce(current, update);
            } catch (ConflictException e) {
                // Someone else moved the payment (or a voucher code collided): re-read and decide again.
                last = e;
            } catch (StoreBusyException e) {
                // A concurrent transaction on the same items, most likely the same callback delivered twice.
                last = e;
                pause(attempt);
            }
            current = SaleContext.of(repos.payments().get(read.resellerId(), read.id()));
        }
        throw last;
    }

    /**
     * What an outcome does to a payment already in {@code status} when it writes nothing: a redelivery of what
     * was applied, or news that no longer matters. Empty when the outcome has something to apply or flag. The
     * webhook answers these without asking the provider again.
     */
    public static Optional<Result> withoutWrite(PaymentStatus status, Outcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> status == PaymentStatus.SUCCEEDED || status == PaymentStatus.REFUNDED
                    ? Optional.of(Result.ALREADY_APPLIED) : Optional.empty();
            case FAILED, CANCELLED -> switch (status) {
                case FAILED, CANCELLED -> Optional.of(Result.ALREADY_APPLIED);
                case REFUNDED -> Optional.of(Result.NO_CHANGE);
                case PENDING, SUCCEEDED -> Optional.empty();
            };
            case REFUNDED -> switch (status) {
                case REFUNDED -> Optional.of(Result.ALREADY_APPLIED);
                case FAILED, CANCELLED -> Optional.of(Result.NO_CHANGE);
                case PENDING, SUCCEEDED -> Optional.empty();
            };
            case PENDING, IGNORED -> Optional.of(Result.NO_CHANGE);
        };
    }

    private Result applyOnce(SaleContext context, ProviderUpdate update) {
        Payment payment = context.payment();
        PaymentStatus status = payment.status();
        Optional<Result> unchanged = withoutWrite(status, update.outcome());
        if (unchanged.isPresent()) {
            return unchanged.get();
        }
        return switch (update.outcome()) {
            case SUCCEEDED -> status == PaymentStatus.PENDING ? succeed(context, update)
                    : flag(payment, update, PaymentReview.Reason.PAID_AFTER_CLOSE);
            case FAILED, CANCELLED -> status == PaymentStatus.PENDING ? close(payment, update)
                    : flag(payment, update, PaymentReview.Reason.FAILED_AFTER_SUCCESS);
            case REFUNDED -> status == PaymentStatus.PENDING ? refundBeforeSuccess(payment, update)
                    : refundAfterGrant(payment, update);
            case PENDING, IGNORED -> throw new IllegalStateException("answered by withoutWrite");
        };
    }

    private ProviderEvent event(Payment payment, ProviderUpdate update, String outcome) {
        return new ProviderEvent(payment.provider(), update.eventId(), clock.instant(), Optional.of(payment.resellerId()),
                Optional.of(payment.id()), outcome);
    }

    private Result succeed(SaleContext context, ProviderUpdate update) {
        Payment pending = context.payment();
        Reseller reseller = context.reseller().orElseGet(() -> repos.resellers().get(pending.resellerId()));
        ResellerCalendar calendar = reseller.calendar();
        Plan plan = context.plan().orElseGet(() -> repos.plans().get(pending.resellerId(), pending.planId()));
        Payment succeeded = pending.succeed(clock);
        Instant now = clock.instant();
        List<OutboxMessage> outbox = new ArrayList<>();

        WriteTransaction tx = repos.transactions().begin();
        repos.providerEvents().record(event(pending, update, "SUCCEEDED"), tx);
        repos.payments().transition(pending, succeeded, tx);
        if (pending.provider() == PaymentProvider.MPESA) {
            // So a C2B confirmation naming the same receipt cannot pay again (Paybill claims it conditionally).
            update.receipt().ifPresent(receipt -> repos.payments().recordMpesaReceipt(succeeded, receipt, tx));
        }
        if (pending.routerId().isPresent()) {
            String routerId = pending.routerId().get();
            Voucher voucher = Voucher.create(codes.generate(reseller.voucherCodeLength()), pending.resellerId(),
                    PORTAL_BATCH_ID, plan.id(), routerId, clock)
                    // NEW, as a batch's voucher until its router confirms: the router driver makes it (and the grant)
                    // ACTIVE once its hotspot user is on the router; a first login seen first makes it USED.
                    .sell(now, plan, calendar);
            repos.vouchers().insert(voucher, tx);
            repos.grants().record(PaymentGrant.voucher(pending.id(), pending.resellerId(), voucher.id(), voucher.code(),
                    voucher.expiresAt(), now), tx);
            // The plan's profile may not be on this router yet (no batch of it was printed there): ensure it
            // first. Issued a millisecond earlier so the outbox relay, which sends by creation time, keeps
            // the order too.
            outbox.add(OutboxMessage.of(VoucherProvisioning.profileEnvelope(pending.resellerId(), pending.id(), routerId, plan,
                    now.minusMillis(1))));
            // The same login and limits as a printed voucher: the page sends the code as name and password.
            outbox.add(OutboxMessage.of(new RouterCommandEnvelope(PaymentGrant.routerCommandId(pending.id()),
                    pending.resellerId(), routerId, now, VoucherProvisioning.user(voucher, plan, "payment " + pending.id()))));
            outbox.add(OutboxMessage.of(new SmsRequest(pending.id() + "-SMS", pending.resellerId(), pending.customerPhone(),
                    SmsTemplate.VOUCHER_ISSUED, Map.of("code", voucher.displayCode(), "plan", plan.name(),
                            "validity", PlanTexts.validity(plan)), now)));
        } else {
            Subscription current = context.subscription()
                    .orElseGet(() -> repos.subscriptions().get(pending.resellerId(), pending.subscriptionId().orElseThrow()));
            Subscription extended = current.extend(plan, calendar, clock);
            repos.subscriptions().replace(current, extended, tx);
            // The same messages as a renewal for cash or from the wallet (RenewalMessages): a user not ACTIVE, or one
            // upgraded to another plan, on the plan's profile (its command <paymentId>-RC confirms the grant), the receipt.
            List<OutboxMessage> reinstate = RenewalMessages.reinstate(pending.id(), current, extended, plan, now);
            PaymentGrant grant = PaymentGrant.extension(pending.id(), pending.resellerId(), extended.id(),
                    extended.expiresAt(), now);
            // Only an ACTIVE user renewed on its own plan is on it on the router already: nothing to wait for.
            repos.grants().record(RenewalMessages.changesRouter(current, extended) ? grant : grant.confirmedOnRouter(now), tx);
            outbox.addAll(reinstate);
            outbox.add(RenewalMessages.receipt(pending.id(), reseller, pending.customerPhone(), plan, extended, now));
        }
        // The balance and revenue counters every sale of the reseller shares are not in this transaction: the
        // ledger stream's aggregator adds the entries to them, once each (LedgerStreamHandler).
        appendSaleEntries(succeeded, plan.id(), update, calendar, tx);
        outbox.forEach(m -> repos.outbox().add(m, tx));
        try {
            tx.commit();
        } catch (ConflictException e) {
            // Read only when the grant lost its transaction: was it the receipt, paid first through the paybill?
            Optional<Payment> paidFirst = receiptPaidElsewhere(pending, update);
            if (paidFirst.isEmpty()) {
                throw e;
            }
            return succeededWithoutGrant(pending, succeeded, update, paidFirst.get());
        }
        LOG.info("payment {} of reseller {} succeeded via {} ({}); granted", pending.id(), pending.resellerId(),
                pending.provider(), update.eventId());
        delivery.deliverAll(outbox);
        return Result.APPLIED;
    }

    private Optional<Payment> receiptPaidElsewhere(Payment pending, ProviderUpdate update) {
        if (pending.provider() != PaymentProvider.MPESA) {
            return Optional.empty();
        }
        return update.receipt().flatMap(receipt -> repos.payments().findByMpesaReceipt(receipt))
                .filter(owner -> !owner.id().equals(pending.id()));
    }

    /**
     * The money arrived once and was already granted and booked by {@code paidFirst}: this payment is closed as
     * succeeded with nothing granted or booked again, and the reseller is shown why.
     */
    private Result succeededWithoutGrant(Payment pending, Payment succeeded, ProviderUpdate update, Payment paidFirst) {
        WriteTransaction tx = repos.transactions().begin();
        repos.providerEvents().record(event(pending, update, "SUCCEEDED"), tx);
        repos.payments().transition(pending, succeeded, tx);
        tx.commit();
        record(review(succeeded, update, PaymentReview.Reason.RECEIPT_ALREADY_USED, "M-Pesa receipt "
                + update.receipt().orElse("?") + " already paid payment " + paidFirst.id() + "; nothing granted again"));
        return Result.FLAGGED;
    }

    private void appendSaleEntries(Payment succeeded, String planId, ProviderUpdate update, ResellerCalendar calendar,
                                   WriteTransaction tx) {
        Money gross = succeeded.amount();
        String via = succeeded.provider().name() + update.receipt().map(r -> " " + r).orElse("");
        repos.ledger().appendAggregatedLater(LedgerEntry.forPayment(succeeded, LedgerEntryType.SALE_GROSS, gross,
                "sale via " + via, calendar, clock), Optional.of(planId), tx);
        update.fee().filter(fee -> fee.isSameCurrency(gross) && fee.isPositive() && !fee.isGreaterThan(gross))
                .ifPresent(fee -> repos.ledger().appendAggregatedLater(LedgerEntry.forPayment(succeeded,
                        LedgerEntryType.PROVIDER_FEE, fee.negate(), succeeded.provider().name() + " fee", calendar, clock),
                        Optional.empty(), tx));
        Money platformFee = fees.platformFee(gross);
        if (!platformFee.isZero()) {
            repos.ledger().appendAggregatedLater(LedgerEntry.forPayment(succeeded, LedgerEntryType.PLATFORM_FEE, platformFee,
                    "platform fee " + fees.platformFeeBasisPoints() + " bp", calendar, clock), Optional.empty(), tx);
        }
    }

    private Result close(Payment pending, ProviderUpdate update) {
        Payment closed = update.outcome() == ProviderUpdate.Outcome.CANCELLED
                ? pending.cancel(clock) : pending.fail(update.detail().isBlank() ? "declined" : truncate(update.detail()), clock);
        WriteTransaction tx = repos.transactions().begin();
        repos.providerEvents().record(event(pending, update, closed.status().name()), tx);
        repos.payments().transition(pending, closed, tx);
        tx.commit();
        return Result.APPLIED;
    }

    private Result refundBeforeSuccess(Payment pending, ProviderUpdate update) {
        WriteTransaction tx = repos.transactions().begin();
        repos.providerEvents().record(event(pending, update, "REFUNDED before success: nothing granted"), tx);
        repos.payments().transition(pending, pending.refund(clock), tx);
        tx.commit();
        return Result.APPLIED;
    }

    private Result refundAfterGrant(Payment succeeded, ProviderUpdate update) {
        ResellerCalendar calendar = repos.resellers().get(succeeded.resellerId()).calendar();
        Payment refunded = succeeded.refund(clock);
        WriteTransaction tx = repos.transactions().begin();
        repos.providerEvents().record(event(succeeded, update, "REFUNDED after grant"), tx);
        repos.payments().transition(succeeded, refunded, tx);
        repos.ledger().appendAggregatedLater(LedgerEntry.forPayment(refunded, LedgerEntryType.REFUND,
                succeeded.amount().negate(), "refund via " + succeeded.provider().name(), calendar, clock),
                Optional.of(succeeded.planId()), tx);
        tx.commit();
        // The access it bought is not cut automatically: a person decides (it may already be used up).
        flag(succeeded, update, PaymentReview.Reason.REFUNDED_AFTER_GRANT);
        return Result.APPLIED;
    }

    /**
     * The one amount check, for webhooks and the reconciler alike: a success grants only for exactly the
     * order's amount in the order's currency, read exactly from the provider (see ProviderAmounts).
     */
    static Optional<String> amountProblem(Payment payment, ProviderUpdate update) {
        if (update.amountProblem().isPresent()) {
            return update.amountProblem();
        }
        if (update.amount().isEmpty()) {
            return Optional.of("no amount");
        }
        Money paid = update.amount().get();
        return paid.equals(payment.amount()) ? Optional.empty()
                : Optional.of("amount " + paid.format() + " is not the order's " + payment.amount().format());
    }

    private Result flag(Payment payment, ProviderUpdate update, PaymentReview.Reason reason) {
        record(review(payment, update, reason,
                "payment is " + payment.status() + "; provider says " + update.outcome() + " (" + update.detail() + ")"));
        return Result.FLAGGED;
    }

    private PaymentReview review(Payment payment, ProviderUpdate update, PaymentReview.Reason reason, String detail) {
        return new PaymentReview(payment.resellerId(), payment.provider(), reviewKey(update.eventId()), reason,
                Optional.of(payment.id()), payment.providerReference(), detail, clock.instant());
    }

    /** Records the review once; its dashboard alert is in the outbox with it and sent now (else by the relay). */
    private void record(PaymentReview review) {
        if (repos.reviews().recordIfNew(review)) {
            delivery.deliverAll(List.of(OutboxMessage.of(review.alert())));
        }
    }

    /** Review keys are the provider's event ids with the key separator replaced. */
    static String reviewKey(String eventId) {
        String key = eventId.replace('#', '_');
        return key.length() > 300 ? key.substring(0, 300) : key;
    }

    private static String truncate(String text) {
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    /** Exponential backoff with jitter, so racing deliveries mostly find the winner's commit on their next read. */
    private static void pause(int attempt) {
        long base = 25L << Math.min(attempt, 5);
        try {
            Thread.sleep(base + java.util.concurrent.ThreadLocalRandom.current().nextLong(base));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
