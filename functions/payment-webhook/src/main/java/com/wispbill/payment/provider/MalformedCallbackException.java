package com.wispbill.payment.provider;

/** A verified callback we cannot read (missing fields, wrong shape): a 400, recorded in the security log. */
public final class MalformedCallbackException extends RuntimeException {
    public MalformedCallbackException(String message) {
        super(message);
    }
}
