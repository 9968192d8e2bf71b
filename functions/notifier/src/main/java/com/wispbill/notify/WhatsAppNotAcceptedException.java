package com.wispbill.notify;

/**
 * The Cloud API answered with an error (its {@code code}, e.g. 131026 undeliverable, 130429 rate
 * limit, 190 bad token) or could not be reached: no WhatsApp message went out, so the notice may go
 * by SMS instead.
 */
public final class WhatsAppNotAcceptedException extends RuntimeException {
    private final int code;

    public WhatsAppNotAcceptedException(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The Graph API error code, or 0 when no answer came (no connection). */
    public int code() {
        return code;
    }
}
