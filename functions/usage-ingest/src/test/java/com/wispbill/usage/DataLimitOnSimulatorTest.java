package com.wispbill.usage;

import com.wispbill.testing.router.SimulatedRouterDriver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.repository.UsageRepository.QuotaUsage;
import com.wispbill.domain.DataSize;
import com.wispbill.domain.Plan;
import com.wispbill.domain.voucher.VoucherProvisioning;
import com.wispbill.domain.routercommand.RouterCommand;
import com.wispbill.domain.PlanEnforcement;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionStatus;
import com.wispbill.domain.Validity;
import com.wispbill.domain.ValidityStart;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.domain.enforcement.EnforcementCommands;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.messages.UsageSample;
import com.wispbill.domain.routercommand.DisableHotspotUser;
import com.wispbill.domain.routercommand.KickHotspotUser;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.time.Duration;
import java.time.Instant;
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
 * Quotas and first use end to end: samples read from a simulated router's /ip/hotspot/active the way
 * the poll reads them, ingested by the handler, and the queued commands applied to the same router
 * with the router driver's operations.
 */
class DataLimitOnSimulatorTest {
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
        driver = SimulatedRouterDriver.start("rtr-1");
        reseller = world.reseller("Africa/Nairobi");
        handler = world.handler();
        world.takeRouterCommands();
        world.takeSms();
    }

    @AfterEach
    void stopRouter() {
        driver.close();
    }

    /** One poll of the router, delivered to usage-ingest as one batch. */
    private void pollAndIngest() throws Exception {
        List<UsageSample> samples = driver.poll(reseller.id(), world.clock.instant());
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (UsageSample sample : samples) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("poll-" + (++messageNumber));
            m.setBody(MessageCodec.encode(sample));
            messages.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        assertEquals(List.of(), handler.handleRequest(event, null).getBatchItemFailures());
    }

    /** Router time and our clock move together; traffic flows at the given rates meanwhile. */
    private void elapse(Duration elapsed, long upPerSecond, long downPerSecond) {
        driver.router.advance(elapsed, upPerSecond, downPerSecond);
        world.clock.advance(elapsed);
    }

    @Test
    void aSubscriberCrossingItsDataLimitIsDisabledAndKickedWithinOnePollAndATopUpLiftsIt() throws Exception {
        Plan plan = world.plan(reseller, p -> p.dataLimit(DataSize.ofMegabytes(50)));
        Subscription jane = world.subscribe(reseller, plan, "jane", "rtr-1", "+254712000010");
        driver.router.state().addHotspotUser(Map.of("name", "jane", "password", "pw"));
        driver.router.login("jane", "10.5.50.10", "AA:BB:CC:00:11:22");

        elapse(Duration.ofSeconds(30), 100_000, 1_000_000);   // 33 MB of 50
        pollAndIngest();
        assertEquals(List.of(), driver.applyQueued(world.sqs, world.routerCommandsUrl));
        assertEquals(SubscriptionStatus.ACTIVE, world.store.subscriptions().get(reseller.id(), jane.id()).status());

        elapse(Duration.ofSeconds(30), 100_000, 1_000_000);   // 66 MB: over the limit
        pollAndIngest();
        List<RouterCommandEnvelope> applied = driver.applyQueued(world.sqs, world.routerCommandsUrl);
        assertEquals(List.of(new DisableHotspotUser("jane"), new KickHotspotUser("jane")),
                applied.stream().map(RouterCommandEnvelope::command).toList());
        assertTrue(driver.router.state().hotspotUser("jane").orElseThrow().disabled());
        assertTrue(driver.router.state().hotspotActive().isEmpty());
        Subscription suspended = world.store.subscriptions().get(reseller.id(), jane.id());
        assertEquals(SubscriptionStatus.SUSPENDED_QUOTA, suspended.status());
        List<SmsRequest> sms = world.takeSms();
        assertEquals(List.of(SmsRequest.SmsTemplate.DATA_EXHAUSTED), sms.stream().map(SmsRequest::template).toList());

        // A top-up (renewal: a new period with a fresh allowance) and the enable it queues.
        Subscription renewed = suspended.extend(plan, reseller.calendar(), world.clock);
        world.store.subscriptions().replace(suspended, renewed);
        world.routerCommands.send(EnforcementCommands.restore(renewed, world.clock.instant()));
        driver.applyQueued(world.sqs, world.routerCommandsUrl);
        assertFalse(driver.router.state().hotspotUser("jane").orElseThrow().disabled());

        driver.router.login("jane", "10.5.50.10", "AA:BB:CC:00:11:22");
        elapse(Duration.ofSeconds(10), 100_000, 1_000_000);   // 11 MB of the new period's 50
        pollAndIngest();
        assertEquals(List.of(), driver.applyQueued(world.sqs, world.routerCommandsUrl));
        assertEquals(SubscriptionStatus.ACTIVE, world.store.subscriptions().get(reseller.id(), jane.id()).status());
    }

    @Test
    void aQuotaCutOffThatLosesARaceToARenewalLetsTheRenewedUserBackIn() throws Exception {
        Plan plan = world.plan(reseller, p -> p.dataLimit(DataSize.ofMegabytes(50)));
        Subscription kim = world.subscribe(reseller, plan, "kim", "rtr-1", "+254712000011");
        driver.router.state().addHotspotUser(Map.of("name", "kim", "password", "pw"));
        // The batch read kim (60 MB of 50 used) just before an early renewal of the still ACTIVE
        // subscription was stored: a new period, and no enable, since nothing was cut off yet.
        Subscription read = world.store.subscriptions().get(reseller.id(), kim.id());
        Subscription renewed = read.extend(plan, reseller.calendar(), world.clock);
        world.store.subscriptions().replace(read, renewed);

        QuotaEnforcer enforcer = new QuotaEnforcer(world.store.subscriptions(), world.store.vouchers(),
                world.store.customers(), world.routerCommands, world.notifications, world.clock);
        enforcer.enforce(new UsageOwner.OfSubscription(read, plan), new QuotaUsage(DataSize.ofMegabytes(60).bytes(), 0));

        assertEquals(List.of("DisableHotspotUser", "KickHotspotUser", "EnableHotspotUser"),
                driver.applyQueued(world.sqs, world.routerCommandsUrl).stream().map(c -> c.command().type()).toList());
        assertFalse(driver.router.state().hotspotUser("kim").orElseThrow().disabled());
        assertEquals(SubscriptionStatus.ACTIVE, world.store.subscriptions().get(reseller.id(), kim.id()).status());
        assertEquals(List.of(), world.takeSms(), "no DATA_EXHAUSTED for a renewed subscription");
    }

    @Test
    void aVoucherSeenForTheFirstTimeBecomesUsedAndItsValidityStartsAtTheLogin() throws Exception {
        Plan plan = world.plan(reseller, p -> p.validity(new Validity.Fixed(Duration.ofHours(1)))
                .validityStart(ValidityStart.AT_FIRST_USE));
        Voucher voucher = world.voucher(reseller, plan, "ABCD2345EF", "rtr-1");
        driver.router.state().addHotspotUser(Map.of("name", voucher.code(), "password", voucher.code()));
        Instant login = world.clock.instant();
        driver.router.login(voucher.code(), "10.5.50.11", "AA:BB:CC:00:11:23");

        elapse(Duration.ofMinutes(2), 1_000, 10_000);
        pollAndIngest();
        Voucher used = world.store.vouchers().findByCode(reseller.id(), voucher.code()).orElseThrow();
        assertEquals(VoucherStatus.USED, used.status());
        assertEquals(Optional.of(login), used.firstUsedAt());
        assertEquals(Optional.of(login.plus(Duration.ofHours(1))), used.expiresAt());
        // Its expiry is indexed, so the sweep will find it.
        assertEquals(List.of(voucher.id()), world.store.vouchers()
                .findDue(login, login.plus(Duration.ofHours(1)), com.wispbill.adapters.repository.PageRequest.first(10))
                .items().stream().map(Voucher::id).toList());

        // Later polls do not move the first use.
        elapse(Duration.ofMinutes(2), 1_000, 10_000);
        pollAndIngest();
        assertEquals(Optional.of(login), world.store.vouchers().findByCode(reseller.id(), voucher.code()).orElseThrow().firstUsedAt());
    }

    @Test
    void aVoucherUsingUpItsDataIsCutOffAndEnds() throws Exception {
        Plan plan = world.plan(reseller, p -> p.dataLimit(DataSize.ofMegabytes(5)).validity(Duration.ofDays(7)));
        Voucher voucher = world.voucher(reseller, plan, "WXYZ6789AB", "rtr-1");
        driver.router.state().addHotspotUser(Map.of("name", voucher.code(), "password", voucher.code()));
        driver.router.login(voucher.code(), "10.5.50.12", "AA:BB:CC:00:11:24");

        elapse(Duration.ofSeconds(60), 10_000, 100_000);   // 6.6 MB of 5
        pollAndIngest();
        driver.applyQueued(world.sqs, world.routerCommandsUrl);
        assertTrue(driver.router.state().hotspotUser(voucher.code()).orElseThrow().disabled());
        assertTrue(driver.router.state().hotspotActive().isEmpty());
        assertEquals(VoucherStatus.EXPIRED, world.store.vouchers().findByCode(reseller.id(), voucher.code()).orElseThrow().status());
    }

    // ---------------------------------------------------------------- plans with enforcement FUP

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

        // More traffic while throttled: still connected, and nothing is sent again (it stays throttled until it renews).
        elapse(Duration.ofSeconds(10), 10_000, 100_000);
        pollAndIngest();
        assertEquals(List.of(), driver.applyQueued(world.sqs, world.routerCommandsUrl));
        assertEquals(1, router.hotspotActive().size());
        assertEquals(Optional.of("1M/1M"), router.hotspotSessionRateLimit("zawadi"));

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
