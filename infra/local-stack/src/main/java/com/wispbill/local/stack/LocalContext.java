package com.wispbill.local.stack;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda {@link Context} for one local invocation: the function's name and ARN, a request id,
 * the time left before the function's {@code Timeout}, and a logger writing to standard output.
 */
final class LocalContext implements Context {

    private final LambdaFunction function;
    private final String requestId;
    private final long deadlineNanos;
    private final LambdaLogger logger;

    LocalContext(LambdaFunction function, String requestId, long startNanos) {
        this.function = function;
        this.requestId = requestId;
        this.deadlineNanos = startNanos + function.timeout().toNanos();
        this.logger = new StdoutLogger(function.functionName());
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.functionName();
    }

    @Override
    public String getLogStreamName() {
        return "local/[$LATEST]" + function.logicalId();
    }

    @Override
    public String getFunctionName() {
        return function.functionName();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return function.arn();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long remaining = (deadlineNanos - System.nanoTime()) / 1_000_000;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memorySizeMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    /** Like Lambda's logger (one entry per call), prefixed with the function so a local run stays readable. */
    private record StdoutLogger(String functionName) implements LambdaLogger {
        @Override
        public void log(String message) {
            String text = message == null ? "null" : message;
            System.out.print("[" + functionName + "] " + text + (text.endsWith("\n") ? "" : System.lineSeparator()));
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    }
}
