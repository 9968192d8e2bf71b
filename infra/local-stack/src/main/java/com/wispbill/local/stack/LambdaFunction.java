package com.wispbill.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * An {@code AWS::Serverless::Function} of the template with its handler, and the invocation
 * semantics the stack gives it: a fresh request id and {@link LocalContext} per invocation, the
 * handler run on its own (virtual) thread and abandoned with a "Task timed out" failure when it
 * runs past the function's {@code Timeout}, as Lambda would end the invocation.
 *
 * <p>One handler instance serves all invocations, concurrently when several events arrive at once
 * (Lambda would use several execution environments); handlers must be thread-safe, as they
 * already must be for warm reuse.
 */
final class LambdaFunction {

    private final String logicalId;
    private final String functionName;
    private final String arn;
    private final String handlerSpec;
    private final Duration timeout;
    private final int memorySizeMb;
    private final Map<String, String> environment;
    private final List<FunctionEvent> events;
    private final boolean enforceTimeout;
    private volatile LambdaHandler handler;

    LambdaFunction(String logicalId, String functionName, String arn, String handlerSpec, Duration timeout, int memorySizeMb,
                   Map<String, String> environment, List<FunctionEvent> events, boolean enforceTimeout) {
        this.logicalId = logicalId;
        this.functionName = functionName;
        this.arn = arn;
        this.handlerSpec = handlerSpec;
        this.timeout = timeout;
        this.memorySizeMb = memorySizeMb;
        this.environment = Map.copyOf(environment);
        this.events = List.copyOf(events);
        this.enforceTimeout = enforceTimeout;
    }

    String logicalId() {
        return logicalId;
    }

    String functionName() {
        return functionName;
    }

    String arn() {
        return arn;
    }

    String handlerSpec() {
        return handlerSpec;
    }

    Duration timeout() {
        return timeout;
    }

    int memorySizeMb() {
        return memorySizeMb;
    }

    Map<String, String> environment() {
        return environment;
    }

    List<FunctionEvent> events() {
        return events;
    }

    boolean hasHandler() {
        return handler != null;
    }

    void handler(LambdaHandler handler) {
        this.handler = handler;
    }

    LambdaHandler handler() {
        return handler;
    }

    /**
     * Invokes the handler synchronously and returns what it returned.
     *
     * @param typedEvent the event as an aws-lambda-java-events object, or null when the event only
     *                   exists as JSON (a schedule's constant Input, a test's raw event)
     * @param wireEvent  the same event as the JSON Lambda would send
     * @throws FunctionInvocationException when the handler throws or times out
     */
    Object invoke(Object typedEvent, Supplier<JsonNode> wireEvent) {
        LambdaHandler target = handler;
        if (target == null) {
            throw new StackException("Function " + logicalId + " has no handler (not on the classpath and none registered)");
        }
        String requestId = UUID.randomUUID().toString();
        long start = System.nanoTime();
        LocalContext context = new LocalContext(this, requestId, start);
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().name("lambda-" + logicalId + "-" + requestId.substring(0, 8)).unstarted(() -> {
            try {
                outcome.complete(target.handle(typedEvent, wireEvent, context));
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        });
        worker.setContextClassLoader(target.handlerClass().getClassLoader());
        worker.start();
        try {
            return enforceTimeout ? outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS) : outcome.get();
        } catch (TimeoutException e) {
            worker.interrupt();
            String message = String.format("%s Task timed out after %.2f seconds", requestId, timeout.toMillis() / 1000.0);
            StackLog.warn("function " + logicalId + ": " + message + " (the handler thread is interrupted and abandoned)");
            throw new FunctionInvocationException(logicalId, requestId, message, null, true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            StackLog.error("function " + logicalId + " (" + requestId + ") failed: " + cause, cause);
            throw new FunctionInvocationException(logicalId, requestId, "Function " + logicalId + " failed: " + cause, cause, false);
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new FunctionInvocationException(logicalId, requestId, "Invocation of " + logicalId + " interrupted", e, false);
        }
    }
}
