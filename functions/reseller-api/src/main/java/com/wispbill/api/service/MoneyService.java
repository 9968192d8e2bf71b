package com.wispbill.api.service;

import com.wispbill.adapters.repository.PaymentGrantRepository;
import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.domain.RouterReach;
import com.wispbill.domain.payment.PaymentGrant;

import com.wispbill.adapters.repository.LedgerRepository;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.PaymentRepository;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.Money;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PhoneNumbers;
import com.wispbill.domain.Reseller;
import java.time.LocalDate;
import java.util.Optional;

/** Payments, the ledger and the balance of the caller's reseller: reads only. */
public final class MoneyService {
    private final PaymentRepository payments;
    private final LedgerRepository ledger;
    private final PaymentGrantRepository grants;
    private final RouterRepository routers;

    public MoneyService(PaymentRepository payments, LedgerRepository ledger, PaymentGrantRepository grants,
                        RouterRepository routers) {
        this.payments = payments;
        this.ledger = ledger;
        this.grants = grants;
        this.routers = routers;
    }

    /**
     * A payment with what it granted: {@code grant} once SUCCEEDED; {@code pendingReason} while the grant is
     * PENDING_ROUTER (its router has not taken it yet, or was never reached).
     */
    public record PaymentWithGrant(Payment payment, Optional<PaymentGrant> grant, Optional<String> pendingReason) {
    }

    /** Newest first; with {@code phone}, only that customer's. */
    public Page<Payment> payments(Reseller reseller, Optional<String> phone, PageRequest page) {
        if (phone.isPresent()) {
            return payments.listForPhone(reseller.id(), PhoneNumbers.requireE164(phone.get(), "phone"), page);
        }
        return payments.list(reseller.id(), page);
    }

    public PaymentWithGrant payment(Reseller reseller, String paymentId) {
        Payment payment = payments.get(reseller.id(), paymentId);
        Optional<PaymentGrant> grant = payment.status() == PaymentStatus.SUCCEEDED
                ? grants.find(reseller.id(), paymentId) : Optional.empty();
        Optional<String> reason = grant.filter(PaymentGrant::isPendingRouter).map(g -> payment.routerId()
                .map(routerId -> RouterReach.grantPendingReason(routerId, routers.hasBeenReached(reseller.id(), routerId)))
                .orElse("waiting for the subscriber's router to take the renewal"));
        return new PaymentWithGrant(payment, grant, reason);
    }

    /** Entries of reseller-local days {@code from..to}, oldest first. */
    public Page<LedgerEntry> ledger(Reseller reseller, LocalDate from, LocalDate to, PageRequest page) {
        return ledger.entries(reseller.id(), from, to, page);
    }

    public Money balance(Reseller reseller) {
        return ledger.balance(reseller.id(), reseller.currency());
    }
}
