package com.wispbill.api.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Whether the platform's dependencies answer: each probe touches one (a table, a queue, Secrets
 * Manager) without reading or writing any tenant's data. The report names the dependencies and says
 * only "ok" or "unreachable", so an uptime monitor can call it without a key.
 *
 * <p>The probes run side by side, one virtual thread each: the check takes as long as its slowest
 * dependency, not the sum of all, so one that hangs until its client's timeout does not push the
 * answer past the monitor's (or API Gateway's 30 s) limit, and a cold start waits for seven calls at once.
 */
public final class HealthCheck {
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

    public HealthCheck(List<Probe> probes, String version) {
        this.probes = List.copyOf(probes);
        this.version = version;
    }

    public Report run() {
        List<Future<Boolean>> answers;
        try (ExecutorService probing = Executors.newVirtualThreadPerTaskExecutor()) {
            answers = probes.stream().map(probe -> probing.submit(() -> answers(probe))).toList();
        }
        // Closing the executor waited for every probe; each catches its own failure.
        Map<String, String> checks = new LinkedHashMap<>();
        boolean healthy = true;
        for (int i = 0; i < probes.size(); i++) {
            boolean ok = answers.get(i).resultNow();
            checks.put(probes.get(i).name(), ok ? OK : UNREACHABLE);
            healthy &= ok;
        }
        return new Report(healthy, version, checks);
    }

    private static boolean answers(Probe probe) {
        try {
            probe.check().run();
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
