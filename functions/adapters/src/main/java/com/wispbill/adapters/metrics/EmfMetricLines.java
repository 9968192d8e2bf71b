package com.wispbill.adapters.metrics;

import com.wispbill.adapters.Env;
import com.wispbill.adapters.logging.JsonStrings;
import com.wispbill.adapters.logging.LineTimes;
import com.wispbill.adapters.logging.LogOutput;
import com.wispbill.domain.metrics.Metric;
import com.wispbill.domain.metrics.OperationalMetrics;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Metrics as CloudWatch embedded metric format (EMF): one JSON line per figure on stdout, which Lambda
 * sends to CloudWatch Logs and CloudWatch turns into a metric. It replaces Powertools metrics and the
 * EMF library under it, whose first flush loaded about 740 classes of a function's cold start (README,
 * "Things written here that Powertools would do elsewhere"); the line is the one Powertools'
 * {@code flushSingleMetric} printed, values as integers:
 * <pre>{"_aws":{"Timestamp":1796544637619,"CloudWatchMetrics":[{"Namespace":"WISPbill",
 *  "Dimensions":[["RouterId"]],"Metrics":[{"Name":"RouterCommandsFailed","Unit":"Count"}]}]},
 *  "RouterId":"rtr_1","RouterCommandsFailed":3}</pre>
 * Exactly the dimensions given (by name), or {@code Service=wispbill} when none, as the template's
 * alarms and dashboard name them; unit Count; the timestamp in epoch millis from the clock. Each line is
 * one write through the log lines' {@link LogOutput}, so lines of several threads, metric or log, never
 * interleave.
 *
 * <p>Outside Lambda the system property {@value #FORMAT_PROPERTY} ({@code json}, {@code text} or {@code
 * off}; never set in template.yaml) lets a local run print a readable line or none.
 */
public final class EmfMetricLines implements OperationalMetrics {
    /** System property: {@code text} for a readable line, {@code off} for none (local runs). */
    public static final String FORMAT_PROPERTY = "wispbill.metrics.format";
    /** The dimension of a figure recorded without any, as POWERTOOLS_SERVICE_NAME named it. */
    static final Map<String, String> NO_DIMENSIONS = Map.of("Service", "wispbill");

    enum Format { JSON, TEXT, OFF }

    private final String namespace;
    private final Clock clock;
    private final LogOutput output;
    private final Format format;

    EmfMetricLines(String namespace, Clock clock, LogOutput output, Format format) {
        this.namespace = checkedNamespace(Objects.requireNonNull(namespace, "namespace"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.output = Objects.requireNonNull(output, "output");
        this.format = Objects.requireNonNull(format, "format");
    }

    public EmfMetricLines(String namespace, Clock clock, LogOutput output) {
        this(namespace, clock, output, Format.JSON);
    }

    /**
     * The namespace the template sets for every function ({@code POWERTOOLS_METRICS_NAMESPACE}, kept
     * from Powertools so the alarms need no change); tools that build a function's store outside Lambda
     * (CreateResellerKey) get the same default. Stdout, the system clock.
     */
    public static EmfMetricLines fromEnvironment() {
        String format = System.getProperty(FORMAT_PROPERTY);
        return new EmfMetricLines(Env.optional("POWERTOOLS_METRICS_NAMESPACE").orElse("WISPbill"), Clock.systemUTC(),
                LogOutput.standardOutput(), format == null || format.isBlank() ? Format.JSON
                        : Format.valueOf(format.strip().toUpperCase(Locale.ROOT)));
    }

    /** A count of zero events writes no line (a CloudWatch sum reads a missing point as none); a level's zero does. */
    @Override
    public void record(Metric metric, long value, Map<String, String> dimensions) {
        if (value == 0 && !metric.isLevel()) {
            return;
        }
        write(metric.metricName(), value, dimensions);
    }

    /** One line for {@code value} of {@code metricName}, zeros included. */
    public void write(String metricName, long value, Map<String, String> dimensions) {
        Map<String, String> named = new TreeMap<>(dimensions.isEmpty() ? NO_DIMENSIONS : dimensions);
        checkName("metric name", metricName, 1024);
        named.forEach((name, dimensionValue) -> {
            checkName("dimension name", name, 250);
            checkName("value of dimension " + name, dimensionValue, 1024);
            if (name.startsWith(":") || name.equals(metricName)) {
                throw new IllegalArgumentException("dimension name " + name + " is reserved or the metric's own name");
            }
        });
        switch (format) {
            case JSON -> output.write(json(metricName, value, named));
            case TEXT -> output.write(text(metricName, value, named));
            case OFF -> { }
        }
    }

    private String json(String metricName, long value, Map<String, String> dimensions) {
        StringBuilder line = new StringBuilder(256);
        line.append("{\"_aws\":{\"Timestamp\":").append(clock.millis()).append(",\"CloudWatchMetrics\":[{\"Namespace\":");
        JsonStrings.append(line, namespace);
        line.append(",\"Dimensions\":[[");
        boolean first = true;
        for (String name : dimensions.keySet()) {
            line.append(first ? "" : ",");
            JsonStrings.append(line, name);
            first = false;
        }
        line.append("]],\"Metrics\":[{\"Name\":");
        JsonStrings.append(line, metricName);
        line.append(",\"Unit\":\"Count\"}]}]}");
        dimensions.forEach((name, dimensionValue) -> {
            line.append(',');
            JsonStrings.append(line, name);
            line.append(':');
            JsonStrings.append(line, dimensionValue);
        });
        line.append(',');
        JsonStrings.append(line, metricName);
        return line.append(':').append(value).append("}\n").toString();
    }

    /** {@code 08:15:00.123 METRIC WISPbill RouterCommandsFailed=3 RouterId=rtr_1}, the local log lines' time. */
    private String text(String metricName, long value, Map<String, String> dimensions) {
        StringBuilder line = new StringBuilder(96);
        LineTimes.appendLocalTime(line, clock.millis());
        line.append(" METRIC ").append(namespace).append(' ').append(metricName).append('=').append(value);
        dimensions.forEach((name, dimensionValue) -> line.append(' ').append(name).append('=').append(dimensionValue));
        return line.append('\n').toString();
    }

    /**
     * What CloudWatch accepts (the EMF library checked the same before writing): a name or value not
     * blank, printable ASCII, not too long. A line CloudWatch drops would lose the figure in silence.
     */
    private static void checkName(String what, String text, int maxLength) {
        if (text == null || text.isBlank() || text.length() > maxLength) {
            throw new IllegalArgumentException(what + " must be 1 to " + maxLength + " characters, not blank: " + text);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(what + " must be printable ASCII: " + text);
            }
        }
    }

    /** 1 to 255 of a-z A-Z 0-9 . _ # : / - (checked by hand: a pattern would load its classes into every cold start). */
    private static String checkedNamespace(String namespace) {
        boolean valid = !namespace.isEmpty() && namespace.length() <= 255;
        for (int i = 0; valid && i < namespace.length(); i++) {
            char c = namespace.charAt(i);
            valid = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "._#:/-".indexOf(c) >= 0;
        }
        if (!valid) {
            throw new IllegalArgumentException("metric namespace must be 1 to 255 of a-z A-Z 0-9 . _ # : / -: " + namespace);
        }
        return namespace;
    }
}
