package com.wispbill.adapters.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.event.Level;

/**
 * One log event as a line. In JSON (what CloudWatch receives) the fields of Powertools' Lambda layout
 * that WISPbill's events carry, in its order, plus the logger and thread:
 * <pre>{"level":"WARN","message":"...","logger":"com.wispbill...","thread":"main",
 *  "error":{"message":"...","name":"java.io.IOException","stack":"java.io.IOException: ...\n\tat ..."},
 *  "timestamp":"2026-01-31T08:15:00.123Z","xray_trace_id":"1-...","correlation_id":"...", ...MDC}</pre>
 * {@code error} only with a throwable (its {@code message} only if it has one), {@code xray_trace_id}
 * only inside a Lambda invocation (the runtime's trace header), then every MDC entry ({@code correlation_id}
 * first, see {@link CorrelationId}; the others by name). Strings are escaped by {@link JsonStrings#append}.
 * In text: {@code 08:15:00.123 WARN  [Logger] message}, the stack trace on the lines below.
 */
record LogLine(long epochMillis, Level level, String logger, String thread, String message, Throwable error,
        Map<String, String> mdc, String traceHeader) {
    /** Where the Lambda Java runtime puts the current invocation's X-Ray trace header. */
    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";
    private static final Set<String> FIELDS = Set.of("level", "message", "logger", "thread", "error", "timestamp",
            "xray_trace_id");

    String json() {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"level\":");
        JsonStrings.append(out, level.name());
        out.append(",\"message\":");
        JsonStrings.append(out, String.valueOf(message));
        out.append(",\"logger\":");
        JsonStrings.append(out, logger);
        out.append(",\"thread\":");
        JsonStrings.append(out, thread);
        if (error != null) {
            out.append(",\"error\":{");
            if (error.getMessage() != null) {
                out.append("\"message\":");
                JsonStrings.append(out, error.getMessage());
                out.append(',');
            }
            out.append("\"name\":");
            JsonStrings.append(out, error.getClass().getName());
            out.append(",\"stack\":");
            JsonStrings.append(out, stackTrace(error));
            out.append('}');
        }
        out.append(",\"timestamp\":\"");
        LineTimes.appendUtcTimestamp(out, epochMillis);
        out.append('"');
        String traceId = traceId(traceHeader);
        if (traceId != null) {
            out.append(",\"xray_trace_id\":");
            JsonStrings.append(out, traceId);
        }
        if (mdc != null && !mdc.isEmpty()) {
            String correlationId = mdc.get(CorrelationId.MDC_KEY);
            if (correlationId != null) {
                appendField(out, CorrelationId.MDC_KEY, correlationId);
            }
            for (Map.Entry<String, String> entry : new TreeMap<>(mdc).entrySet()) {
                String key = entry.getKey();
                if (key != null && entry.getValue() != null && !key.equals(CorrelationId.MDC_KEY) && !FIELDS.contains(key)) {
                    appendField(out, key, entry.getValue());
                }
            }
        }
        return out.append("}\n").toString();
    }

    String text() {
        StringBuilder out = new StringBuilder(128);
        LineTimes.appendLocalTime(out, epochMillis);
        out.append(' ').append(level.name());
        out.append(" ".repeat(Math.max(0, 5 - level.name().length())));
        out.append(" [").append(logger.substring(logger.lastIndexOf('.') + 1)).append("] ").append(message).append('\n');
        if (error != null) {
            out.append(stackTrace(error)).append('\n');
        }
        return out.toString();
    }

    private static void appendField(StringBuilder out, String key, String value) {
        out.append(',');
        JsonStrings.append(out, key);
        out.append(':');
        JsonStrings.append(out, value);
    }

    /** The trace id ("1-5759e988-bd862e3fe1be46a994272793") from "Root=1-...;Parent=...;Sampled=1". */
    static String traceId(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String trimmed = part.strip();
            if (trimmed.startsWith("Root=") && trimmed.length() > "Root=".length()) {
                return trimmed.substring("Root=".length());
            }
        }
        return null;
    }

    /** What {@link Throwable#printStackTrace()} prints (causes and suppressed included), without the last newline. */
    static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        try (PrintWriter writer = new PrintWriter(text)) {
            error.printStackTrace(writer);
        }
        String stack = text.toString();
        return stack.endsWith(System.lineSeparator()) ? stack.substring(0, stack.length() - System.lineSeparator().length())
                : stack;
    }
}
