package com.wispbill.payment;

import com.wispbill.adapters.repository.PaybillRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.Customer;
import com.wispbill.domain.Money;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionStatus;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.paybill.PaybillPayment;
import com.wispbill.payment.provider.ProviderUpdate;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * M-Pesa C2B (paybill/till) payments. The account number a customer types ({@code BillRefNumber}) is a
 * subscriber's username, in any case and with spaces ignored ({@code Subscription.accountKey}). A confirmation is kept once per M-Pesa transaction id ({@code PAYBILL#<TransID>},
 * created on condition it does not exist); one that names a subscriber and pays exactly its plan's price
 * renews it through the same settlement as every provider payment ({@link PaymentSettlement}): a payment
 * whose provider reference is the TransID (claimed once), settled once. Anything else waits for the
 * reseller, who assigns it to a subscriber (the same renewal) or closes it with a refund note.
 */
public final class Paybill {
    private static final Logger LOG = LoggerFactory.getLogger(Paybill.class);
    /** What a cashier can type as an account number: printable, no control characters, at most 40 characters. */
    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("[\\p{Print}\\p{L}\\p{N} ]{0,40}");
    /** A C2B confirmation is well under 1 KB; a longer body is kept cut to this. */
    private static final int RAW_LIMIT = 4000;

    private final PaymentRepositories repos;
    private final PaybillRepository paybill;
    private final PaymentSettlement settlement;
    private final Clock clock;

    public Paybill(PaymentRepositories repos, PaybillRepository paybill, PaymentSettlement settlement, Clock clock) {
        this.repos = repos;
        this.paybill = paybill;
        this.settlement = settlement;
        this.clock = clock;
    }

    /** A C2B validation or confirmation as Safaricom sends it (the fields WISPbill reads). */
    public record C2bNotice(String transactionType, String transId, String transAmount, String businessShortCode,
                            String billRefNumber, String msisdn, Optional<String> firstName) {
    }

    /** The validation URL's decision: accept unless the reseller refuses unknown accounts and this is one. */
    public boolean accepts(String resellerId, String billRefNumber) {
        return !paybill.refusesUnknownAccounts(resellerId) || subscriberFor(resellerId, billRefNumber).isPresent();
    }

    /** Applies a confirmation once: renews the subscriber it names, or keeps it for review. */
    public PaybillPayment confirm(String resellerId, C2bNotice notice) {
        Optional<PaybillPayment> seen = paybill.find(resellerId, notice.transId());
        if (seen.isPresent()) {
            return settleIfPending(seen.get());
        }
        Reseller reseller = repos.resellers().get(resellerId);
        Money amount;
        try {
            amount = Money.parse(notice.transAmount(), reseller.currency());
        } catch (ValidationException e) {
            throw new ValidationException("TransAmount", "is not an amount in " + reseller.currency() + ": " + notice.transAmount());
        }
        if (!amount.isPositive()) {
            throw new ValidationException("TransAmount", "must be more than zero: " + notice.transAmount());
        }
        if (!ACCOUNT_NUMBER.matcher(notice.billRefNumber()).matches()) {
            throw new ValidationException("BillRefNumber", "is not an account number a cashier could type");
        }
        PaybillPayment received = received(resellerId, notice, Optional.of(amount), Optional.empty(), Optional.empty());
        Optional<Subscription> subscriber = subscriberFor(resellerId, received.billRef());
        if (subscriber.isEmpty()) {
            return keepForReview(received.forReview(PaybillPayment.Reason.UNKNOWN_ACCOUNT, Optional.empty()));
        }
        Plan plan = repos.plans().get(resellerId, subscriber.get().planId());
        if (!amount.equals(plan.price())) {
            return keepForReview(received.forReview(PaybillPayment.Reason.WRONG_AMOUNT, Optional.of(subscriber.get().id())));
        }
        return renew(received, subscriber.get(), plan, false);
    }

    /**
     * Keeps a confirmation that could not be applied ({@code why}, {@code problem}) as a review item with the
     * body as received, once per TransID: M-Pesa took the customer's money, so it must not be lost. A TransID
     * stored before (by this or by {@link #confirm}) is left as it is. Throws when the store cannot be written:
     * the caller answers Daraja with an error so it delivers again.
     */
    public PaybillPayment keepUnprocessed(String resellerId, C2bNotice notice, PaybillPayment.Reason why, String problem,
                                          String raw) {
        Optional<Money> amount = Optional.empty();
        if (why != PaybillPayment.Reason.AMOUNT_UNREADABLE) {
            try {
                amount = Optional.of(Money.parse(notice.transAmount(), repos.resellers().get(resellerId).currency()))
                        .filter(Money::isPositive);
            } catch (RuntimeException e) {
                LOG.warn("amount of paybill payment {} of reseller {} not read: {}", notice.transId(), resellerId, e.toString());
            }
        }
        String clipped = raw.length() > RAW_LIMIT ? raw.substring(0, RAW_LIMIT) : raw;
        String problemText = problem.length() > 500 ? problem.substring(0, 500) : problem;
        return keepForReview(received(resellerId, notice, amount, Optional.of(problemText), Optional.of(clipped))
                .forReview(why, Optional.empty()));
    }

    private PaybillPayment received(String resellerId, C2bNotice notice, Optional<Money> amount, Optional<String> problem,
                                    Optional<String> raw) {
        return new PaybillPayment(resellerId, notice.transId(), Optional.ofNullable(notice.transactionType()).orElse(""),
                amount, Optional.ofNullable(notice.billRefNumber()).orElse("").strip(),
                Optional.ofNullable(notice.msisdn()).orElse(""), Optional.ofNullable(notice.businessShortCode()).orElse(""),
                notice.firstName(), clock.instant(), PaybillPayment.Status.REVIEW, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), problem, raw);
    }

    /** The reseller gives a payment under review to {@code subscriptionId}: renewed with its plan, for the amount paid. */
    public PaybillPayment assign(String resellerId, String transId, String subscriptionId) {
        PaybillPayment current = paybill.find(resellerId, transId).orElseThrow(() -> new NotFoundException("Paybill payment", transId));
        if (current.status() == PaybillPayment.Status.ASSIGNED && current.subscriptionId().equals(Optional.of(subscriptionId))) {
            return settleIfPending(current);
        }
        if (current.status() != PaybillPayment.Status.REVIEW) {
            throw new ConflictException("paybill payment " + transId + " is " + current.status() + ", not waiting for review");
        }
        if (current.amount().isEmpty()) {
            throw new ConflictException("paybill payment " + transId + " has no amount WISPbill could read: check it in"
                    + " the M-Pesa statement and refund it, or renew the subscriber by hand");
        }
        Subscription subscription = repos.subscriptions().find(resellerId, subscriptionId)
                .filter(s -> s.status() != SubscriptionStatus.CANCELLED)
                .orElseThrow(() -> new ValidationException("subscriptionId", "no running subscription of yours: " + subscriptionId));
        return renew(current, subscription, repos.plans().get(resellerId, subscription.planId()), true);
    }

    /** Closes a payment under review: the reseller refunds it outside WISPbill; {@code note} says how. */
    public PaybillPayment refund(String resellerId, String transId, String note) {
        PaybillPayment current = paybill.find(resellerId, transId).orElseThrow(() -> new NotFoundException("Paybill payment", transId));
        PaybillPayment closed = current.refunded(note);
        WriteTransaction tx = repos.transactions().begin();
        paybill.replace(current, closed, tx);
        tx.commit();
        return closed;
    }

    private Optional<Subscription> subscriberFor(String resellerId, String billRef) {
        return repos.subscriptions().findByAccountNumber(resellerId, billRef == null ? "" : billRef)
                .filter(s -> s.status() != SubscriptionStatus.CANCELLED);
    }

    private PaybillPayment keepForReview(PaybillPayment review) {
        WriteTransaction tx = repos.transactions().begin();
        paybill.create(review, tx);
        try {
            tx.commit();
        } catch (ConflictException e) {
            // The same transaction delivered twice at once: the other delivery kept it.
            return paybill.find(review.resellerId(), review.transId()).orElseThrow(() -> e);
        }
        LOG.info("paybill payment {} of reseller {} kept for review: {}", review.transId(), review.resellerId(),
                review.reason().orElseThrow());
        return review;
    }

    /**
     * One transaction: the payment (claiming the TransID as its provider reference) and the paybill payment's
     * new state; then the settlement grants it. A concurrent twin loses the transaction and settles what won.
     */
    private PaybillPayment renew(PaybillPayment current, Subscription subscription, Plan plan, boolean assigning) {
        Customer customer = repos.customers().get(current.resellerId(), subscription.customerId());
        Payment payment = Payment.forPaybillRenewal(current.resellerId(), customer.phone(), plan, current.amount().orElseThrow(),
                subscription.id(), current.transId(), clock);
        Optional<Payment> settledBefore = repos.payments().findByMpesaReceipt(current.transId());
        if (settledBefore.isPresent()) {
            String used = "M-Pesa receipt " + current.transId() + " already settled payment " + settledBefore.get().id();
            if (assigning) {
                throw new ConflictException(used + ": it cannot pay for a subscriber again");
            }
            return keepForReview(current.withProblem(used).forReview(PaybillPayment.Reason.RECEIPT_USED, Optional.of(subscription.id())));
        }
        PaybillPayment next = assigning ? current.assigned(subscription.id(), payment.id())
                : current.renewed(subscription.id(), payment.id());
        WriteTransaction tx = repos.transactions().begin();
        repos.payments().create(payment, tx);
        // Conditional: between the read above and this commit an STK payment may record the receipt.
        repos.payments().claimMpesaReceipt(payment, current.transId(), tx);
        if (assigning) {
            paybill.replace(current, next, tx);
        } else {
            paybill.create(next, tx);
        }
        try {
            tx.commit();
        } catch (ConflictException e) {
            PaybillPayment stored = paybill.find(current.resellerId(), current.transId()).orElseThrow(() -> e);
            if (assigning && stored.status() == PaybillPayment.Status.REVIEW) {
                // Not a twin assignment: the receipt was claimed (an STK payment settled it meanwhile).
                throw e;
            }
            return settleIfPending(stored);
        }
        settle(payment);
        return next;
    }

    /**
     * For the reconciler: {@code payment} is a paybill renewal (its reference is a confirmed TransID whose paybill
     * payment names it) that stopped between its commit and its settlement; it is settled now, from what
     * Safaricom confirmed, not by an STK query (a TransID is no CheckoutRequestID). False for any other payment.
     */
    public boolean settleIfPaybillRenewal(Payment payment) {
        if (payment.provider() != PaymentProvider.MPESA || payment.providerReference().isEmpty()) {
            return false;
        }
        Optional<PaybillPayment> renewal = paybill.find(payment.resellerId(), payment.providerReference().get())
                .filter(p -> p.paymentId().equals(Optional.of(payment.id())));
        renewal.ifPresent(this::settleIfPending);
        return renewal.isPresent();
    }

    /** A renewal committed but not yet settled (the function stopped in between) is settled now; settling is idempotent. */
    private PaybillPayment settleIfPending(PaybillPayment stored) {
        stored.paymentId().flatMap(id -> repos.payments().find(stored.resellerId(), id))
                .filter(p -> p.status() == PaymentStatus.PENDING)
                .ifPresent(this::settle);
        return stored;
    }

    private void settle(Payment payment) {
        String transId = payment.providerReference().orElseThrow();
        settlement.apply(payment, new ProviderUpdate("C2B-" + transId, Optional.of(transId), Optional.of(payment.id()),
                ProviderUpdate.Outcome.SUCCEEDED, Optional.of(payment.amount()), Optional.empty(), Optional.of(transId),
                "paybill " + transId, Optional.empty()));
    }
}
