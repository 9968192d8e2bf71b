package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.Customer;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.PlanEnforcement;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionKind;
import com.wispbill.domain.SubscriptionStatus;
import com.wispbill.domain.enforcement.EnforcementCommands;
import com.wispbill.domain.routercommand.Isolation;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.routersetup.IsolationScript;
import com.wispbill.domain.voucher.VoucherProvisioning;
import com.wispbill.payment.PaymentFixture.Reply;
import com.wispbill.payment.PaymentFixture.Tenant;
import com.wispbill.testing.router.SimulatedRouterDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A lapsed subscriber of an ISOLATE plan, isolated on a simulated router (the setup script's isolation
 * section run on it, the expiry's isolate command applied by the driver's operations), pays on the portal
 * with M-Pesa (the Daraja stand-in's phone prompt accepted): the webhook's renewal queues the restore,
 * which puts the user back on the plan's profile, out of the isolation list, without a reconnect.
 */
class IsolationRestoredByPaymentTest {
    private final PaymentFixture f = PaymentFixture.get();

    @Test
    void anIsolatedSubscriberWhoPaysOnThePortalIsRestoredToThePlanOnTheRouter() throws Exception {
        Tenant t = f.kenyanTenant();
        Plan plan = Plan.builder().newId(f.clock).resellerId(t.id()).name("Home isolate").price(Money.of(5000, "KES"))
                .validity(Duration.ofDays(30)).rateLimit("5M/10M").enforcement(PlanEnforcement.ISOLATE)
                .createdAt(f.clock.instant()).build();
        f.repos.plans().create(plan);
        Customer customer = Customer.create(t.id(), "+254733400001", "Amina", f.clock);
        f.repos.customers().create(customer);
        Instant now = f.clock.instant();
        // Lapsed an hour ago; the sweep stored EXPIRED and queued the isolation.
        Subscription lapsed = new Subscription("sub-" + t.id(), t.id(), customer.id(), plan.id(), t.routerId(),
                SubscriptionKind.HOTSPOT, "amina-home", now.minus(Duration.ofDays(30)), now.minus(Duration.ofHours(1)),
                SubscriptionStatus.EXPIRED);
        f.repos.subscriptions().create(lapsed);

        try (SimulatedRouterDriver driver = SimulatedRouterDriver.start(t.routerId())) {
            var router = driver.router.state();
            assertEquals(java.util.List.of(), router.runScript(IsolationScript.generate("https://pay.example.com/portal/"
                    + t.portalId())), "the isolation section uses only menus the simulator models");
            String planProfile = VoucherProvisioning.profileName(plan);
            router.addHotspotUserProfile(Map.of("name", planProfile, "rate-limit", "5M/10M"));
            router.addHotspotUser(Map.of("name", "amina-home", "password", "pw", "profile", planProfile));
            driver.router.login("amina-home", "10.5.50.40", "AA:BB:CC:00:44:01");
            for (RouterCommandEnvelope isolate : EnforcementCommands.atExpiry(lapsed, Optional.of(plan), "1", now)) {
                driver.apply(isolate);
            }
            assertEquals(Isolation.PROFILE, router.hotspotUser("amina-home").orElseThrow().profile());
            assertTrue(router.inAddressList(Isolation.ADDRESS_LIST, "10.5.50.40"), "redirected to the pay page");
            assertEquals(1, router.hotspotActive().size(), "still connected");

            Reply started = f.post("/portal/" + t.portalId() + "/purchases", "{\"planId\":\"" + plan.id()
                    + "\",\"phone\":\"+254733400001\",\"provider\":\"mpesa\",\"username\":\"amina-home\"}");
            assertEquals(202, started.status(), started.body());
            String paymentId = started.json().path("paymentId").asText();
            assertEquals(200, f.simulator.pay(f.referenceOf(t, paymentId)).deliver().status());

            Subscription renewed = f.repos.subscriptions().get(t.id(), lapsed.id());
            assertEquals(SubscriptionStatus.ACTIVE, renewed.status());
            driver.apply(f.routerCommand(paymentId + "-RP"));
            driver.apply(f.routerCommand(paymentId + "-RC"));

            assertEquals(planProfile, router.hotspotUser("amina-home").orElseThrow().profile());
            assertFalse(router.inAddressList(Isolation.ADDRESS_LIST, "10.5.50.40"), "no longer redirected");
            assertFalse(router.hotspotUser("amina-home").orElseThrow().disabled());
            assertEquals(1, router.hotspotActive().size(), "restored without a reconnect");
        }
    }
}
