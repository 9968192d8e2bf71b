package com.wispbill.router.poll;

import com.wispbill.domain.Router;
import com.wispbill.domain.routerdriver.RouterDrift;

/** Where reconcile reports the drift it found (CloudWatch through Powertools metrics in production). */
public interface DriftMetrics {
    void record(Router router, RouterDrift drift);
}
