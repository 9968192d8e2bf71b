package com.wispbill.local.providers;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * One payment as a provider stand-in holds it. Mutable under the simulator's lock; callers get
 * snapshots ({@link Snapshot}).
 */
final class SimulatedTransaction {
    final Provider provider;
    final String reference;
    final String merchantKey;
    final long amountMinor;
    final String currency;
    final String phone;
    final Optional<URI> callbackUrl;
    final Optional<String> paymentId;
    final Instant createdAt;
    final String externalId;
    final String merchantRequestId;
    ProviderStatus status = ProviderStatus.PENDING;
    Optional<String> receipt = Optional.empty();

    SimulatedTransaction(Provider provider, String reference, String merchantKey, long amountMinor, String currency,
                         String phone, Optional<URI> callbackUrl, Optional<String> paymentId, Instant createdAt,
                         String externalId, String merchantRequestId) {
        this.provider = provider;
        this.reference = reference;
        this.merchantKey = merchantKey;
        this.amountMinor = amountMinor;
        this.currency = currency;
        this.phone = phone;
        this.callbackUrl = callbackUrl;
        this.paymentId = paymentId;
        this.createdAt = createdAt;
        this.externalId = externalId;
        this.merchantRequestId = merchantRequestId;
    }

    TransactionSnapshot snapshot() {
        return new TransactionSnapshot(provider, reference, amountMinor, currency, phone, status, receipt, paymentId,
                createdAt);
    }
}
