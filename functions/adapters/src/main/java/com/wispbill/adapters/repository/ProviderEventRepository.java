package com.wispbill.adapters.repository;

import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.ProviderEvent;
import java.util.Optional;

/** Permanent record of processed provider callbacks; the dedup that makes retried webhooks harmless. */
public interface ProviderEventRepository {
    /** Records the event unless already recorded; returns false for a duplicate. */
    boolean recordIfNew(ProviderEvent event);

    /** Enlists the record in {@code tx}; the commit fails with a conflict if the event was already recorded. */
    void record(ProviderEvent event, WriteTransaction tx);

    Optional<ProviderEvent> find(PaymentProvider provider, String eventId);
}
