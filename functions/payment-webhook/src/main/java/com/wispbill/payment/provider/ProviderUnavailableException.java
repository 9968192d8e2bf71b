package com.wispbill.payment.provider;

/**
 * A provider API call did not give a usable answer (timeout, connection refused, 5xx, unexpected body).
 * Transient: the caller fails this attempt and a retry (provider redelivery, next reconciler run) tries again.
 */
public final class ProviderUnavailableException extends RuntimeException {
    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProviderUnavailableException(String message) {
        super(message);
    }
}
