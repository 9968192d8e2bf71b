package com.wispbill.expiry;

/**
 * What one sweep did.
 *
 * @param dueRead    index items read looking for what is due (subscriptions and vouchers)
 * @param reminderCandidatesRead index items read looking for reminders to send
 * @param expired    subscriptions and vouchers marked EXPIRED (and cut off)
 * @param renewed    subscriptions renewed from their customer's wallet instead (auto-renewal)
 * @param skipped    due items changed meanwhile (renewed, already expired by a concurrent run)
 * @param reminders  expiry reminders queued
 */
public record SweepReport(long dueRead, long reminderCandidatesRead, long expired, long renewed, long skipped, long reminders) {
}
