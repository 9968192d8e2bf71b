package com.wispbill.adapters.dynamodb;

import com.wispbill.domain.VoucherCodes;

/** Keeps secrets that are part of keys (voucher codes) out of exception messages and logs. */
final class Redaction {
    private Redaction() {
    }

    static String key(String key) {
        if (key != null && key.startsWith(Keys.VOUCHER_PREFIX)) {
            return Keys.VOUCHER_PREFIX + VoucherCodes.mask(key.substring(Keys.VOUCHER_PREFIX.length()));
        }
        return key;
    }
}
