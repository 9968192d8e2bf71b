package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.logging.CorrelationId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * {@link DynamoSupport#sideBySide}, the one home of bounded parallel calls (usage flush, ledger sweep, pending
 * payments): the bound holds, results keep their order, every call runs and the first failure is rethrown after all
 * ended, the caller's correlation id reaches the calls, interrupting the caller ends the calls, and nothing is left
 * running or alive afterwards.
 */
class SideBySideTest {
    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void neverMoreThanInFlightAtOnceAndTheResultsInTheOrderGiven() {
        int inFlight = 5;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // Every call waits until five are in flight together: with fewer side by side this would never return.
        CountDownLatch fiveTogether = new CountDownLatch(inFlight);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int n = i;
            calls.add(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    fiveTogether.countDown();
                    fiveTogether.await();
                    return n * n;
                } finally {
                    running.decrementAndGet();
                }
            });
        }

        List<Integer> results = DynamoSupport.sideBySide(calls, inFlight);

        assertEquals(IntStream.range(0, 60).map(n -> n * n).boxed().toList(), results);
        assertEquals(inFlight, most.get(), "calls in flight at most");
        assertEquals(0, running.get());
    }

    @Test
    void everyCallRunsAndTheFirstFailureInTheOrderGivenIsThrownWithTheOthersSuppressedOnceAllEnded() {
        for (int inFlight : new int[] {4, 1}) {
            AtomicInteger ran = new AtomicInteger();
            AtomicInteger running = new AtomicInteger();
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                calls.add(() -> {
                    running.incrementAndGet();
                    try {
                        ran.incrementAndGet();
                        if (n == 3) {
                            throw new IllegalStateException("call 3");
                        }
                        if (n == 8) {
                            throw new IllegalArgumentException("call 8");
                        }
                        if (n == 10) {
                            throw new java.io.IOException("call 10");
                        }
                        return "call " + n;
                    } finally {
                        running.decrementAndGet();
                    }
                });
            }

            RuntimeException thrown = assertThrows(RuntimeException.class, () -> DynamoSupport.sideBySide(calls, inFlight));

            assertEquals("call 3", thrown.getMessage(), "with " + inFlight + " in flight");
            assertEquals(12, ran.get(), "every call ran");
            assertEquals(0, running.get(), "none still running when the error is thrown");
            List<Throwable> suppressed = Arrays.asList(thrown.getSuppressed());
            assertEquals(2, suppressed.size(), suppressed.toString());
            assertEquals("call 8", suppressed.get(0).getMessage());
            assertInstanceOf(java.io.IOException.class, suppressed.get(1).getCause(), "a checked exception, wrapped");
        }
    }

    @Test
    void theCallsRunOnVirtualThreadsWithTheCallersCorrelationIdAndLeaveTheCallersMdcAsItWas() {
        MDC.put(CorrelationId.MDC_KEY, "corr-side-by-side");
        MDC.put("router", "r-1");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> {
                seen.add(MDC.get(CorrelationId.MDC_KEY) + "/" + MDC.get("router"));
                return Thread.currentThread().isVirtual();
            });
        }

        assertEquals(List.of(true), DynamoSupport.sideBySide(calls, 5).stream().distinct().toList(), "virtual threads");

        assertEquals(Set.of("corr-side-by-side/r-1"), seen);
        assertEquals("corr-side-by-side", MDC.get(CorrelationId.MDC_KEY));
        assertEquals("r-1", MDC.get("router"));
    }

    @Test
    void interruptingTheCallerInterruptsTheRunningCallsStartsNoMoreAndKeepsTheInterrupt() throws Exception {
        CountDownLatch twoStarted = new CountDownLatch(2);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger interruptedCalls = new AtomicInteger();
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> {
                started.incrementAndGet();
                twoStarted.countDown();
                try {
                    never.await();
                    return "finished";
                } catch (InterruptedException e) {
                    interruptedCalls.incrementAndGet();
                    throw e;
                }
            });
        }
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                DynamoSupport.sideBySide(calls, 2);
            } catch (Throwable t) {
                thrown.set(t);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        twoStarted.await();
        caller.interrupt();
        caller.join();

        assertInstanceOf(IllegalStateException.class, thrown.get());
        assertInstanceOf(InterruptedException.class, thrown.get().getCause());
        assertTrue(stillInterrupted.get(), "the caller's interrupt status is kept");
        assertEquals(2, started.get(), "no call started after the interrupt");
        assertEquals(2, interruptedCalls.get(), "the running calls were interrupted and ended");
    }

    @Test
    void aThousandCallsLeaveNoThreadBehind() throws Exception {
        List<Callable<Integer>> calls = IntStream.range(0, 8).<Callable<Integer>>mapToObj(n -> () -> n).toList();
        DynamoSupport.sideBySide(calls, 4); // the virtual threads' carriers start once per JVM
        Set<String> before = platformThreads();
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        AtomicInteger running = new AtomicInteger();
        List<Callable<Integer>> recorded = IntStream.range(0, 8).<Callable<Integer>>mapToObj(n -> () -> {
            running.incrementAndGet();
            used.add(Thread.currentThread());
            running.decrementAndGet();
            return n;
        }).toList();

        for (int i = 0; i < 1_000; i++) {
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), DynamoSupport.sideBySide(recorded, 4));
            assertEquals(0, running.get(), "a call still running after sideBySide returned");
        }

        assertEquals(before, platformThreads(), "platform threads besides the virtual threads' carriers");
        assertEquals(8_000, used.size(), "one short-lived virtual thread per call");
        for (Thread t : used) {
            t.join(); // each ends (the executor waited for it); a thread kept alive would hold this test
            assertFalse(t.isAlive());
        }
    }

    /** The live platform threads but the virtual threads' carriers (a pool the JVM keeps), by name. */
    private static Set<String> platformThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !(t instanceof ForkJoinWorkerThread))
                .map(Thread::getName).collect(Collectors.toSet());
    }
}
