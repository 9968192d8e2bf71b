package com.wispbill.api;

import java.time.Duration;

/**
 * Limits of the API. From the environment (see ResellerApiWiring): {@code API_REQUESTS_PER_MINUTE} (per key) and
 * {@code VOUCHER_OUTSTANDING_LIMIT} (the default quota of outstanding vouchers per reseller, which the
 * operator can set per reseller).
 */
public record ApiSettings(int maxBodyBytes, int requestsPerWindow, Duration rateWindow, long defaultOutstandingVouchers) {
    /** Bodies are small JSON documents; 64 KiB is far above any valid request. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    public static final Duration DEFAULT_RATE_WINDOW = Duration.ofMinutes(1);

}
