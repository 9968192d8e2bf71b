package com.wispbill.domain.metrics;

import java.util.Map;

/**
 * Where functions report what a run did (CloudWatch embedded metrics in production, see
 * EmfMetricLines). Handlers record from their use cases' results, so use cases stay
 * free of it. Dimensions are few and bounded (currency, router), never customer data.
 */
public interface OperationalMetrics {
    /** Reports nothing: for callers that do not look at metrics (tools, tests of other behaviour). */
    OperationalMetrics DISCARD = (metric, value, dimensions) -> { };

    void record(Metric metric, long value, Map<String, String> dimensions);

    default void record(Metric metric, long value) {
        record(metric, value, Map.of());
    }
}
