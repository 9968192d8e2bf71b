package com.wispbill.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.Router;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.domain.payment.PaymentGrant;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.local.routeros.RouterOsVersion;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A paid grant is PENDING_ROUTER until its router takes it: the driver applying the grant's router command
 * ({@code <paymentId>-RC}) makes the grant and its portal voucher ACTIVE; a router that refuses leaves both waiting.
 */
class PaymentGrantOnRouterTest {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static DriverHarness harness;

    @BeforeAll
    static void startStack() {
        harness = DriverHarness.start();
    }

    @AfterAll
    static void stopStack() {
        harness.close();
    }

    private record Sale(PaymentGrant grant, Voucher voucher, RouterCommandEnvelope command) {
    }

    /** What a portal sale's settlement writes: the voucher NEW, the grant PENDING_ROUTER, its router command. */
    private Sale sell(Router router) {
        int n = IDS.incrementAndGet();
        String paymentId = "01KPAYGRANT" + String.format("%015d", n);
        Voucher voucher = Voucher.create(new VoucherCodes().generate(10), router.resellerId(), "portal-sales", "plan-1",
                router.id(), harness.clock);
        PaymentGrant grant = PaymentGrant.voucher(paymentId, router.resellerId(), voucher.id(), voucher.code(),
                Optional.empty(), harness.clock.instant());
        DynamoStore store = store();
        WriteTransaction tx = store.begin();
        store.vouchers().insert(voucher, tx);
        harness.grants.record(grant, tx);
        tx.commit();
        RouterCommandEnvelope command = new RouterCommandEnvelope(PaymentGrant.routerCommandId(paymentId), router.resellerId(),
                router.id(), harness.clock.instant(), new EnsureHotspotUser(voucher.code(), voucher.code(), "default",
                Optional.empty(), OptionalLong.empty(), "payment " + paymentId));
        return new Sale(grant, voucher, command);
    }

    private static RouterOsSimulator simulator() throws IOException {
        return RouterOsSimulator.builder().identity("grant-" + IDS.incrementAndGet()).version(RouterOsVersion.V7_19)
                .credentials(DriverHarness.API_USER, "s3cret pass=1").tls(true).start();
    }

    @Test
    void theGrantAndItsVoucherBecomeActiveOnceTheRouterHasTheUserAndNotBefore() throws IOException {
        try (RouterOsSimulator simulator = simulator()) {
            Router router = harness.addRouter("res-grant-" + IDS.incrementAndGet(), "rtr-grant-" + IDS.incrementAndGet(),
                    simulator, true);
            RouterCommandHandler handler = new RouterCommandHandler(harness.wiring(
                    DriverHarness.connector(DriverHarness.fastSettings()), DriverHarness.fastSettings()).commandProcessor(5));

            // The router refuses the login: nothing reached it, the grant waits.
            harness.putSecret(router, DriverHarness.API_USER, "wrong", simulator);
            Sale sale = sell(router);
            harness.send(List.of(sale.command()));
            assertFalse(harness.deliver(handler).failedIds().isEmpty());
            PaymentGrant waiting = harness.grants.find(router.resellerId(), sale.grant().paymentId()).orElseThrow();
            assertEquals(PaymentGrant.Status.PENDING_ROUTER, waiting.status());
            assertEquals(VoucherStatus.NEW, voucher(sale).status());

            // Fixed: the command reaches the router, and the grant and voucher are usable.
            harness.putSecret(router, simulator.username(), simulator.password(), simulator);
            RouterCommandHandler fresh = new RouterCommandHandler(harness.wiring(
                    DriverHarness.connector(DriverHarness.fastSettings()), DriverHarness.fastSettings()).commandProcessor(5));
            harness.clock.advance(java.time.Duration.ofMinutes(20));
            // The same message, redelivered (the refused delivery left it on the queue).
            assertTrue(harness.deliver(fresh).failedIds().isEmpty());
            assertTrue(simulator.state().hotspotUser(sale.voucher().code()).isPresent());
            PaymentGrant active = harness.grants.find(router.resellerId(), sale.grant().paymentId()).orElseThrow();
            assertEquals(PaymentGrant.Status.ACTIVE, active.status());
            assertTrue(active.routerConfirmedAt().isPresent());
            assertEquals(VoucherStatus.ACTIVE, voucher(sale).status());
        }
    }

    private static DynamoStore store() {
        return new DynamoStore(harness.dynamoDb, harness.tables, harness.clock);
    }

    private static Voucher voucher(Sale sale) {
        return store().vouchers().findByCode(sale.voucher().resellerId(), sale.voucher().code()).orElseThrow();
    }
}
