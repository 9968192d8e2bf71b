package com.wispbill.payment.provider;

/** A reseller's provider setup is incomplete or wrong (missing secret field, unsupported currency). */
public final class ProviderConfigurationException extends RuntimeException {
    public ProviderConfigurationException(String message) {
        super(message);
    }
}
