package com.wispbill.adapters.repository;

import com.wispbill.domain.messages.Alert;
import java.util.List;

/**
 * Open operator alerts, per reseller (and platform-wide for alerts without a reseller). An alert
 * stays open from its raise until an alert with the same key and {@code resolved} arrives.
 */
public interface AlertRepository {
    /**
     * Applies a raise or a resolve. Out-of-order and duplicate deliveries are ignored: a change
     * applies only if it is newer ({@code raisedAt}) than the last one applied for that key.
     *
     * @return whether the stored state changed
     */
    boolean apply(Alert alert);

    /** The reseller's open alerts, newest first. */
    List<Alert> openAlerts(String resellerId);

    /** Open alerts that concern no single reseller, newest first. */
    List<Alert> openPlatformAlerts();
}
