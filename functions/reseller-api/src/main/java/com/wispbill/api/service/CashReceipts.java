package com.wispbill.api.service;

import com.wispbill.adapters.repository.IdempotencyKeys;
import com.wispbill.adapters.repository.OutboxMessage;
import com.wispbill.domain.Ids;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.Validation;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.payment.PlanTexts;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What money entered by staff shares: the required {@code Idempotency-Key} (cash is entered once; a retry with
 * the same key answers the first entry, another body with it is a 422) and the renewal receipt SMS
 * ({@code SUBSCRIPTION_EXTENDED}, the one the payment settlement sends), written to the outbox.
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

    /** The receipt of a renewal to {@code phone}; its id is {@code <id>-SMS}. */
    static OutboxMessage renewalReceipt(String id, Reseller reseller, String phone, Plan plan, Subscription renewed, Clock clock) {
        return OutboxMessage.of(new SmsRequest(id + "-SMS", reseller.id(), phone, SmsRequest.SmsTemplate.SUBSCRIPTION_EXTENDED,
                Map.of("plan", plan.name(), "expiresAt", PlanTexts.localTime(renewed.expiresAt(), reseller.calendar())),
                clock.instant()));
    }
}
