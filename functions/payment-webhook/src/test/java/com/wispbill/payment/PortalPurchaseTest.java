package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.subscriber.RenewalMessages;
import com.wispbill.domain.Customer;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionKind;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.domain.routercommand.EnsureHotspotProfile;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.payment.PaymentFixture.Reply;
import com.wispbill.payment.PaymentFixture.Tenant;
import com.wispbill.domain.notify.SmsSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hotspot portal routes through the HTTP API, from plan list to voucher code or renewed account. */
class PortalPurchaseTest {
    private final PaymentFixture f = PaymentFixture.get();

    @Test
    void pollingAPaidPurchaseReadsTheRoutersReachOncePerInstanceAsSellingDoes() {
        Tenant t = f.kenyanTenant();
        String paymentId = f.startPurchase(t, PaymentProvider.PAYSTACK, "0733 000 011");
        assertEquals(200, f.simulator.pay(f.referenceOf(t, paymentId)).deliver().status());

        // A fresh execution environment that only answers the page's polls: the first poll learns the router was
        // reached, the next ones read the portal, the payment and its grant only.
        RoundTripRecorder recorder = new RoundTripRecorder();
        PurchaseService polls = f.recordedPurchases(recorder);
        assertEquals("PENDING_ROUTER", polls.status(t.portalId(), paymentId).grantStatus());
        int firstPoll = recorder.calls().size();
        for (int poll = 0; poll < 3; poll++) {
            recorder.clear();
            PurchaseService.PurchaseStatus status = polls.status(t.portalId(), paymentId);
            assertEquals("waiting for router " + t.routerId() + " to take it", status.reason());
            assertEquals(List.of("DynamoDb.GetItem", "DynamoDb.GetItem", "DynamoDb.GetItem"), recorder.describe(),
                    "the portal, the payment and its grant; no read of the router's reach");
        }
        assertTrue(firstPoll > 3, "the first poll read the reach: " + firstPoll);

        // One that sold on the portal already knows it: its first poll reads no reach either.
        RoundTripRecorder selling = new RoundTripRecorder();
        PurchaseService seller = f.recordedPurchases(selling);
        seller.plans(t.portalId());
        selling.clear();
        seller.status(t.portalId(), paymentId);
        assertEquals(List.of("DynamoDb.GetItem", "DynamoDb.GetItem", "DynamoDb.GetItem"), selling.describe());
    }

    @Test
    void aVoucherBoughtThroughTheCheckoutIsProvisionedAndTextedAndShownOnTheStatusRoute() throws Exception {
        Tenant t = f.kenyanTenant();
        Reply plans = f.get("/portal/" + t.portalId() + "/plans");
        assertEquals(200, plans.status());
        assertEquals(t.plan().id(), plans.json().path("plans").path(0).path("id").asText());
        assertEquals("KES 50.00", plans.json().path("plans").path(0).path("priceText").asText());
        assertEquals("5 GB", plans.json().path("plans").path(0).path("dataLimit").asText(), "for people, not bytes");
        assertEquals("[\"mpesa\",\"paystack\",\"stripe\",\"midtrans\"]", plans.json().path("providers").toString());
        assertEquals("254", plans.json().path("phoneCallingCode").asText());

        String paymentId = f.startPurchase(t, PaymentProvider.STRIPE, "0733 000 001");
        JsonNode pending = f.get("/portal/" + t.portalId() + "/purchases/" + paymentId).json();
        assertEquals("PENDING", pending.path("status").asText());
        assertTrue(pending.path("code").isNull());

        assertEquals(200, f.simulator.pay(f.referenceOf(t, paymentId)).deliver().status());
        JsonNode done = f.get("/portal/" + t.portalId() + "/purchases/" + paymentId).json();
        assertEquals("SUCCEEDED", done.path("status").asText());
        String code = done.path("code").asText();
        Voucher voucher = f.repos.vouchers().findByCode(t.id(), code).orElseThrow();
        assertEquals(t.routerId(), voucher.routerId());
        assertEquals(f.clock.instant().plus(Duration.ofHours(24)), voucher.expiresAt().orElseThrow(), "validity starts at sale");
        assertEquals(VoucherStatus.NEW, voucher.status(), "not on the router yet: the driver makes it ACTIVE once it is");
        assertEquals("PENDING_ROUTER", done.path("grantStatus").asText(), "paid, shown, and waiting for the router");
        assertEquals("waiting for router " + t.routerId() + " to take it", done.path("reason").asText());
        assertEquals(code, done.path("code").asText(), "the customer has the code whatever the router does");

        RouterCommandEnvelope command = f.routerCommand(paymentId + "-RC");
        EnsureHotspotUser user = (EnsureHotspotUser) command.command();
        assertEquals(code, user.name());
        assertEquals(code, user.password(), "the same login as a printed voucher: the page sends the code as both");
        assertEquals("wb-" + t.plan().id(), user.profile());
        assertEquals(5_000_000_000L, user.limitBytesTotal().getAsLong());
        assertEquals(t.routerId(), command.routerId());
        // The plan's profile is ensured on that router first, in case no batch of the plan was printed there.
        RouterCommandEnvelope profile = f.routerCommands("\"EnsureHotspotProfile\"").stream()
                .filter(c -> c.routerId().equals(t.routerId())
                        && c.command() instanceof EnsureHotspotProfile p && p.name().equals("wb-" + t.plan().id()))
                .findFirst().orElseThrow();
        assertEquals(new EnsureHotspotProfile("wb-" + t.plan().id(), t.plan().rateLimit(), t.plan().sharedUsers()),
                profile.command());
        assertEquals(t.routerId(), profile.routerId());
        assertTrue(profile.issuedAt().isBefore(command.issuedAt()), "sent before the user, also by the outbox relay");
        SmsRequest sms = MessageCodec.decodeSms(f.messages("NotificationsQueue", paymentId + "-SMS").get(0));
        assertEquals(SmsRequest.SmsTemplate.VOUCHER_ISSUED, sms.template());
        assertEquals("+254733000001", sms.phoneE164());
        assertEquals(voucher.displayCode(), sms.parameters().get("code"));
    }

    @Test
    void invalidInputIsRefusedFieldByFieldBeforeAnythingStarts() throws Exception {
        Tenant t = f.kenyanTenant();
        long pushes = f.simulator.requests("/stkpush/");
        Reply reply = f.post("/portal/" + t.portalId() + "/purchases",
                "{\"planId\":\"\",\"phone\":\"0712 CALL ME\",\"provider\":\"cash\",\"email\":\"nope\"}");
        assertEquals(400, reply.status());
        JsonNode errors = reply.json().path("errors");
        assertEquals(4, errors.size(), reply.body());
        assertEquals(0, f.repos.payments().list(t.id(), PageRequest.firstPage()).items().size());
        assertEquals(pushes, f.simulator.requests("/stkpush/"), "nothing sent to a provider");

        assertEquals(404, f.get("/portal/no-such-portal/plans").status());
        Reply mpesaNeedsKenya = f.post("/portal/" + t.portalId() + "/purchases",
                "{\"planId\":\"" + t.plan().id() + "\",\"phone\":\"+14155550100\",\"provider\":\"mpesa\"}");
        assertEquals(400, mpesaNeedsKenya.status());
        Reply paystackNeedsEmail = f.post("/portal/" + t.portalId() + "/purchases",
                "{\"planId\":\"" + t.plan().id() + "\",\"phone\":\"+254712345678\",\"provider\":\"paystack\"}");
        assertEquals(400, paystackNeedsEmail.status());
        assertEquals("email", paystackNeedsEmail.json().path("errors").path(0).path("field").asText());
        assertEquals(1, f.repos.payments().list(t.id(), PageRequest.firstPage()).items().size(), "only the M-Pesa attempt, closed");
        assertEquals(pushes, f.simulator.requests("/stkpush/"));
    }

    @Test
    void onlyTheProvidersTheResellerSetUpAreOfferedAndTaken() {
        Tenant t = f.tenant("KES", 5000, EnumSet.of(PaymentProvider.MPESA));
        JsonNode catalogue = f.get("/portal/" + t.portalId() + "/plans").json();
        assertEquals("[\"mpesa\"]", catalogue.path("providers").toString());
        Reply stripe = f.post("/portal/" + t.portalId() + "/purchases",
                "{\"planId\":\"" + t.plan().id() + "\",\"phone\":\"0712 000 222\",\"provider\":\"stripe\"}");
        assertEquals(400, stripe.status());
        assertEquals("provider", stripe.json().path("errors").path(0).path("field").asText());
        Tenant dollars = f.tenant("USD", 500, EnumSet.of(PaymentProvider.STRIPE));
        assertTrue(f.get("/portal/" + dollars.portalId() + "/plans").json().path("phoneCallingCode").isNull());
    }

    @Test
    void thePageOpensInTheResellersSmsLanguageWithALocalPhoneExample() {
        Tenant t = f.kenyanTenant();
        JsonNode before = f.get("/portal/" + t.portalId() + "/plans").json();
        assertEquals("en", before.path("language").asText(), "a reseller who never chose: the SMS default");
        assertEquals("0712 345 678", before.path("phoneExample").asText());
        f.repos.smsSettings().saveSettings(t.id(), new SmsSettings("sw", Optional.empty()));
        assertEquals("sw", f.get("/portal/" + t.portalId() + "/plans").json().path("language").asText());
    }

    @Test
    void aKenyanNumberWithDigitsMissingIsAPhoneErrorNotAProviderRefusal() {
        Tenant t = f.kenyanTenant();
        long pushes = f.simulator.requests("/stkpush/");
        for (String phone : new String[]{"0712 345", "+254 712 345 6789"}) {
            Reply reply = f.post("/portal/" + t.portalId() + "/purchases",
                    "{\"planId\":\"" + t.plan().id() + "\",\"phone\":\"" + phone + "\",\"provider\":\"mpesa\"}");
            assertEquals(400, reply.status(), reply.body());
            assertEquals("phone", reply.json().path("errors").path(0).path("field").asText());
            assertTrue(reply.json().path("errors").path(0).path("message").asText().contains("9 digits after +254"), reply.body());
        }
        assertEquals(0, f.repos.payments().list(t.id(), PageRequest.firstPage()).items().size());
        assertEquals(pushes, f.simulator.requests("/stkpush/"), "nothing sent to a provider");
    }

    @Test
    void aRenewalPaidOnThePortalSendsWhatACashOrWalletRenewalOfTheSameSubscriptionSends() {
        Tenant t = f.kenyanTenant();
        Customer customer = Customer.create(t.id(), "+254733000012", "Baraka", f.clock);
        f.repos.customers().create(customer);
        Subscription active = Subscription.start(t.id(), customer.id(), t.plan(), t.routerId(), SubscriptionKind.HOTSPOT,
                "baraka-home", t.reseller().calendar(), f.clock);
        f.repos.subscriptions().create(active);
        Subscription throttled = Subscription.start(t.id(), customer.id(), t.plan(), t.routerId(), SubscriptionKind.PPPOE,
                "baraka-shop", t.reseller().calendar(), f.clock).suspendForQuota();
        f.repos.subscriptions().create(throttled);

        for (Subscription current : List.of(active, throttled)) {
            Reply started = f.post("/portal/" + t.portalId() + "/purchases", "{\"planId\":\"" + t.plan().id()
                    + "\",\"phone\":\"+254733000012\",\"provider\":\"mpesa\",\"username\":\"" + current.username() + "\"}");
            assertEquals(202, started.status(), started.body());
            String paymentId = started.json().path("paymentId").asText();
            assertEquals(200, f.simulator.pay(f.referenceOf(t, paymentId)).deliver().status());
            Subscription renewed = f.repos.subscriptions().get(t.id(), current.id());

            // What a cash or wallet renewal of the same subscription writes (RenewalMessages), under the payment's id.
            List<RouterCommandEnvelope> expected = RenewalMessages.reinstate(paymentId, current, renewed, t.plan(),
                    f.clock.instant()).stream().map(m -> MessageCodec.decodeRouterCommand(m.body())).toList();
            assertEquals(expected, f.routerCommands(paymentId), current.status() + ": the same router commands and ids");
            SmsRequest receipt = MessageCodec.decodeSms(RenewalMessages.receipt(paymentId, t.reseller(),
                    customer.phone(), t.plan(), renewed, f.clock.instant()).body());
            assertEquals(List.of(receipt), f.messages("NotificationsQueue", paymentId + "-SMS").stream()
                    .map(MessageCodec::decodeSms).toList(), "the same receipt");
            JsonNode status = f.get("/portal/" + t.portalId() + "/purchases/" + paymentId).json();
            assertEquals(expected.isEmpty() ? "ACTIVE" : "PENDING_ROUTER", status.path("grantStatus").asText(),
                    "an ACTIVE user is on the plan already: nothing to wait for; a restored one waits for <id>-RC");
        }
    }

    @Test
    void anExistingPppoeAccountIsExtendedAndReEnabled() {
        Tenant t = f.kenyanTenant();
        Customer customer = Customer.create(t.id(), "+254733000002", "Wanjiru", f.clock);
        f.repos.customers().create(customer);
        Subscription subscription = Subscription.start(t.id(), customer.id(), t.plan(), t.routerId(), SubscriptionKind.PPPOE,
                "wanjiru-home", t.reseller().calendar(), f.clock).suspendForQuota();
        f.repos.subscriptions().create(subscription);

        Reply started = f.post("/portal/" + t.portalId() + "/purchases", "{\"planId\":\"" + t.plan().id()
                + "\",\"phone\":\"+254733000002\",\"provider\":\"mpesa\",\"username\":\"wanjiru-home\"}");
        assertEquals(202, started.status(), started.body());
        String paymentId = started.json().path("paymentId").asText();
        assertEquals(200, f.simulator.pay(f.referenceOf(t, paymentId)).deliver().status());

        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status());
        assertEquals(subscription.expiresAt().plus(Duration.ofHours(24)),
                f.repos.subscriptions().get(t.id(), subscription.id()).expiresAt(), "renewing early adds to what is left");
        RouterCommandEnvelope command = f.routerCommand(paymentId + "-RC");
        String profile = com.wispbill.domain.voucher.VoucherProvisioning.profileName(t.plan());
        assertEquals(new com.wispbill.domain.routercommand.RestoreUser(com.wispbill.domain.routercommand.UserService.PPP,
                "wanjiru-home", profile), command.command(), "enabled, on the plan's profile, out of any isolation");
        assertEquals(new com.wispbill.domain.routercommand.EnsurePppProfile(profile, t.plan().rateLimit()),
                f.routerCommand(paymentId + "-RP").command());
        assertEquals(SmsRequest.SmsTemplate.SUBSCRIPTION_EXTENDED,
                MessageCodec.decodeSms(f.messages("NotificationsQueue", paymentId + "-SMS").get(0)).template());
    }
}
