package com.wispbill.adapters.repository;

import java.time.LocalDate;

/**
 * The per-reseller daily SMS quota: how many SMS the platform sends (and pays for) for one reseller in
 * one UTC day. Counted before each publish; a refused one is counted too, so the first refusal of a
 * day can be told apart (it raises the alert once).
 */
public interface SmsQuota {

    /** The answer for one SMS: send it or not, and whether this is the day's first refusal. */
    record Verdict(boolean allowed, boolean firstRefusal) {
    }

    /** Takes one SMS of {@code resellerId}'s allowance of {@code limit} for {@code day}. */
    Verdict take(String resellerId, LocalDate day, long limit);
}
