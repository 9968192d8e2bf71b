package com.wispbill.payment;

import com.wispbill.domain.PaymentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security log as structured log lines on the {@code wispbill.security} logger (one JSON line each in Lambda,
 * JsonLogProvider), so a CloudWatch metric filter on it can alarm on a burst of refusals.
 */
public final class LoggedSecurityLog implements SecurityLog {
    private static final Logger LOG = LoggerFactory.getLogger("wispbill.security");

    @Override
    public void refused(PaymentProvider provider, String resellerId, String reason) {
        LOG.warn("payment callback refused: provider={} reseller={} reason={}", provider, resellerId, reason);
    }
}
