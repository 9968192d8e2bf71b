package com.wispbill.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.wispbill.domain.Customer;
import com.wispbill.domain.Plan;
import com.wispbill.domain.PlanEnforcement;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionKind;
import com.wispbill.domain.SubscriptionStatus;
import com.wispbill.domain.routercommand.IsolateUser;
import com.wispbill.domain.routercommand.Isolation;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.routercommand.UserService;
import com.wispbill.domain.routersetup.IsolationScript;
import com.wispbill.testing.router.SimulatedRouterDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plans with enforcement ISOLATE at expiry, through the sweeper's handler, the router-commands queue and
 * the driver's operations on a simulated router set up by the setup script's isolation section: the user
 * stays connected, in the isolation profile, its address in the isolation address list.
 */
class IsolationAtExpiryTest {
    private static final ScheduledEvent EVERY_MINUTE = SweeperWorld.scheduledEvent();
    private static SweeperWorld world;

    @BeforeAll
    static void startStack() {
        world = SweeperWorld.start();
    }

    @AfterAll
    static void stopStack() {
        world.close();
    }

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
            assertEquals(1, world.handler().handleRequest(EVERY_MINUTE, null).expired());
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
            assertEquals(0, world.handler().handleRequest(EVERY_MINUTE, null).expired());
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
            world.handler().handleRequest(EVERY_MINUTE, null);
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
            world.handler().handleRequest(EVERY_MINUTE, null);
            assertEquals(List.of("DisableHotspotUser", "KickHotspotUser"),
                    types(driver.applyQueued(world.sqs, world.routerCommandsUrl)));
            assertTrue(driver.router.state().hotspotUser("juma").orElseThrow().disabled());
            assertTrue(driver.router.state().hotspotActive().isEmpty());
        }
    }
}
