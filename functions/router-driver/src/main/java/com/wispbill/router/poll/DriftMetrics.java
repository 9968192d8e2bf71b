package com.wispbill.router.poll;

import com.wispbill.domain.Router;
import com.wispbill.domain.routerdriver.RouterDrift;

/** Where reconcile reports the drift it found (CloudWatch embedded metric lines in production, EmfDriftMetrics). */
public interface DriftMetrics {
    void record(Router router, RouterDrift drift);
}
