package com.wispbill.local.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Timed invocations for {@code Schedule}/{@code ScheduleV2} events. EventBridge invokes
 * asynchronously: a firing does not wait for the previous one, and a failure is logged (the stack
 * does not emulate Lambda's asynchronous retries). With timers disabled (tests), schedules still
 * exist and {@link #invokeNow} fires them on demand.
 */
final class ScheduleRunner implements AutoCloseable {

    /** A schedule event bound to its function. */
    record Binding(LambdaFunction function, FunctionEvent.Schedule schedule) {}

    private final List<Binding> bindings;
    private final String accountId;
    private final String region;
    private final ScheduledExecutorService timer;

    ScheduleRunner(List<Binding> bindings, String accountId, String region, boolean timersEnabled) {
        this.bindings = List.copyOf(bindings);
        this.accountId = accountId;
        this.region = region;
        this.timer = timersEnabled && !bindings.isEmpty()
                ? Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("schedules").factory())
                : null;
        if (timer != null) {
            Instant now = Instant.now();
            for (Binding binding : this.bindings) {
                if (binding.schedule.enabled()) {
                    scheduleNext(binding, now);
                }
            }
        }
    }

    List<Binding> bindings() {
        return bindings;
    }

    /** Invokes the function for its (named, or only/first) schedule right now, synchronously. */
    Object invokeNow(String functionLogicalId, String eventName) {
        List<Binding> matching = new ArrayList<>();
        for (Binding binding : bindings) {
            if (binding.function.logicalId().equals(functionLogicalId)
                    && (eventName == null || binding.schedule.name().equals(eventName))) {
                matching.add(binding);
            }
        }
        if (matching.isEmpty()) {
            throw new IllegalArgumentException("Function " + functionLogicalId + " has no schedule event"
                    + (eventName == null ? "" : " named " + eventName) + " wired in this stack");
        }
        return fire(matching.get(0), Instant.now());
    }

    private void scheduleNext(Binding binding, Instant after) {
        Optional<Instant> next = binding.schedule.expression().nextAfter(after);
        if (next.isEmpty() || timer.isShutdown()) {
            return;
        }
        Instant at = next.get();
        long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis());
        try {
            timer.schedule(() -> {
                // Fire asynchronously: a slow run must not delay the next one (EventBridge does not wait).
                Thread.ofVirtual().name("schedule-" + binding.function.logicalId()).start(() -> {
                    try {
                        fire(binding, at);
                    } catch (FunctionInvocationException e) {
                        // already logged with its cause by the function
                    } catch (RuntimeException e) {
                        StackLog.error("schedule " + binding.schedule.name() + " of " + binding.function.logicalId() + " failed", e);
                    }
                });
                scheduleNext(binding, at);
            }, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private Object fire(Binding binding, Instant time) {
        String input = binding.schedule.input();
        if (input != null) {
            JsonNode constant;
            try {
                constant = Json.MAPPER.readTree(input);
            } catch (JsonProcessingException e) {
                throw new StackException("Schedule " + binding.schedule.name() + " of " + binding.function.logicalId()
                        + " has an Input that is not JSON: " + e.getOriginalMessage());
            }
            return binding.function.invoke(null, () -> constant);
        }
        var event = LambdaEvents.scheduledEvent(binding.schedule.resourceArn(), time, accountId, region);
        return binding.function.invoke(event, () -> LambdaEvents.wire(event));
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
