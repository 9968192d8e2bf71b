package com.wispbill.notify;

/**
 * The SMS provider answered that it did not take the message (throttled, refused), or the request
 * never left this function: nothing was sent, so sending again is safe. Any other failure of
 * {@link SmsGateway#send} leaves it unknown whether the text went out.
 */
public final class SmsNotAcceptedException extends RuntimeException {
    public SmsNotAcceptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
