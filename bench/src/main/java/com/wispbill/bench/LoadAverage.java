package com.wispbill.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average as the benchmarks print it beside their figures (the machine is shared). */
final class LoadAverage {
    private LoadAverage() {
    }

    /** "1.23 1.10 0.98" (1, 5 and 15 minutes) from /proc/loadavg, or the JVM's 1-minute figure elsewhere. */
    static String now() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2] + " (1/5/15 min, "
                    + Runtime.getRuntime().availableProcessors() + " cores)";
        } catch (IOException | RuntimeException e) {
            return String.format(java.util.Locale.ROOT, "%.2f (1 min, %d cores)",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
        }
    }
}
