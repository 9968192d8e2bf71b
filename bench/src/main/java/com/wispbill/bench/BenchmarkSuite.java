package com.wispbill.bench;

import java.io.PrintStream;

/**
 * One area's benchmark. It starts what it needs (embedded stack, simulated routers), measures, and
 * prints its figures; comparisons are made within the same run (ratios), never against fixed times.
 */
public interface BenchmarkSuite {
    /** Short name used on the command line: {@code ./dev bench NAME}. */
    String name();

    /** What it measures, one line. */
    String description();

    void run(PrintStream out) throws Exception;
}
