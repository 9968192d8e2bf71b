package com.wispbill.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.repository.UsageRepository.QuotaRef;
import com.wispbill.adapters.repository.UsageRepository.QuotaUsage;
import com.wispbill.domain.DataSize;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.enforcement.QuotaPeriod;
import com.wispbill.domain.messages.RouterUsage;
import com.wispbill.domain.messages.UsageSample.SessionKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Owners are cached in each router's usage state and read again only when the entity table's stream
 * reports a change of them: a renewal (a new quota period) counts from the next poll on.
 */
class OwnerChangesTest {
    private static EnforcementWorld world;
    private int messageNumber;

    @BeforeAll
    static void startStack() {
        world = EnforcementWorld.startWithOwnerChanges();
    }

    @AfterAll
    static void stopStack() {
        world.close();
    }

    private List<String> deliver(UsageIngestHandler handler, Reseller reseller, long janeBytesIn) {
        RouterUsage poll = new RouterUsage(reseller.id(), "rtr-1", world.clock.instant(), 1, 1, List.of(
                new RouterUsage.Session(SessionKind.HOTSPOT, "*1", "jane", janeBytesIn, 0, 60),
                new RouterUsage.Session(SessionKind.HOTSPOT, "*2", "joe", janeBytesIn, 0, 60)));
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId("poll-" + (++messageNumber));
        m.setBody(MessageCodec.encode(poll));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(m));
        return handler.handleRequest(event, null).getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private static long quotaBytes(Subscription s) {
        QuotaRef ref = new QuotaRef(s.username(), QuotaPeriod.of(s));
        return world.store.usage().quotaUsage(s.resellerId(), List.of(ref)).getOrDefault(ref, QuotaUsage.NONE).usedBytes();
    }

    @Test
    void aRenewalCountsTheNextPollAgainstTheNewPeriodWhileOtherOwnersStayCached() {
        world.clock.set(EnforcementWorld.T0);
        Reseller reseller = world.reseller("Africa/Nairobi");
        Plan capped = world.plan(reseller, p -> p.dataLimit(DataSize.ofGigabytes(1)));
        Subscription jane = world.subscribe(reseller, capped, "jane", "rtr-1", "+254712000901");
        Subscription joe = world.subscribe(reseller, capped, "joe", "rtr-1", "+254712000902");
        UsageIngestHandler handler = world.handler();

        world.clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), deliver(handler, reseller, 1_000_000));
        assertEquals(1_000_000, quotaBytes(jane));

        // jane renews early: her period runs to the new expiry from now on.
        Subscription renewed = jane.extend(capped, reseller.calendar(), world.clock);
        world.store.subscriptions().replace(jane, renewed);
        world.stack.awaitStreams(Duration.ofSeconds(60));

        world.clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), deliver(handler, reseller, 1_500_000));
        assertEquals(1_000_000, quotaBytes(jane), "the old period keeps what it had");
        assertEquals(500_000, quotaBytes(renewed), "the poll after the renewal counts against the new period");
        assertEquals(1_500_000, quotaBytes(joe), "joe did not change");
    }

    @Test
    void aPlanWhoseLimitIsLoweredIsEnforcedFromTheNextPoll() {
        world.clock.set(EnforcementWorld.T0.plus(Duration.ofHours(1)));
        Reseller reseller = world.reseller("Africa/Nairobi");
        Plan plan = world.plan(reseller, p -> p.dataLimit(DataSize.ofGigabytes(1)));
        world.subscribe(reseller, plan, "jane", "rtr-1", "+254712000903");
        world.subscribe(reseller, plan, "joe", "rtr-1", "+254712000904");
        UsageIngestHandler handler = world.handler();

        world.clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), deliver(handler, reseller, 10_000_000));
        assertEquals(List.of(), world.takeRouterCommands(reseller.id()), "10 MB of 1 GB: nothing to enforce");

        // The reseller lowers the plan's allowance to 5 MB: everyone on it is over.
        world.store.plans().update(plan.toBuilder().dataLimit(DataSize.ofMegabytes(5)).build());
        world.stack.awaitStreams(Duration.ofSeconds(60));

        world.clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), deliver(handler, reseller, 11_000_000));
        assertEquals(List.of("DisableHotspotUser", "KickHotspotUser", "DisableHotspotUser", "KickHotspotUser"),
                world.takeRouterCommands(reseller.id()).stream().map(c -> c.command().type()).toList());
    }
}
