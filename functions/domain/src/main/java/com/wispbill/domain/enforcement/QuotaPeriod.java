package com.wispbill.domain.enforcement;

import com.wispbill.domain.Subscription;
import com.wispbill.domain.Voucher;

/**
 * Which allowance usage counts against. A subscription's allowance is per paid period: the period id
 * carries the expiry it runs to, so an extension or renewal (a top-up) starts a fresh count. A voucher
 * has one allowance for its whole life.
 */
public final class QuotaPeriod {
    private QuotaPeriod() {
    }

    public static String of(Subscription subscription) {
        return subscription.id() + "@" + subscription.expiresAt().getEpochSecond();
    }

    public static String of(Voucher voucher) {
        return voucher.id();
    }
}
