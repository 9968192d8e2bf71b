package com.wispbill.adapters.messages;

/**
 * A queue message that can never be processed (not JSON, missing or invalid fields). Consumers do not
 * retry it: they log it (without secrets) and let it go to the DLQ, where an operator can look at it.
 */
public final class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) {
        super(message);
    }
}
