package com.wispbill.domain.voucher;

import com.wispbill.domain.VoucherCodes;

/**
 * The login of a hotspot user, one rule for everything a customer types on the hotspot page.
 *
 * <ul>
 *   <li>Vouchers, printed in a batch or bought on the portal: user name and password are both the
 *       canonical code ({@link VoucherCodes#normalize}), so the page can send the normalised code as
 *       both, by PAP or CHAP, and the printed QR code ({@code ?username=CODE&password=CODE}) works too.</li>
 *   <li>Subscriber accounts: the operator's user name and password on the router, sent exactly as
 *       typed (never normalised: they are not codes).</li>
 * </ul>
 *
 * The page implements the same rule in {@code hotspot/wispbill-login.js}; both are tested against
 * one table of typed codes ({@code voucher-code-normalisation.json}).
 */
public record HotspotCredentials(String username, String password) {

    /** The login of the voucher with this (canonical) code. */
    public static HotspotCredentials voucher(String code) {
        if (!VoucherCodes.isCanonical(code)) {
            throw new IllegalArgumentException("not a canonical voucher code: " + VoucherCodes.mask(code));
        }
        return new HotspotCredentials(code, code);
    }

    @Override
    public String toString() {
        return "HotspotCredentials[username=" + VoucherCodes.mask(username) + ", password=***]";
    }
}
