package com.wispbill.expiry;

import com.wispbill.adapters.outbox.OutboxDelivery;
import com.wispbill.adapters.outbox.OutboxRelay;
import com.wispbill.adapters.sqs.SqsNotificationQueue;
import java.time.Clock;

import com.wispbill.testing.router.SimulatedRouterDriver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.routersetup.IsolationScript;
import com.wispbill.domain.routercommand.UserService;
import com.wispbill.domain.routercommand.Isolation;
import com.wispbill.domain.routercommand.IsolateUser;
import com.wispbill.domain.SubscriptionKind;
import com.wispbill.domain.PlanEnforcement;
import com.wispbill.domain.Customer;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionStatus;
import com.wispbill.domain.Validity;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.routercommand.DisableHotspotUser;
import com.wispbill.domain.routercommand.KickHotspotUser;
import com.wispbill.domain.routercommand.RouterCommand;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The minute sweep against DynamoDB Local and ElasticMQ. */
class ExpirySweeperHandlerTest {
    private static SweeperWorld world;

    @BeforeAll
    static void startStack() {
        world = SweeperWorld.start();
    }

    @AfterAll
    static void stopStack() {
        world.close();
    }

    private SweepReport sweepAt(Instant now) {
        world.clock.set(now);
        return world.handler().sweep();
    }

    private static List<RouterCommand> commands(List<RouterCommandEnvelope> envelopes) {
        return envelopes.stream().map(RouterCommandEnvelope::command).toList();
    }

    private Subscription stored(Subscription s) {
        return world.store.subscriptions().get(s.resellerId(), s.id());
    }

    @ParameterizedTest(name = "{0}: bought {1}, {2} local days, expires {3}")
    @CsvSource({
            // Spring forward on the last day: the local day is 23 h long, midnight is 22:00Z not 23:00Z.
            "Europe/Berlin, 2026-03-28T19:00:00Z, 2, 2026-03-29T22:00:00Z",
            // Fall back: a 25 h day, midnight is 23:00Z.
            "Europe/Berlin, 2026-10-24T18:00:00Z, 2, 2026-10-25T23:00:00Z",
            // Chile falls back at local midnight: 2026-04-04 has 25 h, its end is 04:00Z, not 03:00Z.
            "America/Santiago, 2026-04-04T12:00:00Z, 1, 2026-04-05T04:00:00Z",
            // Egypt springs forward at local midnight: 2026-04-24 starts at 01:00 local (22:00Z the day before).
            "Africa/Cairo, 2026-04-22T10:00:00Z, 2, 2026-04-23T22:00:00Z"
    })
    void expiryAtLocalMidnightAcrossADstChangeDisablesWithinAMinuteOfTheRightInstant(String zone, Instant bought,
                                                                                     int days, Instant midnight) {
        world.clock.set(bought);
        Reseller reseller = world.reseller(zone);
        Plan plan = world.plan(reseller, p -> p.validity(new Validity.UntilEndOfDay(days)));
        Subscription s = world.subscribe(reseller, plan, "anna", "rtr-1", "+4915112345678");
        assertEquals(midnight, s.expiresAt());

        sweepAt(midnight.minusSeconds(1));
        assertEquals(SubscriptionStatus.ACTIVE, stored(s).status());
        assertEquals(List.of(), world.takeRouterCommands(reseller.id()));

        // The minute schedule fires at most 60 s after the instant; any run from then on cuts.
        sweepAt(midnight.plusSeconds(59));
        assertEquals(SubscriptionStatus.EXPIRED, stored(s).status());
        assertEquals(List.of(new DisableHotspotUser("anna"), new KickHotspotUser("anna")),
                commands(world.takeRouterCommands(reseller.id())));
        // (It expires within a day of the purchase, so its reminder went out too.)
        assertEquals(List.of(SmsRequest.SmsTemplate.EXPIRED), world.takeSms(reseller.id()).stream()
                .map(SmsRequest::template).filter(t -> t != SmsRequest.SmsTemplate.EXPIRY_REMINDER).toList());
    }

    @Test
    void aSweepDeliveredTwiceChangesNothingTheSecondTime() {
        world.clock.set(Instant.parse("2026-11-01T08:00:00Z"));
        Reseller reseller = world.reseller("Africa/Nairobi");
        Plan plan = world.plan(reseller, p -> p.validity(Duration.ofHours(1)));
        Subscription s = world.subscribe(reseller, plan, "ben", "rtr-1", "+254712000020");
        Instant due = s.expiresAt().plusSeconds(20);

        assertEquals(1, sweepAt(due).expired());
        assertEquals(2, world.takeRouterCommands(reseller.id()).size());
        world.takeSms(reseller.id());

        SweepReport again = sweepAt(due);
        assertEquals(0, again.expired());
        assertEquals(List.of(), world.takeRouterCommands(reseller.id()));
        assertEquals(List.of(), world.takeSms(reseller.id()));
        assertEquals(SubscriptionStatus.EXPIRED, stored(s).status());
    }

    @Test
    void aSweepAfterARenewalChangesNothing() {
        world.clock.set(Instant.parse("2026-11-02T08:00:00Z"));
        Reseller reseller = world.reseller("Africa/Nairobi");
        Plan plan = world.plan(reseller, p -> p.validity(Duration.ofHours(1)));
        Subscription s = world.subscribe(reseller, plan, "cleo", "rtr-1", "+254712000021");

        world.clock.set(s.expiresAt().minus(Duration.ofMinutes(10)));
        Subscription renewed = s.extend(plan, reseller.calendar(), world.clock);
        world.store.subscriptions().replace(s, renewed);

        SweepReport report = sweepAt(s.expiresAt().plusSeconds(30));
        assertEquals(0, report.expired());
        assertEquals(renewed, stored(s));
        assertEquals(List.of(), world.takeRouterCommands(reseller.id()));
    }

    @Test
    void aRenewalLandingBetweenTheSweepsReadAndItsWriteWinsOnTheRouterToo() throws Exception {
        try (SimulatedRouterDriver driver = SimulatedRouterDriver.start("rtr-8")) {
            world.clock.set(Instant.parse("2026-11-07T08:00:00Z"));
            Reseller reseller = world.reseller("Africa/Nairobi");
            Plan plan = world.plan(reseller, p -> p.validity(Duration.ofHours(1)));
            Subscription s = world.subscribe(reseller, plan, "jon", "rtr-8", "+254712000028");
            driver.router.state().addHotspotUser(Map.of("name", "jon", "password", "pw"));
            world.takeRouterCommands(reseller.id());
            world.clock.set(s.expiresAt().plusSeconds(10));
            ExpirySweep racing = new ExpirySweep(new RenewingDuringSweep(world.store.subscriptions(), due -> {
                if (due.id().equals(s.id())) {
                    world.store.subscriptions().replace(due, due.extend(plan, reseller.calendar(), world.clock));
                }
            }), world.store.vouchers(), world.store.customers(), world.store.wallets(), world.store.plans(), world.store.resellers(),
                    world.store.enforcementState(), world.store, world.store.outbox(), world.routerCommands,
                    world.notifications, world.clock);

            SweepReport report = racing.run();
            assertEquals(0, report.expired());
            assertEquals(SubscriptionStatus.ACTIVE, stored(s).status());
            // The disable queued from the stale read is followed by an enable in the router's queue.
            assertEquals(List.of("DisableHotspotUser", "KickHotspotUser", "EnableHotspotUser"),
                    driver.applyQueued(world.sqs, world.routerCommandsUrl).stream()
                            .filter(c -> c.resellerId().equals(reseller.id())).map(c -> c.command().type()).toList());
            assertFalse(driver.router.state().hotspotUser("jon").orElseThrow().disabled());
        }
    }

    @Test
    void anExpiredSmsThatCannotBeQueuedIsSentByTheOutboxRelayOnceTheQueueIsBack() {
        world.clock.set(Instant.parse("2026-11-05T08:00:00Z"));
        Reseller reseller = world.reseller("Africa/Nairobi");
        Plan plan = world.plan(reseller, p -> p.validity(Duration.ofHours(1)));
        Subscription s = world.subscribe(reseller, plan, "ivy", "rtr-1", "+254712000029");
        world.clock.set(s.expiresAt().plusSeconds(10));
        ExpirySweeperHandler queueDown = new ExpirySweeperHandler(world.store, world.routerCommands,
                new SqsNotificationQueue(world.sqs, world.notificationsUrl + "-missing"), world.clock);

        assertEquals(1, queueDown.sweep().expired());
        assertEquals(SubscriptionStatus.EXPIRED, stored(s).status());
        assertEquals(List.of(), world.takeSms(reseller.id()));

        // The relay, a minute later, with the queue back: the SMS was committed with the expiry.
        new OutboxRelay(world.store.outbox(), new OutboxDelivery(world.store.outbox(), world.routerCommands,
                world.notifications), Clock.offset(world.clock, OutboxRelay.GRACE.plusSeconds(1))).run();
        List<SmsRequest> sent = world.takeSms(reseller.id());
        assertEquals(List.of(SmsRequest.SmsTemplate.EXPIRED), sent.stream().map(SmsRequest::template).toList());
        assertEquals("+254712000029", sent.getFirst().phoneE164());
        world.takeRouterCommands(reseller.id());
    }

    @Test
    void concurrentSweepsExpireOnceAndQueueTheCommandsOnce() {
        world.clock.set(Instant.parse("2026-11-03T08:00:00Z"));
        Reseller reseller = world.reseller("Africa/Nairobi");
        Plan plan = world.plan(reseller, p -> p.validity(Duration.ofHours(1)));
        Subscription s = world.subscribe(reseller, plan, "dan", "rtr-1", "+254712000022");
        world.clock.set(s.expiresAt().plusSeconds(5));

        ExpirySweeperHandler first = world.handler();
        ExpirySweeperHandler second = world.handler();
        CompletableFuture<SweepReport> a = CompletableFuture.supplyAsync(() -> first.sweep());
        CompletableFuture<SweepReport> b = CompletableFuture.supplyAsync(() -> second.sweep());
        assertEquals(1, a.join().expired() + b.join().expired());
        // Same deterministic ids from both runs: the FIFO queue kept one of each.
        assertEquals(List.of(new DisableHotspotUser("dan"), new KickHotspotUser("dan")),
                commands(world.takeRouterCommands(reseller.id())));
        assertEquals(SubscriptionStatus.EXPIRED, stored(s).status());
    }

    @Test
    void anOptedInSubscriberIsRenewedFromTheWalletOncePerPeriodAndExpiresWhenItNoLongerCovers() {
        world.clock.set(Instant.parse("2026-11-11T08:00:00Z"));
        Reseller reseller = world.reseller("Africa/Nairobi");
        Plan plan = world.plan(reseller, p -> p.validity(Duration.ofHours(1)));
        Subscription opted = world.subscribe(reseller, plan, "kim", "rtr-1", "+254712000030");
        world.store.subscriptions().replace(opted, opted.withAutoRenew(true));
        Subscription notOpted = world.subscribe(reseller, plan, "lou", "rtr-1", "+254712000031");
        // One and a half periods in each wallet: one renewal, then not enough.
        Money topUp = Money.of(plan.price().minorUnits() * 3 / 2, "EUR");
        WriteTransaction tx = world.store.begin();
        world.store.wallets().credit(reseller.id(), opted.customerId(), topUp, tx);
        world.store.wallets().credit(reseller.id(), notOpted.customerId(), topUp, tx);
        tx.commit();

        SweepReport report = sweepAt(opted.expiresAt().plusSeconds(10));
        assertEquals(1, report.renewed());
        assertEquals(1, report.expired(), "only the customer who opted in is renewed");
        Subscription renewed = stored(opted);
        assertEquals(SubscriptionStatus.ACTIVE, renewed.status());
        assertEquals(opted.expiresAt().plus(Duration.ofHours(1)), renewed.expiresAt(), "the next period follows on");
        assertEquals(topUp.minorUnits() - plan.price().minorUnits(), balance(reseller, opted));
        assertEquals(topUp.minorUnits(), balance(reseller, notOpted));
        assertEquals(List.of(new DisableHotspotUser("lou"), new KickHotspotUser("lou")),
                commands(world.takeRouterCommands(reseller.id())), "the renewed user is not cut");
        assertEquals(Map.of(opted.customerId(), List.of(SmsRequest.SmsTemplate.SUBSCRIPTION_EXTENDED),
                        notOpted.customerId(), List.of(SmsRequest.SmsTemplate.EXPIRED)),
                smsByCustomer(reseller, opted, notOpted), "a receipt for the renewal");

        // The same minute swept again (a redelivered event): the period was paid, nothing more is debited.
        assertEquals(0, sweepAt(opted.expiresAt().plusSeconds(20)).renewed());
        assertEquals(topUp.minorUnits() - plan.price().minorUnits(), balance(reseller, opted));
        assertEquals(Map.of(), smsByCustomer(reseller, opted, notOpted));

        // The next expiry: the wallet no longer covers the price, so it expires as usual.
        SweepReport next = sweepAt(renewed.expiresAt().plusSeconds(10));
        assertEquals(0, next.renewed());
        assertEquals(SubscriptionStatus.EXPIRED, stored(opted).status());
        assertEquals(topUp.minorUnits() - plan.price().minorUnits(), balance(reseller, opted));
        assertEquals(List.of(new DisableHotspotUser("kim"), new KickHotspotUser("kim")),
                commands(world.takeRouterCommands(reseller.id())));
        assertEquals(Map.of(opted.customerId(), List.of(SmsRequest.SmsTemplate.EXPIRED)),
                smsByCustomer(reseller, opted, notOpted));
    }

    private static long balance(Reseller reseller, Subscription s) {
        return world.store.wallets().balance(reseller.id(), s.customerId(), reseller.currency()).minorUnits();
    }

    /** Receipts and expiry notices queued, by customer (reminders left out: the renewed period gets its own). */
    private static Map<String, List<SmsRequest.SmsTemplate>> smsByCustomer(Reseller reseller, Subscription... subscriptions) {
        Map<String, String> customerByPhone = new java.util.HashMap<>();
        for (Subscription s : subscriptions) {
            customerByPhone.put(world.store.customers().get(reseller.id(), s.customerId()).phone(), s.customerId());
        }
        Map<String, List<SmsRequest.SmsTemplate>> out = new java.util.HashMap<>();
        world.takeSms(reseller.id()).stream().filter(sms -> sms.template() != SmsRequest.SmsTemplate.EXPIRY_REMINDER)
                .forEach(sms -> out.computeIfAbsent(customerByPhone.get(sms.phoneE164()), c -> new java.util.ArrayList<>())
                        .add(sms.template()));
        return out;
    }

    @Test
    void aLateSweepCatchesUpOnTheMinutesItMissed() {
        world.clock.set(Instant.parse("2030-12-10T06:00:00Z"));
        Reseller reseller = world.reseller("Africa/Nairobi");
        sweepAt(Instant.parse("2030-12-10T06:00:00Z"));
        Plan plan = world.plan(reseller, p -> p.validity(Duration.ofHours(6)));
        Subscription early = world.subscribe(reseller, plan, "eve", "rtr-1", "+254712000023");
        world.clock.set(Instant.parse("2030-12-10T20:00:00Z"));
        Subscription later = world.subscribe(reseller, plan, "fay", "rtr-1", "+254712000024");

        // No run for a day and a half (schedule disabled, region outage): the first run afterwards
        // reads from its checkpoint, further back than a first run's look-back, and cuts both.
        SweepReport report = sweepAt(Instant.parse("2030-12-12T06:00:00Z"));
        assertEquals(2, report.expired());
        assertEquals(SubscriptionStatus.EXPIRED, stored(early).status());
        assertEquals(SubscriptionStatus.EXPIRED, stored(later).status());
        assertEquals(4, world.takeRouterCommands(reseller.id()).size());
    }

    @Test
    void aRouterOfflineAtExpiryHasTheUserDisabledAndTheSessionRemovedOnceItIsBack() throws Exception {
        try (SimulatedRouterDriver driver = SimulatedRouterDriver.start("rtr-7")) {
            world.clock.set(Instant.parse("2026-11-04T08:00:00Z"));
            Reseller reseller = world.reseller("Africa/Nairobi");
            Plan plan = world.plan(reseller, p -> p.validity(Duration.ofHours(1)));
            Subscription s = world.subscribe(reseller, plan, "gus", "rtr-7", "+254712000025");
            driver.router.state().addHotspotUser(Map.of("name", "gus", "password", "pw"));
            driver.router.login("gus", "10.5.50.20", "AA:BB:CC:00:22:01");
            world.takeRouterCommands(reseller.id());

            driver.router.faults().refuseConnections(true);
            sweepAt(s.expiresAt().plusSeconds(10));
            assertEquals(SubscriptionStatus.EXPIRED, stored(s).status());
            assertEquals(List.of(), driver.applyQueued(world.sqs, world.routerCommandsUrl));
            assertFalse(driver.router.state().hotspotUser("gus").orElseThrow().disabled());
            assertEquals(1, driver.router.state().hotspotActive().size());

            // Back online: the commands waited in the FIFO queue, in order.
            driver.router.faults().refuseConnections(false);
            assertEquals(List.of(new DisableHotspotUser("gus"), new KickHotspotUser("gus")),
                    commands(driver.applyQueued(world.sqs, world.routerCommandsUrl)));
            assertTrue(driver.router.state().hotspotUser("gus").orElseThrow().disabled());
            assertTrue(driver.router.state().hotspotActive().isEmpty());
        }
    }

    @Test
    void aVoucherWhoseValidityRanOutIsExpiredAndCutOff() {
        world.clock.set(Instant.parse("2026-11-05T08:00:00Z"));
        Reseller reseller = world.reseller("Africa/Nairobi");
        Plan plan = world.plan(reseller, p -> p.validity(Duration.ofHours(2)));
        Voucher voucher = Voucher.create("QRST2345AB", reseller.id(), "batch-1", plan.id(), "rtr-1", world.clock);
        var tx = world.store.begin();
        world.store.vouchers().insert(voucher, tx);
        tx.commit();
        Voucher sold = voucher.provisioned().sell(world.clock.instant(), plan, reseller.calendar());
        world.store.vouchers().transition(voucher, voucher.provisioned());
        world.store.vouchers().transition(voucher.provisioned(), sold);

        assertEquals(1, sweepAt(sold.expiresAt().orElseThrow().plusSeconds(1)).expired());
        assertEquals(VoucherStatus.EXPIRED, world.store.vouchers().findByCode(reseller.id(), voucher.code()).orElseThrow().status());
        assertEquals(List.of(new DisableHotspotUser("QRST2345AB"), new KickHotspotUser("QRST2345AB")),
                commands(world.takeRouterCommands(reseller.id())));
    }

    @Test
    void aReminderIsSentOnceADayBeforeExpiryOrAtTheResellersLead() {
        // Reminder markers expire by TTL (DynamoDB Local deletes them too): dates after the real clock.
        world.clock.set(Instant.parse("2030-01-06T08:00:00Z"));
        Reseller byDefault = world.reseller("Africa/Nairobi");
        Reseller early = world.reseller("Africa/Kampala");
        world.store.enforcementState().setReminderLead(early.id(), Duration.ofHours(2));
        Plan plan = world.plan(byDefault, p -> p.validity(Duration.ofDays(3)));
        Plan earlyPlan = world.plan(early, p -> p.validity(Duration.ofDays(3)));
        Subscription s = world.subscribe(byDefault, plan, "hal", "rtr-1", "+254712000026");
        Subscription t = world.subscribe(early, earlyPlan, "ivy", "rtr-1", "+256712000027");
        Instant expiry = s.expiresAt();

        sweepAt(expiry.minus(Duration.ofDays(1)).minusSeconds(30));
        world.takeSms(byDefault.id());
        sweepAt(expiry.minus(Duration.ofDays(1)).plusSeconds(30));
        List<SmsRequest> reminders = world.takeSms(byDefault.id());
        assertEquals(List.of(SmsRequest.SmsTemplate.EXPIRY_REMINDER), reminders.stream().map(SmsRequest::template).toList());
        assertEquals("+254712000026", reminders.getFirst().phoneE164());
        assertEquals(List.of(), world.takeSms(early.id()));

        sweepAt(expiry.minus(Duration.ofDays(1)).plusSeconds(90));
        assertEquals(List.of(), world.takeSms(byDefault.id()));

        sweepAt(expiry.minus(Duration.ofHours(2)).plusSeconds(30));
        assertEquals(List.of("+256712000027"), world.takeSms(early.id()).stream().map(SmsRequest::phoneE164).toList());
        assertEquals(List.of(), world.takeSms(byDefault.id()));
        // Run again at the same minute (a duplicate delivery): the marker keeps it at one.
        sweepAt(expiry.minus(Duration.ofHours(2)).plusSeconds(30));
        assertEquals(List.of(), world.takeSms(early.id()));
    }

    // ---------------------------------------------------------------- plans with enforcement ISOLATE

    private static List<String> types(List<RouterCommandEnvelope> envelopes) {
        return envelopes.stream().map(e -> e.command().type()).toList();
    }

    @Test
    void aHotspotSubscriberOfAnIsolatePlanStaysConnectedInTheExpiredProfileAndAddressList() throws Exception {
        try (SimulatedRouterDriver driver = SimulatedRouterDriver.start("rtr-iso-1")) {
            world.clock.set(Instant.parse("2026-11-06T08:00:00Z"));
            Reseller reseller = world.reseller("Africa/Nairobi");
            Plan plan = world.plan(reseller, p -> p.validity(Duration.ofHours(1)).enforcement(PlanEnforcement.ISOLATE));
            Subscription s = world.subscribe(reseller, plan, "halima", "rtr-iso-1", "+254712000031");
            var router = driver.router.state();
            assertEquals(List.of(), router.runScript(IsolationScript.generate("https://pay.example.com/portal/hs-1")));
            router.addHotspotUser(Map.of("name", "halima", "password", "pw"));
            driver.router.login("halima", "10.5.50.31", "AA:BB:CC:00:31:01");
            world.takeRouterCommands();

            world.clock.set(s.expiresAt().plusSeconds(5));
            assertEquals(1, sweepAt(world.clock.instant()).expired());
            assertEquals(SubscriptionStatus.EXPIRED, world.store.subscriptions().get(reseller.id(), s.id()).status());

            List<RouterCommandEnvelope> applied = driver.applyQueued(world.sqs, world.routerCommandsUrl);
            assertEquals(List.of(new IsolateUser(UserService.HOTSPOT, "halima")),
                    applied.stream().map(RouterCommandEnvelope::command).toList(), "no disable, no kick");
            assertEquals(Isolation.PROFILE, router.hotspotUser("halima").orElseThrow().profile());
            assertFalse(router.hotspotUser("halima").orElseThrow().disabled());
            assertEquals(1, router.hotspotActive().size(), "still connected");
            assertTrue(router.inAddressList(Isolation.ADDRESS_LIST, "10.5.50.31"));

            // A new login of the isolated user lands in the list through the profile, like on RouterOS.
            driver.router.state().logoutHotspotUser("halima");
            driver.router.login("halima", "10.5.50.32", "AA:BB:CC:00:31:01");
            assertTrue(router.inAddressList(Isolation.ADDRESS_LIST, "10.5.50.32"));

            // The sweep run again changes nothing; the isolation applied again is harmless and drops the
            // driver's entry of the ended session (its address may go to someone else).
            assertEquals(0, sweepAt(world.clock.instant()).expired());
            driver.apply(applied.getFirst());
            driver.apply(applied.getFirst());
            assertFalse(router.inAddressList(Isolation.ADDRESS_LIST, "10.5.50.31"));
            assertEquals(2, router.print("/ip/firewall/address-list").stream()
                    .filter(e -> Isolation.ADDRESS_LIST.equals(e.get("list"))).count(), "the login's and the driver's");
        }
    }

    @Test
    void aPppoeSubscriberOfAnIsolatePlanIsMovedToTheExpiredPppProfile() throws Exception {
        try (SimulatedRouterDriver driver = SimulatedRouterDriver.start("rtr-iso-2")) {
            world.clock.set(Instant.parse("2026-11-07T08:00:00Z"));
            Reseller reseller = world.reseller("Africa/Nairobi");
            Plan plan = world.plan(reseller, p -> p.validity(Duration.ofHours(1)).enforcement(PlanEnforcement.ISOLATE));
            Customer customer = Customer.create(reseller.id(), "+254712000032", "Baraka", world.clock);
            world.store.customers().create(customer);
            Subscription s = Subscription.start(reseller.id(), customer.id(), plan, "rtr-iso-2", SubscriptionKind.PPPOE,
                    "baraka-home", reseller.calendar(), world.clock);
            world.store.subscriptions().create(s);
            var router = driver.router.state();
            router.runScript(IsolationScript.generate("https://pay.example.com/portal/hs-2"));
            router.addPppSecret(Map.of("name", "baraka-home", "password", "pw", "service", "pppoe"));
            router.connectPpp("baraka-home", "10.20.0.7", "AA:BB:CC:00:32:01");
            world.takeRouterCommands();

            world.clock.set(s.expiresAt().plusSeconds(5));
            sweepAt(world.clock.instant());
            assertEquals(List.of("IsolateUser"), types(driver.applyQueued(world.sqs, world.routerCommandsUrl)));
            assertEquals(Isolation.PROFILE, router.pppSecret("baraka-home").orElseThrow().profile());
            assertEquals(1, router.pppActive().size(), "still connected");
            assertTrue(router.inAddressList(Isolation.ADDRESS_LIST, "10.20.0.7"));
        }
    }

    @Test
    void aCutOffPlanIsStillDisabledAndKicked() throws Exception {
        try (SimulatedRouterDriver driver = SimulatedRouterDriver.start("rtr-iso-3")) {
            world.clock.set(Instant.parse("2026-11-08T08:00:00Z"));
            Reseller reseller = world.reseller("Africa/Nairobi");
            Plan plan = world.plan(reseller, p -> p.validity(Duration.ofHours(1)));
            Subscription s = world.subscribe(reseller, plan, "juma", "rtr-iso-3", "+254712000033");
            driver.router.state().addHotspotUser(Map.of("name", "juma", "password", "pw"));
            driver.router.login("juma", "10.5.50.33", "AA:BB:CC:00:33:01");
            world.takeRouterCommands();

            world.clock.set(s.expiresAt().plusSeconds(5));
            sweepAt(world.clock.instant());
            assertEquals(List.of("DisableHotspotUser", "KickHotspotUser"),
                    types(driver.applyQueued(world.sqs, world.routerCommandsUrl)));
            assertTrue(driver.router.state().hotspotUser("juma").orElseThrow().disabled());
            assertTrue(driver.router.state().hotspotActive().isEmpty());
        }
    }

    @Test
    void aVoucherOfAnIsolatePlanIsIsolatedThroughTheOutboxOfItsExpiry() {
        world.clock.set(Instant.parse("2026-11-09T08:00:00Z"));
        Reseller reseller = world.reseller("Africa/Nairobi");
        Plan plan = world.plan(reseller, p -> p.validity(Duration.ofHours(2)).enforcement(PlanEnforcement.ISOLATE));
        Voucher voucher = Voucher.create("JKMN2345CD", reseller.id(), "batch-1", plan.id(), "rtr-1", world.clock);
        var tx = world.store.begin();
        world.store.vouchers().insert(voucher, tx);
        tx.commit();
        Voucher sold = voucher.provisioned().sell(world.clock.instant(), plan, reseller.calendar());
        world.store.vouchers().transition(voucher, voucher.provisioned());
        world.store.vouchers().transition(voucher.provisioned(), sold);

        assertEquals(1, sweepAt(sold.expiresAt().orElseThrow().plusSeconds(1)).expired());
        assertEquals(VoucherStatus.EXPIRED, world.store.vouchers().findByCode(reseller.id(), voucher.code()).orElseThrow().status());
        assertEquals(List.of(new IsolateUser(UserService.HOTSPOT, "JKMN2345CD")),
                commands(world.takeRouterCommands(reseller.id())));
    }
}
