package com.wispbill.adapters.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Bookkeeping of the enforcement sweeps: how far each sweep has got (so a late run catches up on
 * the minutes it missed), which reminders were sent, and each reseller's reminder lead time.
 */
public interface EnforcementStateRepository {
    /** Reminder lead when a reseller has not chosen one: a day before expiry. */
    Duration DEFAULT_REMINDER_LEAD = Duration.ofDays(1);
    /** Longest lead a reseller may choose. */
    Duration MAX_REMINDER_LEAD = Duration.ofDays(7);

    /** Up to when sweep {@code sweep} has finished; empty before its first run. */
    Optional<Instant> sweptUntil(String sweep);

    /**
     * Records that {@code sweep} finished everything due by {@code until}. Never moves backwards: a
     * slower concurrent run finishing after a faster one leaves the later checkpoint.
     */
    void advanceSweptUntil(String sweep, Instant until);

    /** Whether the reminder {@code notificationId} was already sent. */
    boolean reminderSent(String notificationId);

    /** Records that the reminder was sent; the record expires at {@code keepUntil}. */
    void markReminderSent(String notificationId, Instant keepUntil);

    /** The reseller's reminder lead, or {@link #DEFAULT_REMINDER_LEAD}. */
    Duration reminderLead(String resellerId);

    /** Sets the reseller's lead (whole minutes, 1 minute to {@link #MAX_REMINDER_LEAD}). */
    void setReminderLead(String resellerId, Duration lead);

    /** Every lead some reseller uses, plus the default: the reminder sweep reads one window per lead. */
    Set<Duration> reminderLeadsInUse();
}
