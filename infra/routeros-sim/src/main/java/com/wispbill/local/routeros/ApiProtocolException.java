package com.wispbill.local.routeros;

import java.io.IOException;

/**
 * The peer broke the RouterOS API wire format: a reserved control byte where a word length was
 * expected, a length prefix the format does not define, or a word longer than the reader accepts.
 * After this the byte stream cannot be re-synchronised, so the connection has to be closed.
 */
public final class ApiProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ApiProtocolException(String message) {
        super(message);
    }
}
