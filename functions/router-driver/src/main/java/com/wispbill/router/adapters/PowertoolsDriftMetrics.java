package com.wispbill.router.adapters;

import com.wispbill.router.poll.DriftMetrics;

import com.wispbill.domain.Router;
import com.wispbill.domain.routerdriver.RouterDrift;
import java.util.Objects;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Drift as CloudWatch metrics (embedded metric format on stdout): {@code RouterDrift} (every difference
 * found) and {@code RouterDriftUnknown} (objects billing never created), per reseller. Each router's
 * figures are flushed at once, as each has its own dimension value.
 */
public final class PowertoolsDriftMetrics implements DriftMetrics {
    private final Metrics metrics;
    private final String namespace;

    public PowertoolsDriftMetrics(Metrics metrics, String namespace) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    public PowertoolsDriftMetrics(String namespace) {
        this(MetricsFactory.getMetricsInstance(), namespace);
    }

    @Override
    public synchronized void record(Router router, RouterDrift drift) {
        DimensionSet reseller = DimensionSet.of("ResellerId", router.resellerId());
        metrics.flushSingleMetric("RouterDrift", drift.total(), MetricUnit.COUNT, namespace, reseller);
        metrics.flushSingleMetric("RouterDriftUnknown", drift.unknown(), MetricUnit.COUNT, namespace, reseller);
    }
}
