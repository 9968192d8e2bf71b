package com.wispbill.api;

import java.time.Duration;

/**
 * Limits of the API. From the environment (see ResellerApiWiring): {@code API_REQUESTS_PER_MINUTE} (per key) and
 * {@code VOUCHER_OUTSTANDING_LIMIT} (the default quota of outstanding vouchers per reseller, which the
 * operator can set per reseller). {@code signInsPerIp}: sign-in attempts (and link redemptions) one source address
 * may make per window, whatever the accounts (the lockout counts per account).
 */
public record ApiSettings(int maxBodyBytes, int requestsPerWindow, Duration rateWindow, long defaultOutstandingVouchers,
                          int signInsPerIp) {
    /** Bodies are small JSON documents; 64 KiB is far above any valid request. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    public static final Duration DEFAULT_RATE_WINDOW = Duration.ofMinutes(1);
    /** Enough for an office of staff behind one address signing in at once; far too few to try passwords. */
    public static final int DEFAULT_SIGN_INS_PER_IP = 30;

    public ApiSettings(int maxBodyBytes, int requestsPerWindow, Duration rateWindow, long defaultOutstandingVouchers) {
        this(maxBodyBytes, requestsPerWindow, rateWindow, defaultOutstandingVouchers, DEFAULT_SIGN_INS_PER_IP);
    }

}
