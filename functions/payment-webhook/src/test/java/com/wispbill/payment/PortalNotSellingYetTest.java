package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.RouterConnectionTest;
import com.wispbill.domain.payment.Portal;
import com.wispbill.payment.PaymentFixture.Reply;
import com.wispbill.payment.PaymentFixture.Tenant;
import org.junit.jupiter.api.Test;

/** A portal on a router that has never answered takes nobody's money, and sells once the router answers. */
class PortalNotSellingYetTest {
    private final PaymentFixture f = PaymentFixture.get();

    @Test
    void aPortalOnANeverReachedRouterSaysWhyAndStartsNoPaymentUntilTheRouterAnswers() {
        Tenant t = f.kenyanTenant();
        String routerId = "fresh-" + t.routerId();
        String portalId = "new-" + t.portalId();
        f.repos.portals().create(new Portal(portalId, t.id(), routerId, f.clock.instant()));
        String form = "{\"planId\":\"" + t.plan().id() + "\",\"phone\":\"0712 000 401\",\"provider\":\"mpesa\"}";

        Reply plans = f.get("/portal/" + portalId + "/plans");
        assertEquals(503, plans.status(), plans.body());
        assertEquals("Not selling yet", plans.json().path("title").asText());
        assertTrue(plans.json().path("detail").asText().contains("router " + routerId + " never reached yet"), plans.body());
        Reply purchase = f.post("/portal/" + portalId + "/purchases", form);
        assertEquals(503, purchase.status(), purchase.body());
        assertTrue(purchase.json().path("detail").asText().contains("never reached"), purchase.body());
        assertEquals(0, f.repos.payments().list(t.id(), PageRequest.firstPage()).items().size(),
                "no payment written, so no provider was asked");

        // A connection test that could not log in has not reached it either.
        RouterConnectionTest failed = RouterConnectionTest.requested(t.id(), routerId, "test-1", f.clock.instant());
        f.repos.routers().requestConnectionTest(failed);
        f.repos.routers().recordConnectionTest(failed.failed(f.clock.instant(), "connection refused"));
        assertEquals(503, f.post("/portal/" + portalId + "/purchases", form).status());

        // The reseller's connection test logs in (as the router driver stores it): the portal sells.
        RouterConnectionTest ok = RouterConnectionTest.requested(t.id(), routerId, "test-2", f.clock.instant());
        f.repos.routers().requestConnectionTest(ok);
        f.repos.routers().recordConnectionTest(ok.succeeded(f.clock.instant(), "hAP", "7.16", true, true));
        assertEquals(200, f.get("/portal/" + portalId + "/plans").status());
        Reply sold = f.post("/portal/" + portalId + "/purchases", form);
        assertEquals(202, sold.status(), sold.body());
    }
}
