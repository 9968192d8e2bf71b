package com.wispbill.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Counts calls and the most of them in flight at once, to check that calls meant to go side by side do, within
 * their bound. Holding (optional): the first call waits (two seconds at most) until a second one has started, so
 * calls sent side by side are seen side by side however their threads are scheduled, and calls sent one after
 * another are seen one at a time (the second only starts once the first gave up waiting).
 */
public final class InFlightCounter {
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    /** Zero: calls go straight through. */
    private final CountDownLatch twoStarted;

    public InFlightCounter(boolean holdFirstUntilSecond) {
        twoStarted = new CountDownLatch(holdFirstUntilSecond ? 2 : 0);
    }

    /** Runs {@code call}, counted. */
    public <T> T count(Supplier<T> call) {
        calls.incrementAndGet();
        most.accumulateAndGet(running.incrementAndGet(), Math::max);
        twoStarted.countDown();
        try {
            twoStarted.await(2, TimeUnit.SECONDS);
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            running.decrementAndGet();
        }
    }

    /** The calls counted so far. */
    public int calls() {
        return calls.get();
    }

    /** The most calls that were in flight at once. */
    public int most() {
        return most.get();
    }
}
