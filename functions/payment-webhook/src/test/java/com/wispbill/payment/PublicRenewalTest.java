package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.Customer;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionKind;
import com.wispbill.payment.PaymentFixture.Reply;
import com.wispbill.payment.PaymentFixture.Tenant;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Renewing by username on the public portal: no downgrades of someone's account, no way to tell which names exist. */
class PublicRenewalTest {
    private final PaymentFixture f = PaymentFixture.get();

    private record Account(Tenant tenant, Subscription subscription, String phone) {
    }

    private Account pppoeAccount(String username, String phone) {
        Tenant t = f.kenyanTenant();
        Customer customer = Customer.create(t.id(), phone, "Achieng", f.clock);
        f.repos.customers().create(customer);
        Subscription subscription = Subscription.start(t.id(), customer.id(), t.plan(), t.routerId(), SubscriptionKind.PPPOE,
                username, t.reseller().calendar(), f.clock);
        f.repos.subscriptions().create(subscription);
        return new Account(t, subscription, phone);
    }

    private Plan plan(Tenant t, String name, long price, String rate, String data) {
        Plan plan = Plan.builder().newId(f.clock).resellerId(t.id()).name(name).price(Money.of(price, "KES"))
                .validity(Duration.ofHours(24)).rateLimit(rate).dataLimit(data).createdAt(f.clock.instant()).build();
        f.repos.plans().create(plan);
        return plan;
    }

    private Reply renew(Tenant t, String planId, String phone, String username) {
        return f.post("/portal/" + t.portalId() + "/purchases", "{\"planId\":\"" + planId + "\",\"phone\":\"" + phone
                + "\",\"provider\":\"mpesa\",\"username\":\"" + username + "\"}");
    }

    @Test
    void anUnknownUsernameAndSomeoneElsesAccountGetTheSameAnswerAndNoPrompt() {
        Account account = pppoeAccount("otieno-home", "+254733100001");
        Tenant t = account.tenant();
        long pushes = f.simulator.requests("/stkpush/");

        Reply unknown = renew(t, t.plan().id(), "+254733100002", "nobody-by-that-name");
        Reply known = renew(t, t.plan().id(), "+254733100002", "otieno-home");

        assertEquals(400, unknown.status());
        assertEquals(unknown.status(), known.status());
        assertEquals(unknown.body(), known.body(), "nothing in the answer tells the two apart");
        assertEquals("username", known.json().path("errors").path(0).path("field").asText());
        assertEquals(pushes, f.simulator.requests("/stkpush/"), "no prompt to anyone");
        assertEquals(0, f.repos.payments().list(t.id(), PageRequest.firstPage()).items().size());
    }

    @Test
    void theSubscriberCannotBeMovedToACheaperPlanButMayRenewOrUpgrade() {
        Account account = pppoeAccount("otieno-office", "+254733100003");
        Tenant t = account.tenant();
        Plan cheaper = plan(t, "Daily lite", 2000, "1M/2M", "1GB");
        Plan faster = plan(t, "Daily max", 9000, "5M/10M", "20GB");
        Plan pricierButSlower = plan(t, "Daily odd", 9000, "1M/1M", "20GB");
        long pushes = f.simulator.requests("/stkpush/");

        Reply downgrade = renew(t, cheaper.id(), "0733100003", "otieno-office");
        Reply slower = renew(t, pricierButSlower.id(), "0733100003", "otieno-office");
        Reply unknown = renew(t, cheaper.id(), "0733100003", "no-such-account");
        assertEquals(400, downgrade.status());
        assertEquals(unknown.body(), downgrade.body(), "a refused downgrade reads like an unknown account");
        assertEquals(400, slower.status(), "dearer but slower is not an upgrade");
        assertEquals(pushes, f.simulator.requests("/stkpush/"));
        assertEquals(account.subscription().planId(),
                f.repos.subscriptions().get(t.id(), account.subscription().id()).planId());

        assertEquals(202, renew(t, t.plan().id(), "0733100003", "otieno-office").status(), "its own plan, national spelling");
        Reply upgrade = renew(t, faster.id(), "+254733100003", "otieno-office");
        assertEquals(202, upgrade.status(), upgrade.body());
        assertEquals(pushes + 2, f.simulator.requests("/stkpush/"));
    }
}
