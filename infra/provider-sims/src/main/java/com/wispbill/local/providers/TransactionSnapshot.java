package com.wispbill.local.providers;

import java.time.Instant;
import java.util.Optional;

/** A read-only view of a simulated payment, for tests and the demo. */
public record TransactionSnapshot(Provider provider, String reference, long amountMinor, String currency, String phone,
                                  ProviderStatus status, Optional<String> receipt, Optional<String> paymentId,
                                  Instant createdAt) {
}
