package com.wispbill.payment;

/**
 * The portal's router has never been reached: the portal lists nothing and starts no payment (no customer pays for
 * a voucher no router can take). The message is the reason, shown on the login page.
 */
public final class NotSellingYetException extends RuntimeException {
    public NotSellingYetException(String reason) {
        super(reason);
    }
}
