package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.wispbill.domain.Customer;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionKind;
import com.wispbill.domain.SubscriptionStatus;
import com.wispbill.domain.payment.PaymentGrant;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.voucher.VoucherProvisioning;
import com.wispbill.payment.PaymentFixture.Reply;
import com.wispbill.payment.PaymentFixture.Tenant;
import com.wispbill.testing.router.SimulatedRouterDriver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An ACTIVE subscriber, on its plan's profile on a simulated router, pays on the portal for a faster plan (an
 * upgrade, which the portal allows): the subscription carries the new plan, so its user must move to the new plan's
 * profile on the router, and the grant waits for that command as a restored user's does.
 */
class PortalUpgradeOnRouterTest {
    private final PaymentFixture f = PaymentFixture.get();

    @Test
    void anActiveSubscriberUpgradedOnThePortalIsMovedToTheNewProfileAndItsGrantWaitsForTheRouter() throws Exception {
        Tenant t = f.kenyanTenant();
        Plan faster = Plan.builder().newId(f.clock).resellerId(t.id()).name("Daily max")
                .price(Money.of(t.plan().price().minorUnits() * 2, "KES")).validity(Duration.ofHours(24))
                .rateLimit("10M/20M").createdAt(f.clock.instant()).build();
        f.repos.plans().create(faster);
        Customer customer = Customer.create(t.id(), "+254733500001", "Kamau", f.clock);
        f.repos.customers().create(customer);
        Subscription active = Subscription.start(t.id(), customer.id(), t.plan(), t.routerId(), SubscriptionKind.HOTSPOT,
                "kamau-home", t.reseller().calendar(), f.clock);
        f.repos.subscriptions().create(active);

        try (SimulatedRouterDriver driver = SimulatedRouterDriver.start(t.routerId())) {
            var router = driver.router.state();
            String oldProfile = VoucherProvisioning.profileName(t.plan());
            router.addHotspotUserProfile(Map.of("name", oldProfile, "rate-limit", "2M/5M"));
            router.addHotspotUser(Map.of("name", "kamau-home", "password", "pw", "profile", oldProfile));

            Reply started = f.post("/portal/" + t.portalId() + "/purchases", "{\"planId\":\"" + faster.id()
                    + "\",\"phone\":\"+254733500001\",\"provider\":\"mpesa\",\"username\":\"kamau-home\"}");
            assertEquals(202, started.status(), started.body());
            String paymentId = started.json().path("paymentId").asText();
            assertEquals(200, f.simulator.pay(f.referenceOf(t, paymentId)).deliver().status());

            Subscription upgraded = f.repos.subscriptions().get(t.id(), active.id());
            assertEquals(SubscriptionStatus.ACTIVE, upgraded.status());
            assertEquals(faster.id(), upgraded.planId(), "the subscription carries the plan bought");
            assertEquals("PENDING_ROUTER", grantStatus(t, paymentId),
                    "paid for a profile the router does not give the user yet: not usable until it does");

            List<RouterCommandEnvelope> commands = f.routerCommands(paymentId);
            assertEquals(List.of(paymentId + "-RP", PaymentGrant.routerCommandId(paymentId)),
                    commands.stream().map(RouterCommandEnvelope::commandId).toList(), "the new profile, then the user on it");
            for (RouterCommandEnvelope command : commands) {
                driver.apply(command);
            }
            String newProfile = VoucherProvisioning.profileName(faster);
            assertEquals(newProfile, router.hotspotUser("kamau-home").orElseThrow().profile());
            assertEquals(Optional.of("10M/20M"), router.hotspotUserProfiles().stream()
                    .filter(p -> p.name().equals(newProfile)).findFirst().orElseThrow().rateLimit());
            assertFalse(router.hotspotUser("kamau-home").orElseThrow().disabled());

            // What the router driver does once the grant's command is on the router (RouterCommandProcessor).
            PaymentGrant grant = f.repos.grants().find(t.id(),
                    PaymentGrant.paymentOfRouterCommand(commands.getLast().commandId()).orElseThrow()).orElseThrow();
            assertEquals(true, f.repos.grants().confirmOnRouter(grant, f.clock.instant()));
            assertEquals("ACTIVE", grantStatus(t, paymentId));
        }
    }

    private String grantStatus(Tenant t, String paymentId) {
        return f.get("/portal/" + t.portalId() + "/purchases/" + paymentId).json().path("grantStatus").asText();
    }
}
