package com.wispbill.api.service;

import com.wispbill.adapters.repository.IdempotencyKeys;
import com.wispbill.domain.Ids;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Validation;
import java.util.Optional;

/**
 * What money entered by staff shares: the required {@code Idempotency-Key} (cash is entered once; a retry with
 * the same key answers the first entry, another body with it is a 422). The receipt SMS is
 * {@link com.wispbill.adapters.subscriber.RenewalMessages#receipt}.
 */
final class CashReceipts {
    private CashReceipts() {
    }

    /** The key, stripped; a missing or malformed one is a field error on {@code Idempotency-Key}. */
    static Optional<String> requireKey(Optional<String> idempotencyKey, Validation v) {
        Optional<String> key = idempotencyKey.map(String::strip);
        v.check(key.isPresent(), "Idempotency-Key", "is required: cash is entered once, and a retry with the same key "
                + "answers the first entry");
        key.ifPresent(k -> v.check(Ids.isValid(k), "Idempotency-Key", "must be 1-64 letters, digits, '-' or '_'"));
        return key;
    }

    /** What {@code key} was claimed for; the same key with another request is {@link IdempotencyKeyReusedException}. */
    static Optional<IdempotencyKeys.Claim> claimed(IdempotencyKeys keys, Reseller reseller, String key, String requestHash) {
        Optional<IdempotencyKeys.Claim> claim = keys.find(reseller.id(), key);
        if (claim.isPresent() && !claim.get().isFor(requestHash)) {
            throw new IdempotencyKeyReusedException();
        }
        return claim;
    }
}
