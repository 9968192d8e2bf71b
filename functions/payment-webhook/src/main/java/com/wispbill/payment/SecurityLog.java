package com.wispbill.payment;

import com.wispbill.domain.PaymentProvider;

/**
 * Where refused provider callbacks are reported (forged or altered requests, wrong path tokens, amounts
 * that do not match the order). Nothing else is written for them: a flood of forgeries must not grow
 * the table. Entries never contain secrets or whole bodies.
 */
public interface SecurityLog {
    /**
     * @param resellerId the reseller the request claimed to be for, if it named one ("-" otherwise)
     * @param reason     what failed, for the operator
     */
    void refused(PaymentProvider provider, String resellerId, String reason);
}
