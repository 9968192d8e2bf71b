package com.wispbill.payment;

import com.wispbill.domain.PaymentProvider;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The security log as structured log lines on the {@code wispbill.security} logger (JSON in Lambda via
 * Powertools logging), so a CloudWatch metric filter on it can alarm on a burst of refusals.
 */
public final class Log4jSecurityLog implements SecurityLog {
    private static final Logger LOG = LogManager.getLogger("wispbill.security");

    @Override
    public void refused(PaymentProvider provider, String resellerId, String reason) {
        LOG.warn("payment callback refused: provider={} reseller={} reason={}", provider, resellerId, reason);
    }
}
