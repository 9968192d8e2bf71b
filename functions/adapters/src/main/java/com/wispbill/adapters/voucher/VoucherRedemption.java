package com.wispbill.adapters.voucher;

import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.adapters.repository.ResellerRepository;
import com.wispbill.adapters.repository.StoreBusyException;
import com.wispbill.adapters.repository.VoucherRepository;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Plan;
import com.wispbill.domain.ResellerCalendar;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherCodes;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * Activates vouchers by code: a sale (handing a printed voucher over, recorded by the reseller) or the
 * redemption (its first use). Each is one conditional write on the state that was read, so of any
 * number of concurrent requests for one code exactly one wins; every other gets a
 * {@link ConflictException} saying why ("already redeemed", "already sold").
 *
 * <p>A lost write is re-read and decided again (optimistic concurrency): the loser then sees the
 * winner's state and gets the domain's clear answer instead of a bare "changed concurrently".
 * DynamoDB may also cancel a transaction that races another on the same item (TransactionConflict);
 * that is retried the same way. Codes are secrets: errors name the voucher id or a masked code only.
 */
public final class VoucherRedemption {
    static final int ATTEMPTS = 5;

    private final VoucherRepository vouchers;
    private final PlanRepository plans;
    private final ResellerRepository resellers;
    private final Clock clock;

    public VoucherRedemption(VoucherRepository vouchers, PlanRepository plans, ResellerRepository resellers, Clock clock) {
        this.vouchers = vouchers;
        this.plans = plans;
        this.resellers = resellers;
        this.clock = clock;
    }

    /**
     * The first use of the voucher typed as {@code code} (normalised: case, O→0, I/L→1, spaces and
     * dashes): it becomes USED and, unless its validity started at sale, expires one validity from now.
     *
     * @throws ValidationException the code cannot be a voucher code
     * @throws NotFoundException   no such voucher for this reseller
     * @throws ConflictException   already redeemed, not yet on its router, expired or revoked
     */
    public Voucher redeem(String resellerId, String code) {
        return change(resellerId, code, (voucher, plan, calendar, at) -> switch (voucher.status()) {
            case ACTIVE -> voucher.firstUse(at, plan, calendar);
            case USED -> throw new ConflictException("voucher " + voucher.id() + " already redeemed");
            case NEW -> throw new ConflictException("voucher " + voucher.id() + " is not on its router yet");
            case EXPIRED, REVOKED -> throw new ConflictException("voucher " + voucher.id() + " is "
                    + voucher.status().name().toLowerCase(Locale.ROOT));
        });
    }

    /**
     * Records the sale of the voucher typed as {@code code}; for plans whose validity starts at sale the
     * expiry is fixed now.
     *
     * @throws ConflictException already sold, or expired or revoked
     */
    public Voucher sell(String resellerId, String code) {
        return change(resellerId, code, (voucher, plan, calendar, at) -> voucher.sell(at, plan, calendar));
    }

    private interface Change {
        Voucher apply(Voucher current, Plan plan, ResellerCalendar calendar, Instant at);
    }

    private Voucher change(String resellerId, String typedCode, Change change) {
        String code = VoucherCodes.normalize(typedCode);
        for (int attempt = 1; ; attempt++) {
            Voucher current = vouchers.findByCode(resellerId, code)
                    .orElseThrow(() -> new NotFoundException("Voucher", VoucherCodes.mask(code)));
            Plan plan = plans.get(resellerId, current.planId());
            ResellerCalendar calendar = resellers.get(resellerId).calendar();
            Voucher next = change.apply(current, plan, calendar, clock.instant());
            try {
                vouchers.transition(current, next);
                return next;
            } catch (ConflictException | StoreBusyException e) {
                // Someone else changed it since the read: decide again on what is stored now.
                if (attempt == ATTEMPTS) {
                    throw e instanceof ConflictException conflict ? conflict
                            : new ConflictException("voucher " + current.id() + " is being changed concurrently", e);
                }
            }
        }
    }
}
