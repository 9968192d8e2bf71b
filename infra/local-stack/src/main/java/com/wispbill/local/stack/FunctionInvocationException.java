package com.wispbill.local.stack;

/**
 * A function invocation failed: the handler threw (the cause), or it ran past the function's
 * {@code Timeout} ({@link #timedOut()}), or its event could not be converted to the handler's
 * input type. Event sources treat it as Lambda does (500 for HTTP APIs, batch retried for SQS).
 */
public class FunctionInvocationException extends RuntimeException {
    private static final long serialVersionUID = 1L;


    private final String functionLogicalId;
    private final String requestId;
    private final boolean timedOut;

    FunctionInvocationException(String functionLogicalId, String requestId, String message, Throwable cause, boolean timedOut) {
        super(message, cause);
        this.functionLogicalId = functionLogicalId;
        this.requestId = requestId;
        this.timedOut = timedOut;
    }

    public String functionLogicalId() {
        return functionLogicalId;
    }

    public String requestId() {
        return requestId;
    }

    /** Whether the handler ran past the function's timeout (Lambda: "Task timed out"). */
    public boolean timedOut() {
        return timedOut;
    }
}
