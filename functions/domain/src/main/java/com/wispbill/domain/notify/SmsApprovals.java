package com.wispbill.domain.notify;

import com.wispbill.domain.Validation;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the operator allows one reseller's SMS to carry, since the platform sends and pays for them: the
 * sender ids the reseller may choose (none: only the platform's) and whether its texts may hold links.
 * Without this anyone with a reseller key could send "MPESA: your account is locked, visit ..." to every
 * customer who ever bought a voucher.
 *
 * @param senderIds    sender ids the reseller may set, each as {@link SmsSettings#isSenderId} accepts, in the
 *                     operator's order, without repeats
 * @param linksAllowed whether template texts (and plan names, which the texts show) may contain links
 */
public record SmsApprovals(List<String> senderIds, boolean linksAllowed) {
    public static final int MAX_SENDER_IDS = 20;
    /** A reseller the operator never looked at: the platform's sender id only, no links. */
    public static final SmsApprovals NONE = new SmsApprovals(List.of(), false);

    /**
     * Something a phone shows as a link: a scheme ({@code https://}, {@code sms:}, ...), {@code www.}, or a
     * dotted name ending in a top-level domain of 2+ letters ({@code bit.ly/x}, {@code pay-here.co.ke}),
     * or an IPv4 address. Placeholders are not links; decimal numbers ({@code 1.5GB}) are not either.
     */
    private static final Pattern LINK = Pattern.compile(
            "(?i)\\b[a-z][a-z0-9+.-]*://\\S*|\\b(?:sms|tel|mailto|whatsapp):\\S+|\\bwww\\.\\S+"
                    + "|\\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,24}\\b(?:/\\S*)?"
                    + "|\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b");

    public SmsApprovals {
        senderIds = senderIds == null ? List.of() : List.copyOf(senderIds);
        Validation v = new Validation();
        v.check(senderIds.size() <= MAX_SENDER_IDS, "senderIds", "at most " + MAX_SENDER_IDS + " sender ids");
        for (int i = 0; i < senderIds.size(); i++) {
            String id = senderIds.get(i);
            v.check(SmsSettings.isSenderId(id), "senderIds[" + i + "]", "must be 1-11 letters and digits with at least one letter");
            v.check(senderIds.indexOf(id) == i, "senderIds[" + i + "]", "is listed twice");
        }
        v.throwIfInvalid();
    }

    /** Whether the reseller may choose {@code senderId} (exactly as approved: case shows on phones). */
    public boolean allowsSenderId(String senderId) {
        return senderIds.contains(senderId);
    }

    /** The first thing in {@code text} that reads as a link, if any. */
    public static Optional<String> findLink(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = LINK.matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }
}
