package com.wispbill.local.stack;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The stack's own log lines, on standard output next to the handlers' output so that a local run
 * reads as one timeline. Deliberately tiny: the stack must not impose a logging backend on the
 * modules that test against it.
 */
final class StackLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private StackLog() {
    }

    /**
     * Set to {@code true} (the local run does unless {@code --verbose}) to drop the routine INFO
     * lines (a batch partly failed, a schedule fired); warnings and errors are always printed.
     */
    static final String QUIET_PROPERTY = "wispbill.stack.quiet";

    static void info(String message) {
        if (!Boolean.getBoolean(QUIET_PROPERTY)) {
            print("INFO ", message, null);
        }
    }

    static void warn(String message) {
        print("WARN ", message, null);
    }

    static void error(String message, Throwable error) {
        print("ERROR", message, error);
    }

    private static void print(String level, String message, Throwable error) {
        StringBuilder line = new StringBuilder(LocalTime.now().format(TIME)).append(' ').append(level)
                .append(" [local-stack] ").append(message);
        if (error != null) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        }
        System.out.println(line);
    }
}
