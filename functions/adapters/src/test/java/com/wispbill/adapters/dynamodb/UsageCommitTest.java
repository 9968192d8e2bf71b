package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.wispbill.adapters.repository.EnforcementStateRepository;
import com.wispbill.adapters.repository.UsageRepository.BandwidthDayDelta;
import com.wispbill.adapters.repository.UsageRepository.CursorAdvance;
import com.wispbill.adapters.repository.UsageRepository.DailyUsage;
import com.wispbill.adapters.repository.UsageRepository.QuotaDelta;
import com.wispbill.adapters.repository.UsageRepository.QuotaRef;
import com.wispbill.adapters.repository.UsageRepository.QuotaUsage;
import com.wispbill.adapters.repository.UsageRepository.SessionRef;
import com.wispbill.adapters.repository.UsageRepository.SubscriberDayDelta;
import com.wispbill.adapters.repository.UsageRepository.UsageCommit;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.enforcement.SessionReading;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsageCommitTest extends StoreTestSupport {
    // Cursors and reminder markers carry TTLs computed from these instants, and DynamoDB Local deletes
    // expired items as DynamoDB does: test instants lie after the real clock.
    private static final Instant SAMPLED = Instant.parse("2030-11-22T14:05:00Z");
    private static final LocalDate DAY = LocalDate.parse("2030-11-22");
    private static final SessionRef SESSION = new SessionRef("router-1", "*1A");
    private static final QuotaRef QUOTA = new QuotaRef("jane", "sub-1@1795430400");

    private static UsageCommit commit(Optional<SessionReading> expected, SessionReading next, long in, long out) {
        return new UsageCommit(A, List.of(new CursorAdvance(SESSION, expected, next)),
                List.of(new SubscriberDayDelta("jane", DAY, in, out), new SubscriberDayDelta("jane", DAY, in, out)),
                List.of(new BandwidthDayDelta(DAY, in, out)), List.of(new QuotaDelta(QUOTA, in + out, 60)));
    }

    @Test
    void cursorsAndCountersMoveTogetherOrNotAtAll() {
        SessionReading first = new SessionReading(100, 200, 60, SAMPLED);
        UsageCommit c = commit(Optional.empty(), first, 100, 200);
        // Two deltas to one day are one update: cursor, subscriber day, reseller day, quota.
        assertEquals(4, store.usage().itemsWritten(c));
        store.usage().commit(c);
        assertEquals(Map.of(SESSION, first), store.usage().sessionCursors(A, List.of(SESSION, new SessionRef("router-1", "*2"))));

        // A retry computed from the old (absent) cursor conflicts and adds nothing.
        assertThrows(ConflictException.class, () -> store.usage().commit(c));
        assertEquals(List.of(new DailyUsage(DAY, 200, 400)), store.usage().subscriberUsage(A, "jane", DAY, DAY));
        assertEquals(List.of(new DailyUsage(DAY, 100, 200)), store.usage().resellerBandwidth(A, DAY, DAY));
        assertEquals(Map.of(QUOTA, new QuotaUsage(300, 60)), store.usage().quotaUsage(A, List.of(QUOTA)));

        SessionReading second = new SessionReading(150, 300, 120, SAMPLED.plusSeconds(60));
        store.usage().commit(commit(Optional.of(first), second, 50, 100));
        assertThrows(ConflictException.class, () -> store.usage().commit(commit(Optional.of(first), second, 50, 100)));
        assertEquals(List.of(new DailyUsage(DAY, 150, 300)), store.usage().resellerBandwidth(A, DAY, DAY));
        assertEquals(Map.of(), store.usage().sessionCursors(B, List.of(SESSION)));
    }

    @Test
    void aCommitTooLargeForOneTransactionIsRefusedBeforeWriting() {
        List<SubscriberDayDelta> days = java.util.stream.IntStream.range(0, 101)
                .mapToObj(i -> new SubscriberDayDelta("user" + i, DAY, 1, 1)).toList();
        assertThrows(IllegalArgumentException.class, () -> store.usage().commit(new UsageCommit(A, List.of(), days, List.of(), List.of())));
        assertThrows(ValidationException.class, () -> store.usage().commit(new UsageCommit(A, List.of(),
                List.of(new SubscriberDayDelta("bad name", DAY, 1, 1)), List.of(), List.of())));
        assertEquals(List.of(), store.usage().subscriberUsage(A, "user0", DAY, DAY));
    }

    @Test
    void sweepCheckpointsNeverMoveBackAndRemindersAreRecordedOnce() {
        EnforcementStateRepository state = store.enforcementState();
        assertEquals(Optional.empty(), state.sweptUntil("EXPIRY"));
        state.advanceSweptUntil("EXPIRY", START);
        state.advanceSweptUntil("EXPIRY", START.minusSeconds(60));
        assertEquals(Optional.of(START), state.sweptUntil("EXPIRY"));

        assertEquals(false, state.reminderSent("n-1"));
        state.markReminderSent("n-1", SAMPLED.plus(Duration.ofDays(2)));
        state.markReminderSent("n-1", SAMPLED.plus(Duration.ofDays(2)));
        assertEquals(true, state.reminderSent("n-1"));

        assertEquals(EnforcementStateRepository.DEFAULT_REMINDER_LEAD, state.reminderLead(A));
        state.setReminderLead(A, Duration.ofHours(3));
        state.setReminderLead(B, Duration.ofHours(3));
        assertEquals(Duration.ofHours(3), state.reminderLead(A));
        assertEquals(Set.of(Duration.ofDays(1), Duration.ofHours(3)), state.reminderLeadsInUse());
        assertThrows(ValidationException.class, () -> state.setReminderLead(A, Duration.ofDays(8)));
        assertThrows(ValidationException.class, () -> state.setReminderLead(A, Duration.ofSeconds(90)));
    }
}
