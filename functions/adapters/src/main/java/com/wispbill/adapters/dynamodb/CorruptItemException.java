package com.wispbill.adapters.dynamodb;

/** A stored item lacks an attribute or holds a value the code cannot read: data damage or a schema bug, never user error. */
public final class CorruptItemException extends IllegalStateException {
    public CorruptItemException(String message) {
        super(message);
    }

    public CorruptItemException(String message, Throwable cause) {
        super(message, cause);
    }
}
