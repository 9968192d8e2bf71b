package com.wispbill.api.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the platform's dependencies answer: each probe touches one (a table, a queue, Secrets
 * Manager) without reading or writing any tenant's data. The report names the dependencies and says
 * only "ok" or "unreachable", so an uptime monitor can call it without a key.
 *
 * <p>The probes run side by side, one virtual thread each, and the check answers by its {@link #DEADLINE}:
 * a dependency that has not answered by then is reported unreachable. The AWS clients' own limits (a 15 s
 * read, retried) are longer than the health function's 10 s timeout, so without the deadline one hanging
 * dependency would end the invocation in a timeout that names nothing; side by side, the check takes its
 * slowest answering dependency's time, not the sum of all.
 */
public final class HealthCheck {
    /** Well within the health function's timeout (template.yaml: 10 s), with room for its cold start. */
    public static final Duration DEADLINE = Duration.ofSeconds(5);

    /** One call to a dependency: returns if it answered, throws otherwise. */
    public interface Check {
        void run() throws Exception;
    }

    /** A named dependency and how to reach it. */
    public record Probe(String name, Check check) {
    }

    public record Report(boolean healthy, String version, Map<String, String> checks) {
    }

    public static final String OK = "ok";
    public static final String UNREACHABLE = "unreachable";

    private final List<Probe> probes;
    private final String version;
    private final Duration deadline;

    public HealthCheck(List<Probe> probes, String version) {
        this(probes, version, DEADLINE);
    }

    public HealthCheck(List<Probe> probes, String version, Duration deadline) {
        this.probes = List.copyOf(probes);
        this.version = version;
        this.deadline = deadline;
    }

    public Report run() {
        ExecutorService probing = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("health-probe-", 0).factory());
        try {
            List<Future<Boolean>> answers = probes.stream().map(probe -> probing.submit(() -> answers(probe))).toList();
            long end = System.nanoTime() + deadline.toNanos();
            Map<String, String> checks = new LinkedHashMap<>();
            boolean healthy = true;
            for (int i = 0; i < probes.size(); i++) {
                boolean ok = answered(answers.get(i), end);
                checks.put(probes.get(i).name(), ok ? OK : UNREACHABLE);
                healthy &= ok;
            }
            return new Report(healthy, version, checks);
        } finally {
            // Probes still waiting past the deadline are interrupted, not waited for.
            probing.shutdownNow();
        }
    }

    private static boolean answers(Probe probe) {
        try {
            probe.check().run();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** The probe's answer by {@code end} ({@link System#nanoTime()}); none by then counts as unreachable. */
    private static boolean answered(Future<Boolean> answer, long end) {
        try {
            return answer.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            // answers() turns every Exception into false: what is left is an Error, which must not pass as "unreachable".
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the health probes", e);
        }
    }
}
