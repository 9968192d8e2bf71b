package com.wispbill.domain.payment;

import com.wispbill.domain.Validation;
import com.wispbill.domain.VoucherCodes;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a succeeded payment gave the customer, written once in the payment's transaction: a new
 * voucher (portal purchase) or an extended subscription. Its key is the payment id, so a second grant
 * for one payment cannot be stored; the portal's status route reads it to show the code.
 *
 * @param voucherCode the purchased voucher's code: a secret, masked by {@link #toString()}
 */
public record PaymentGrant(
        String paymentId,
        String resellerId,
        Kind kind,
        Optional<String> voucherId,
        Optional<String> voucherCode,
        Optional<String> subscriptionId,
        Optional<Instant> expiresAt,
        Instant grantedAt) {

    public enum Kind { VOUCHER, SUBSCRIPTION_EXTENSION }

    public PaymentGrant {
        voucherId = Objects.requireNonNullElse(voucherId, Optional.empty());
        voucherCode = Objects.requireNonNullElse(voucherCode, Optional.empty());
        subscriptionId = Objects.requireNonNullElse(subscriptionId, Optional.empty());
        expiresAt = Objects.requireNonNullElse(expiresAt, Optional.empty());
        Validation v = new Validation();
        v.id(paymentId, "paymentId");
        v.id(resellerId, "resellerId");
        v.notNull(kind, "kind");
        v.check(kind != Kind.VOUCHER || (voucherId.isPresent() && voucherCode.isPresent()), "voucherCode",
                "is required for a voucher grant");
        v.check(kind != Kind.SUBSCRIPTION_EXTENSION || subscriptionId.isPresent(), "subscriptionId",
                "is required for a subscription extension");
        v.notNull(grantedAt, "grantedAt");
        v.throwIfInvalid();
    }

    public static PaymentGrant voucher(String paymentId, String resellerId, String voucherId, String code,
                                       Optional<Instant> expiresAt, Instant at) {
        return new PaymentGrant(paymentId, resellerId, Kind.VOUCHER, Optional.of(voucherId), Optional.of(code),
                Optional.empty(), expiresAt, at);
    }

    public static PaymentGrant extension(String paymentId, String resellerId, String subscriptionId, Instant expiresAt,
                                         Instant at) {
        return new PaymentGrant(paymentId, resellerId, Kind.SUBSCRIPTION_EXTENSION, Optional.empty(), Optional.empty(),
                Optional.of(subscriptionId), Optional.of(expiresAt), at);
    }

    @Override
    public String toString() {
        return "PaymentGrant[payment=" + paymentId + ", reseller=" + resellerId + ", kind=" + kind
                + ", voucherId=" + voucherId.orElse(null) + ", code=" + voucherCode.map(VoucherCodes::mask).orElse(null)
                + ", subscriptionId=" + subscriptionId.orElse(null) + ", expiresAt=" + expiresAt.orElse(null) + "]";
    }
}
