package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.dynamodb.DynamoPaymentGrantRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.Plan;
import com.wispbill.domain.RouterHealth;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.payment.PaymentGrant;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.outbox.OutboxDelivery;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.api.service.VoucherService;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A paid portal voucher whose router has not taken it is PENDING_ROUTER, and the payment's and the voucher's views say
 * why (never reached, or waiting for the router); once the router driver confirms it both read ACTIVE.
 */
class GrantPendingRouterViewsTest {
    private static TestStack stack;
    private static ApiClient api;
    private static Seed seed;

    @BeforeAll
    static void setUp() {
        stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        seed = Seed.create(stack, api, "Grant Views", "+254700610001", 1);
    }

    @Test
    void aPaidVoucherWaitsForItsRouterWithTheReasonShownAndIsActiveOnceTheRouterTookIt() {
        Clock clock = Clock.systemUTC();
        String rid = seed.tenant().resellerId();
        // A router registered but never polled or tested.
        String routerId = api.call("POST", "/v1/routers", seed.key(), "{\"name\": \"Far tower\"}").expect(201).json()
                .path("id").asText();
        Plan plan = stack.store.plans().get(rid, seed.planId());
        // What the settlement stores for a portal sale on it.
        Payment pending = Payment.forVoucher(rid, "+254700610002", plan, PaymentProvider.MPESA, routerId, clock);
        stack.store.payments().create(pending);
        Voucher voucher = Voucher.create(new VoucherCodes().generate(10), rid, "portal-sales", plan.id(), routerId, clock)
                .sell(clock.instant(), plan, stack.store.resellers().get(rid).calendar());
        DynamoPaymentGrantRepository grants = new DynamoPaymentGrantRepository(stack.dynamoDb, stack.tables);
        WriteTransaction tx = stack.store.begin();
        stack.store.payments().transition(pending, pending.succeed(clock), tx);
        stack.store.vouchers().insert(voucher, tx);
        grants.record(PaymentGrant.voucher(pending.id(), rid, voucher.id(), voucher.code(), voucher.expiresAt(),
                clock.instant()), tx);
        tx.commit();

        JsonNode payment = api.call("GET", "/v1/payments/" + pending.id(), seed.key()).expect(200).json();
        assertEquals("SUCCEEDED", payment.path("status").asText());
        assertEquals("PENDING_ROUTER", payment.path("grantStatus").asText());
        assertTrue(payment.path("pendingReason").asText().contains("router " + routerId + " never reached yet"),
                payment.toString());
        JsonNode shown = api.call("GET", "/v1/vouchers/" + voucher.id(), seed.key()).expect(200).json();
        assertEquals("NEW", shown.path("status").asText());
        assertTrue(shown.path("pendingReason").asText().contains("never reached yet"), shown.toString());

        // Polled once: reached, and the voucher's command is on its way.
        stack.store.routers().recordHealth(RouterHealth.reachable(rid, routerId, clock.instant(), "7.16.2", 0));
        assertEquals("waiting for router " + routerId + " to take it", api.call("GET", "/v1/payments/" + pending.id(),
                seed.key()).expect(200).json().path("pendingReason").asText());

        // The router driver applied the grant's command.
        grants.confirmOnRouter(grants.find(rid, pending.id()).orElseThrow(), clock.instant());
        JsonNode active = api.call("GET", "/v1/payments/" + pending.id(), seed.key()).expect(200).json();
        assertEquals("ACTIVE", active.path("grantStatus").asText());
        assertTrue(active.path("pendingReason").isNull(), active.toString());
        JsonNode usable = api.call("GET", "/v1/vouchers/" + voucher.id(), seed.key()).expect(200).json();
        assertEquals("ACTIVE", usable.path("status").asText());
        assertTrue(usable.path("pendingReason").isNull(), usable.toString());
    }

    @Test
    void aPortalVoucherIsShownWithoutReadingABatchItSoldOutside() {
        Clock clock = Clock.systemUTC();
        String rid = seed.tenant().resellerId();
        Plan plan = stack.store.plans().get(rid, seed.planId());
        Voucher voucher = Voucher.create(new VoucherCodes().generate(10), rid, Voucher.PORTAL_BATCH_ID, plan.id(),
                seed.routerId(), clock).sell(clock.instant(), plan, stack.store.resellers().get(rid).calendar());
        WriteTransaction tx = stack.store.begin();
        stack.store.vouchers().insert(voucher, tx);
        tx.commit();
        // The service over a client that notes the sort key of every item read by key (a voucher's partition key
        // holds its code, a secret even in a failure message).
        List<String> read = new CopyOnWriteArrayList<>();
        DynamoDbClient noting = (DynamoDbClient) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (args != null && args.length == 1 && args[0] instanceof GetItemRequest get) {
                        read.add(get.key().get("SK").s());
                    }
                    try {
                        return method.invoke(stack.dynamoDb, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        DynamoStore store = new DynamoStore(noting, stack.tables, clock);
        VoucherService service = new VoucherService(store.vouchers(), store.voucherBatches(), store.routers(), store,
                store.outbox(), OutboxDelivery.routerCommandsOnly(store.outbox(),
                new SqsRouterCommandQueue(stack.sqs, stack.commandQueueUrl)), clock);

        VoucherService.SeenVoucher seen = service.findByPrintedCode(stack.store.resellers().get(rid), voucher.code());

        assertEquals(voucher, seen.voucher());
        assertTrue(read.stream().noneMatch(key -> key.contains(Voucher.PORTAL_BATCH_ID)), read.toString());
    }
}
