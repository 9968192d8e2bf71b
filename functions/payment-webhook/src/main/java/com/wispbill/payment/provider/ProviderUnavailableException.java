package com.wispbill.payment.provider;

/**
 * A provider API call did not give a usable answer (timeout, connection refused, 5xx, unexpected body).
 * Transient: the caller fails this attempt and a retry (provider redelivery, next reconciler run) tries again.
 *
 * <p>{@link #mayHaveReachedProvider()}: false only when the request certainly never left (no connection
 * could be made). Otherwise the provider may have acted on it and only its answer was lost: an STK push
 * may be on the customer's phone.
 */
public final class ProviderUnavailableException extends RuntimeException {
    private final boolean mayHaveReachedProvider;

    public ProviderUnavailableException(String message, Throwable cause, boolean mayHaveReachedProvider) {
        super(message, cause);
        this.mayHaveReachedProvider = mayHaveReachedProvider;
    }

    public ProviderUnavailableException(String message, Throwable cause) {
        this(message, cause, true);
    }

    public ProviderUnavailableException(String message) {
        this(message, null, true);
    }

    public boolean mayHaveReachedProvider() {
        return mayHaveReachedProvider;
    }
}
