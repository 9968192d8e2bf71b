package com.wispbill.adapters.repository;

import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Plan;
import java.util.Optional;

public interface PlanRepository {
    void create(Plan plan);

    /** Replaces an existing plan (plans are deactivated, never deleted: vouchers and payments refer to them). */
    void update(Plan plan);

    Optional<Plan> find(String resellerId, String planId);

    default Plan get(String resellerId, String planId) {
        return find(resellerId, planId).orElseThrow(() -> new NotFoundException("Plan", planId));
    }

    /** The reseller's plans in creation order. */
    Page<Plan> list(String resellerId, PageRequest page);
}
