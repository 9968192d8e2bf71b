package com.wispbill.api.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the platform's dependencies answer: each probe touches one (a table, a queue, Secrets
 * Manager) without reading or writing any tenant's data. The report names the dependencies and says
 * only "ok" or "unreachable", so an uptime monitor can call it without a key.
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
        Map<String, String> checks = new LinkedHashMap<>();
        boolean healthy = true;
        for (Probe probe : probes) {
            try {
                probe.check().run();
                checks.put(probe.name(), OK);
            } catch (Exception e) {
                checks.put(probe.name(), UNREACHABLE);
                healthy = false;
            }
        }
        return new Report(healthy, version, checks);
    }
}
