package com.wispbill.domain.messages;

import com.wispbill.domain.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One poll of one router: the cumulative counters of every active session it listed, read at
 * {@code sampledAt}. One queue message per poll; a poll too large for one message is split into
 * {@code parts} messages of disjoint sessions ({@code part} counts from 1), each countable on its own.
 *
 * @param resellerId owner of the router
 * @param routerId   the router polled
 * @param sampledAt  when the router was read (UTC), the same for every session of the poll
 * @param part       which part of the poll this message is (1-based)
 * @param parts      how many messages the poll was split into
 * @param sessions   the sessions' counters
 */
public record RouterUsage(String resellerId, String routerId, Instant sampledAt, int part, int parts,
                          List<Session> sessions) implements UsageMessage {

    /**
     * One active session's cumulative counters.
     *
     * @param sessionId the router's id of the active entry; with the kind and router it identifies one session
     * @param username  the RouterOS user (voucher code or PPPoE name): a secret for vouchers, never logged whole
     */
    public record Session(UsageSample.SessionKind kind, String sessionId, String username, long bytesIn,
                          long bytesOut, long uptimeSeconds) {
        public Session {
            Validation v = new Validation();
            v.notNull(kind, "kind");
            v.text(sessionId, "sessionId", 64);
            v.text(username, "username", 128);
            v.check(bytesIn >= 0, "bytesIn", "must not be negative");
            v.check(bytesOut >= 0, "bytesOut", "must not be negative");
            v.check(uptimeSeconds >= 0, "uptimeSeconds", "must not be negative");
            v.throwIfInvalid();
        }

        @Override
        public String toString() {
            return "Session[" + kind + " " + sessionId + ", user="
                    + com.wispbill.domain.routercommand.LogSafe.maskCode(username) + ", in=" + bytesIn + ", out="
                    + bytesOut + ", uptime=" + uptimeSeconds + "s]";
        }
    }

    public RouterUsage {
        Validation v = new Validation();
        v.id(resellerId, "resellerId");
        v.id(routerId, "routerId");
        v.notNull(sampledAt, "sampledAt");
        v.check(parts >= 1 && part >= 1 && part <= parts, "part", "must be between 1 and parts");
        v.notNull(sessions, "sessions");
        v.throwIfInvalid();
        sessions = List.copyOf(sessions);
    }

    /** A message of the older shape (one sample per message) as a one-session part of a poll. */
    public static RouterUsage of(UsageSample sample) {
        return new RouterUsage(sample.resellerId(), sample.routerId(), sample.sampledAt(), 1, 1,
                List.of(new Session(sample.kind(), sample.sessionId(), sample.username(), sample.bytesIn(),
                        sample.bytesOut(), sample.uptime().toSeconds())));
    }

    /** The poll in {@code parts} messages of about equal size, sessions in their order. */
    public List<RouterUsage> split(int parts) {
        if (parts <= 1 || sessions.size() <= 1) {
            return List.of(this);
        }
        int n = Math.min(parts, sessions.size());
        List<RouterUsage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int from = (int) ((long) sessions.size() * i / n);
            int to = (int) ((long) sessions.size() * (i + 1) / n);
            out.add(new RouterUsage(resellerId, routerId, sampledAt, i + 1, n, sessions.subList(from, to)));
        }
        return out;
    }

    /** The sessions as the older per-session samples (for tools that show them one by one). */
    public List<UsageSample> samples() {
        return sessions.stream().map(s -> new UsageSample(resellerId, routerId, s.kind(), s.sessionId(), s.username(),
                s.bytesIn(), s.bytesOut(), Duration.ofSeconds(s.uptimeSeconds()), sampledAt)).toList();
    }

    @Override
    public String toString() {
        return "RouterUsage[reseller=" + resellerId + ", router=" + routerId + ", at=" + sampledAt + ", part " + part
                + "/" + parts + ", " + sessions.size() + " sessions]";
    }
}
