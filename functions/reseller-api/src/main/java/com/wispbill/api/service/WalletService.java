package com.wispbill.api.service;

import com.wispbill.adapters.repository.CustomerRepository;
import com.wispbill.adapters.repository.IdempotencyKeys;
import com.wispbill.adapters.repository.LedgerRepository;
import com.wispbill.adapters.repository.Transactions;
import com.wispbill.adapters.repository.WalletRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.adapters.subscriber.WalletRenewal;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.Customer;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.LedgerEntryType;
import com.wispbill.domain.Money;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Validation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Customers' prepaid wallets. A top-up (cash taken by staff) is one transaction of the wallet credit, its
 * SALE_GROSS ledger entry (the money is received then; the reseller's balance adds it from the table's stream)
 * and the Idempotency-Key claim. A renewal from the wallet
 * is {@link WalletRenewal}'s, which the expiry sweep shares (auto-renewal).
 */
public final class WalletService {
    private final WalletRepository wallets;
    private final CustomerRepository customers;
    private final LedgerRepository ledger;
    private final IdempotencyKeys idempotencyKeys;
    private final Transactions transactions;
    private final WalletRenewal renewal;
    private final Clock clock;

    public WalletService(WalletRepository wallets, CustomerRepository customers, LedgerRepository ledger,
                         IdempotencyKeys idempotencyKeys, Transactions transactions, WalletRenewal renewal, Clock clock) {
        this.wallets = wallets;
        this.customers = customers;
        this.ledger = ledger;
        this.idempotencyKeys = idempotencyKeys;
        this.transactions = transactions;
        this.renewal = renewal;
        this.clock = clock;
    }

    /** A top-up as the request gave it; {@code requestHash} binds the Idempotency-Key to the body. */
    public record TopUp(Long amountMinor, Optional<String> memo, String requestHash, List<FieldError> inputErrors) {
        public TopUp {
            inputErrors = List.copyOf(inputErrors);
        }
    }

    public record ToppedUp(Money balance, String ledgerEntryId, boolean repeated) {
    }

    public Money balance(Reseller reseller, String customerId) {
        customers.get(reseller.id(), customerId);
        return wallets.balance(reseller.id(), customerId, reseller.currency());
    }

    public ToppedUp topUp(Reseller reseller, String customerId, TopUp command, Optional<String> idempotencyKey) {
        Customer customer = customers.get(reseller.id(), customerId);
        Validation v = new Validation();
        v.addAll(command.inputErrors());
        Optional<String> key = CashReceipts.requireKey(idempotencyKey, v);
        if (command.amountMinor() != null) {
            v.check(command.amountMinor() > 0, "amountMinor", "must be positive: the cash taken, in minor units");
        }
        v.throwIfInvalid();
        String requestHash = customerId + ":" + command.requestHash();
        Optional<IdempotencyKeys.Claim> earlier = claimFor(reseller, key.get(), requestHash);
        if (earlier.isPresent()) {
            return new ToppedUp(wallets.balance(reseller.id(), customerId, reseller.currency()), earlier.get().objectId(), true);
        }
        Money amount = new Money(command.amountMinor(), reseller.currency());
        LedgerEntry entry = LedgerEntry.manual(reseller.id(), LedgerEntryType.SALE_GROSS, amount,
                command.memo().orElse("cash") + " (wallet top-up of customer " + customer.id() + ")", reseller.calendar(), clock);
        WriteTransaction tx = transactions.begin();
        wallets.credit(reseller.id(), customerId, amount, tx);
        // Money received, not a sale of a plan (that is the renewal from the wallet): the balance only, from the stream.
        ledger.appendAggregatedLater(entry, Optional.empty(), tx);
        idempotencyKeys.claim(reseller.id(), key.get(), requestHash, entry.id(), clock.instant(), tx);
        try {
            tx.commit();
        } catch (ConflictException e) {
            IdempotencyKeys.Claim concurrent = claimFor(reseller, key.get(), requestHash).orElseThrow(() -> e);
            return new ToppedUp(wallets.balance(reseller.id(), customerId, reseller.currency()), concurrent.objectId(), true);
        }
        return new ToppedUp(wallets.balance(reseller.id(), customerId, reseller.currency()), entry.id(), false);
    }

    /** Renews from the wallet the period ending at {@code forExpiry} ({@link WalletRenewal#renew}). */
    public WalletRenewal.Renewed renew(Reseller reseller, String subscriptionId, Instant forExpiry) {
        return renewal.renew(reseller, subscriptionId, forExpiry);
    }

    private Optional<IdempotencyKeys.Claim> claimFor(Reseller reseller, String key, String requestHash) {
        return CashReceipts.claimed(idempotencyKeys, reseller, key, requestHash);
    }
}
