package com.wispbill.api;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Limits of the API. From the environment (see ResellerApiWiring): {@code API_REQUESTS_PER_MINUTE} (per key) and
 * {@code VOUCHER_OUTSTANDING_LIMIT} (the default quota of outstanding vouchers per reseller, which the
 * operator can set per reseller), {@code signInsPerIp}: sign-in attempts (and link redemptions) one source address
 * may make per window, whatever the accounts (the lockout counts per account), and {@code publicApiBaseUrl} from
 * {@code PAYMENT_CALLBACK_BASE_URL} (the deployment's public API URL: M-Pesa callbacks of the STK pushes it sends, and
 * the API the login page of a setup script calls).
 */
public record ApiSettings(int maxBodyBytes, int requestsPerWindow, Duration rateWindow, long defaultOutstandingVouchers,
                          int signInsPerIp, Optional<URI> publicApiBaseUrl) {
    /** Bodies are small JSON documents; 64 KiB is far above any valid request. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    public static final Duration DEFAULT_RATE_WINDOW = Duration.ofMinutes(1);
    /** Enough for an office of staff behind one address signing in at once; far too few to try passwords. */
    public static final int DEFAULT_SIGN_INS_PER_IP = 30;

    public ApiSettings(int maxBodyBytes, int requestsPerWindow, Duration rateWindow, long defaultOutstandingVouchers,
                       int signInsPerIp) {
        this(maxBodyBytes, requestsPerWindow, rateWindow, defaultOutstandingVouchers, signInsPerIp, Optional.empty());
    }

    public ApiSettings {
        publicApiBaseUrl = Objects.requireNonNullElse(publicApiBaseUrl, Optional.empty());
    }

    /** Without the public base URL (not known before the first deploy): no STK push, no portal in setup scripts. */
    public ApiSettings(int maxBodyBytes, int requestsPerWindow, Duration rateWindow, long defaultOutstandingVouchers) {
        this(maxBodyBytes, requestsPerWindow, rateWindow, defaultOutstandingVouchers, DEFAULT_SIGN_INS_PER_IP);
    }

    public ApiSettings withPublicApiBaseUrl(URI url) {
        return new ApiSettings(maxBodyBytes, requestsPerWindow, rateWindow, defaultOutstandingVouchers, signInsPerIp,
                Optional.of(url));
    }

}
