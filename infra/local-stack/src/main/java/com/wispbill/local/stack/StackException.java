package com.wispbill.local.stack;

/**
 * The stack cannot do what was asked: the template is invalid or uses something the stack cannot
 * emulate, a handler cannot be loaded, or a server failed to start. The message says what to fix.
 */
public class StackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
