package com.wispbill.adapters.logging;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Where finished lines go: each line, its newline included, is one write of UTF-8 bytes under the
 * stream's lock, so lines logged at the same time by several threads never interleave, and text
 * outside ASCII arrives intact whatever the platform's default encoding (Lambda's is ASCII). Metric
 * lines (EmfMetricLines) go through it too, so they never interleave with log lines either.
 */
public final class LogOutput {
    private final Supplier<PrintStream> stream;

    private LogOutput(Supplier<PrintStream> stream) {
        this.stream = stream;
    }

    /** {@code System.out} as it is when a line is written (a local run swaps it for a moment). */
    public static LogOutput standardOutput() {
        return new LogOutput(() -> System.out);
    }

    public static LogOutput to(PrintStream stream) {
        return new LogOutput(() -> stream);
    }

    /** Writes {@code line} as it is: the caller ends it with its newline. */
    public void write(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        PrintStream out = stream.get();
        synchronized (out) {
            out.write(bytes, 0, bytes.length);
            out.flush();
        }
    }
}
