package com.wispbill.router.adapters;

import com.wispbill.adapters.metrics.EmfMetricLines;
import com.wispbill.domain.Router;
import com.wispbill.domain.routerdriver.RouterDrift;
import com.wispbill.router.poll.DriftMetrics;
import java.util.Map;
import java.util.Objects;

/**
 * Drift as CloudWatch metrics (embedded metric format lines on stdout): {@code RouterDrift} (every
 * difference found) and {@code RouterDriftUnknown} (objects billing never created), per reseller. Zeros
 * too: a router found back in line reports that its drift is gone.
 */
public final class EmfDriftMetrics implements DriftMetrics {
    private final EmfMetricLines lines;

    public EmfDriftMetrics(EmfMetricLines lines) {
        this.lines = Objects.requireNonNull(lines, "lines");
    }

    @Override
    public void record(Router router, RouterDrift drift) {
        Map<String, String> reseller = Map.of("ResellerId", router.resellerId());
        lines.write("RouterDrift", drift.total(), reseller);
        lines.write("RouterDriftUnknown", drift.unknown(), reseller);
    }
}
