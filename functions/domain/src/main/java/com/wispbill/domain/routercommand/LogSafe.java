package com.wispbill.domain.routercommand;

import com.wispbill.domain.VoucherCodes;

/**
 * Renders secrets for logs and {@code toString()}. Hotspot user names are voucher codes for voucher
 * sales, i.e. bearer secrets, so they are masked the way the rest of the system masks codes
 * ({@link VoucherCodes#mask}: enough to tell two apart in a support call, not enough to use one).
 */
public final class LogSafe {
    private LogSafe() {
    }

    /** A hotspot user name or voucher code as {@link VoucherCodes#mask} shows it, e.g. {@code K7******4T}. */
    public static String maskCode(String code) {
        return VoucherCodes.mask(code);
    }

    /** Passwords show nothing, not even their length. */
    public static String maskPassword(String password) {
        return password == null ? "null" : "****";
    }
}
