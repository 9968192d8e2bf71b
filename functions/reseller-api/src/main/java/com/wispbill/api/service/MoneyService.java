package com.wispbill.api.service;

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

    public MoneyService(PaymentRepository payments, LedgerRepository ledger) {
        this.payments = payments;
        this.ledger = ledger;
    }

    /** Newest first; with {@code phone}, only that customer's. */
    public Page<Payment> payments(Reseller reseller, Optional<String> phone, PageRequest page) {
        if (phone.isPresent()) {
            return payments.listForPhone(reseller.id(), PhoneNumbers.requireE164(phone.get(), "phone"), page);
        }
        return payments.list(reseller.id(), page);
    }

    public Payment payment(Reseller reseller, String paymentId) {
        return payments.get(reseller.id(), paymentId);
    }

    /** Entries of reseller-local days {@code from..to}, oldest first. */
    public Page<LedgerEntry> ledger(Reseller reseller, LocalDate from, LocalDate to, PageRequest page) {
        return ledger.entries(reseller.id(), from, to, page);
    }

    public Money balance(Reseller reseller) {
        return ledger.balance(reseller.id(), reseller.currency());
    }
}
