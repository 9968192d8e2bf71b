package com.wispbill.payment.provider;

/** The provider refused to start a payment (bad phone, amount, credentials): shown to the customer, not retried. */
public final class ProviderRejectedException extends RuntimeException {
    public ProviderRejectedException(String message) {
        super(message);
    }
}
