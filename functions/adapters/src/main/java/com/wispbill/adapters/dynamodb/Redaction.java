package com.wispbill.adapters.dynamodb;

import com.wispbill.domain.VoucherCodes;

/** Keeps secrets that are part of keys (voucher codes) out of exception messages and logs. */
final class Redaction {
    private static final String VOUCHER_PREFIX = "VOUCHER#";

    private Redaction() {
    }

    static String key(String key) {
        if (key != null && key.startsWith(VOUCHER_PREFIX)) {
            return VOUCHER_PREFIX + VoucherCodes.mask(key.substring(VOUCHER_PREFIX.length()));
        }
        return key;
    }
}
