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
 * <p>{@code status}: PENDING_ROUTER from the sale until the router driver has applied the grant's router command
 * ({@code <paymentId>-RC}: the voucher's hotspot user, or the renewed account enabled), then ACTIVE; the customer
 * has the code from the start (SMS and page), it logs in once the router has it. Grants stored before this state
 * existed read ACTIVE.
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
        Instant grantedAt,
        Status status,
        Optional<Instant> routerConfirmedAt) {

    public enum Kind { VOUCHER, SUBSCRIPTION_EXTENSION }

    public enum Status { PENDING_ROUTER, ACTIVE }

    /** The router command that carries a payment's grant to its router (one per payment). */
    public static String routerCommandId(String paymentId) {
        return paymentId + ROUTER_COMMAND_SUFFIX;
    }

    /** The payment whose grant {@code commandId} carries, if it is a grant's router command. */
    public static Optional<String> paymentOfRouterCommand(String commandId) {
        return commandId != null && commandId.endsWith(ROUTER_COMMAND_SUFFIX)
                ? Optional.of(commandId.substring(0, commandId.length() - ROUTER_COMMAND_SUFFIX.length()))
                : Optional.empty();
    }

    private static final String ROUTER_COMMAND_SUFFIX = "-RC";

    public PaymentGrant {
        voucherId = Objects.requireNonNullElse(voucherId, Optional.empty());
        voucherCode = Objects.requireNonNullElse(voucherCode, Optional.empty());
        subscriptionId = Objects.requireNonNullElse(subscriptionId, Optional.empty());
        expiresAt = Objects.requireNonNullElse(expiresAt, Optional.empty());
        status = Objects.requireNonNullElse(status, Status.ACTIVE);
        routerConfirmedAt = Objects.requireNonNullElse(routerConfirmedAt, Optional.empty());
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
                Optional.empty(), expiresAt, at, Status.PENDING_ROUTER, Optional.empty());
    }

    public static PaymentGrant extension(String paymentId, String resellerId, String subscriptionId, Instant expiresAt,
                                         Instant at) {
        return new PaymentGrant(paymentId, resellerId, Kind.SUBSCRIPTION_EXTENSION, Optional.empty(), Optional.empty(),
                Optional.of(subscriptionId), Optional.of(expiresAt), at, Status.PENDING_ROUTER, Optional.empty());
    }

    /** This grant ACTIVE, on its router since {@code at}. */
    public PaymentGrant confirmedOnRouter(Instant at) {
        return new PaymentGrant(paymentId, resellerId, kind, voucherId, voucherCode, subscriptionId, expiresAt, grantedAt,
                Status.ACTIVE, Optional.of(at));
    }

    public boolean isPendingRouter() {
        return status == Status.PENDING_ROUTER;
    }

    @Override
    public String toString() {
        return "PaymentGrant[payment=" + paymentId + ", reseller=" + resellerId + ", kind=" + kind
                + ", voucherId=" + voucherId.orElse(null) + ", code=" + voucherCode.map(VoucherCodes::mask).orElse(null)
                + ", subscriptionId=" + subscriptionId.orElse(null) + ", expiresAt=" + expiresAt.orElse(null) + ", status=" + status + "]";
    }
}
