package com.wispbill.expiry;

/**
 * What one sweep did.
 *
 * @param itemsRead  index items read (subscriptions and vouchers due, and reminder candidates)
 * @param expired    subscriptions and vouchers marked EXPIRED (and cut off)
 * @param skipped    due items changed meanwhile (renewed, already expired by a concurrent run)
 * @param reminders  expiry reminders queued
 */
public record SweepReport(long itemsRead, long expired, long skipped, long reminders) {
}
