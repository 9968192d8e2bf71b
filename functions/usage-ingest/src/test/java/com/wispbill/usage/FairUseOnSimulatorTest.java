package com.wispbill.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.domain.DataSize;
import com.wispbill.domain.Plan;
import com.wispbill.domain.PlanEnforcement;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionStatus;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.domain.enforcement.EnforcementCommands;
import com.wispbill.domain.messages.UsageSample;
import com.wispbill.domain.routercommand.RouterCommand;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.voucher.VoucherProvisioning;
import com.wispbill.testing.router.SimulatedRouterDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plans with enforcement FUP end to end: samples read from a simulated router as the poll reads them,
 * ingested by the handler, the queued commands applied by the driver's operations. Crossing the data
 * allowance lowers the user's rate on the router (the session keeps running); a renewal restores it.
 */
class FairUseOnSimulatorTest {
    private static EnforcementWorld world;
    private SimulatedRouterDriver driver;
    private Reseller reseller;
    private UsageIngestHandler handler;
    private int messageNumber;

    @BeforeAll
    static void startStack() {
        world = EnforcementWorld.start();
    }

    @AfterAll
    static void stopStack() {
        world.close();
    }

    @BeforeEach
    void startRouter() throws Exception {
        world.clock.set(EnforcementWorld.T0);
        driver = SimulatedRouterDriver.start("rtr-fup");
        reseller = world.reseller("Africa/Nairobi");
        handler = world.handler();
        world.takeRouterCommands();
        world.takeSms();
    }

    @AfterEach
    void stopRouter() {
        driver.close();
    }

    private void pollAndIngest() throws Exception {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (UsageSample sample : driver.poll(reseller.id(), world.clock.instant())) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("fup-" + (++messageNumber));
            m.setBody(MessageCodec.encode(sample));
            messages.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        assertEquals(List.of(), handler.handleRequest(event, null).getBatchItemFailures());
    }

    private void elapse(Duration elapsed, long upPerSecond, long downPerSecond) {
        driver.router.advance(elapsed, upPerSecond, downPerSecond);
        world.clock.advance(elapsed);
    }

    private Plan fairUsePlan() {
        return world.plan(reseller, p -> p.dataLimit(DataSize.ofMegabytes(50)).rateLimit("5M/10M")
                .enforcement(PlanEnforcement.FUP).fairUseRate("1M/1M"));
    }

    private static List<String> types(List<RouterCommandEnvelope> applied) {
        return applied.stream().map(c -> c.command().type()).toList();
    }

    @Test
    void crossingTheQuotaLowersTheSubscribersRateOnTheRouterAndARenewalRestoresIt() throws Exception {
        Plan plan = fairUsePlan();
        Subscription zawadi = world.subscribe(reseller, plan, "zawadi", "rtr-fup", "+254712000040");
        var router = driver.router.state();
        String planProfile = VoucherProvisioning.profileName(plan);
        router.addHotspotUserProfile(Map.of("name", planProfile, "rate-limit", "5M/10M"));
        router.addHotspotUser(Map.of("name", "zawadi", "password", "pw", "profile", planProfile));
        driver.router.login("zawadi", "10.5.50.50", "AA:BB:CC:00:50:01");
        assertEquals(Optional.of("5M/10M"), router.hotspotSessionRateLimit("zawadi"));

        elapse(Duration.ofSeconds(60), 100_000, 1_000_000);   // 66 MB of 50
        pollAndIngest();
        assertEquals(List.of("EnsureHotspotProfile", "ThrottleUser"),
                types(driver.applyQueued(world.sqs, world.routerCommandsUrl)));
        assertEquals(Optional.of("1M/1M"), router.hotspotSessionRateLimit("zawadi"), "throttled now");
        assertEquals(VoucherProvisioning.fairUseProfileName(plan), router.hotspotUser("zawadi").orElseThrow().profile(),
                "and on its next login");
        assertEquals(1, router.hotspotActive().size(), "not cut off");
        assertFalse(router.hotspotUser("zawadi").orElseThrow().disabled());
        Subscription throttled = world.store.subscriptions().get(reseller.id(), zawadi.id());
        assertEquals(SubscriptionStatus.SUSPENDED_QUOTA, throttled.status());

        // More traffic while throttled: the same commands again (deduplicated), still connected.
        elapse(Duration.ofSeconds(10), 10_000, 100_000);
        pollAndIngest();
        driver.applyQueued(world.sqs, world.routerCommandsUrl);
        assertEquals(1, router.hotspotActive().size());

        // The renewal, as a payment queues it (EnforcementCommands.reinstate).
        Subscription renewed = throttled.extend(plan, reseller.calendar(), world.clock);
        world.store.subscriptions().replace(throttled, renewed);
        List<RouterCommand> reinstate = EnforcementCommands.reinstate(renewed, plan);
        for (int i = 0; i < reinstate.size(); i++) {
            world.routerCommands.send(List.of(new RouterCommandEnvelope("renewal-" + zawadi.id() + "-" + i,
                    reseller.id(), "rtr-fup", world.clock.instant(), reinstate.get(i))));
        }
        assertEquals(List.of("EnsureHotspotProfile", "RestoreUser"),
                types(driver.applyQueued(world.sqs, world.routerCommandsUrl)));
        assertEquals(Optional.of("5M/10M"), router.hotspotSessionRateLimit("zawadi"));
        assertEquals(planProfile, router.hotspotUser("zawadi").orElseThrow().profile());
        assertEquals(List.of(), router.print("/queue/simple"));

        // The new period counts from zero: no throttle again.
        elapse(Duration.ofSeconds(10), 100_000, 1_000_000);
        pollAndIngest();
        assertEquals(List.of(), driver.applyQueued(world.sqs, world.routerCommandsUrl));
    }

    @Test
    void aFairUseVoucherIsThrottledNotExpired() throws Exception {
        Plan plan = fairUsePlan();
        Voucher voucher = world.voucher(reseller, plan, "FWPV2345AB", "rtr-fup");
        var router = driver.router.state();
        router.addHotspotUserProfile(Map.of("name", VoucherProvisioning.profileName(plan), "rate-limit", "5M/10M"));
        var user = VoucherProvisioning.user(voucher, plan);
        assertEquals(java.util.OptionalLong.empty(), user.limitBytesTotal(), "the router must not log it out at the quota");
        driver.apply(new RouterCommandEnvelope("ensure-" + voucher.id(), reseller.id(), "rtr-fup", world.clock.instant(),
                user));
        driver.router.login(voucher.code(), "10.5.50.51", "AA:BB:CC:00:51:01");

        elapse(Duration.ofSeconds(60), 100_000, 1_000_000);
        pollAndIngest();
        assertEquals(List.of("EnsureHotspotProfile", "ThrottleUser"),
                types(driver.applyQueued(world.sqs, world.routerCommandsUrl)));
        assertEquals(Optional.of("1M/1M"), router.hotspotSessionRateLimit(voucher.code()));
        assertEquals(1, router.hotspotActive().size());
        assertEquals(VoucherStatus.USED,
                world.store.vouchers().findByCode(reseller.id(), voucher.code()).orElseThrow().status());
    }
}
