package com.wispbill.adapters.metrics;

import com.wispbill.adapters.Env;
import com.wispbill.domain.metrics.Metric;
import com.wispbill.domain.metrics.OperationalMetrics;
import java.util.Map;
import java.util.Objects;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Operational metrics as CloudWatch embedded metric format lines on stdout (Powertools), each
 * flushed at once with exactly its own dimensions, so alarms and the dashboard can name them.
 */
public final class PowertoolsOperationalMetrics implements OperationalMetrics {
    private final Metrics metrics;
    private final String namespace;

    public PowertoolsOperationalMetrics(Metrics metrics, String namespace) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    /**
     * The namespace the template sets for every function ({@code POWERTOOLS_METRICS_NAMESPACE}); tools
     * that build a function's store outside Lambda (CreateResellerKey) get the same default.
     */
    public static PowertoolsOperationalMetrics fromEnvironment() {
        return new PowertoolsOperationalMetrics(MetricsFactory.getMetricsInstance(),
                Env.optional("POWERTOOLS_METRICS_NAMESPACE").orElse("WISPbill"));
    }

    /** Without dimensions of its own a figure gets {@code Service=wispbill} (POWERTOOLS_SERVICE_NAME), as the alarms name it. */
    @Override
    public synchronized void record(Metric metric, long value, Map<String, String> dimensions) {
        if (value == 0 && !metric.isLevel()) {
            return; // nothing happened: no line (CloudWatch sums read a missing point as none)
        }
        metrics.flushSingleMetric(metric.metricName(), value, MetricUnit.COUNT, namespace,
                dimensions.isEmpty() ? DimensionSet.of("Service", "wispbill") : DimensionSet.of(dimensions));
    }
}
