package com.wispbill.vouchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.Ids;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.messages.RouterCommandQueue;
import com.wispbill.domain.messages.VoucherBatchOrder;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.vouchers.GenerationOutcome.Kind;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where a batch's time goes: parts are queued while later parts are still being stored. */
class PartsInFlightTest {
    private static final String A = "reseller-flight";
    private static final List<String> ROUTERS = List.of("router-flight-1", "router-flight-2");

    private final GeneratorStack env = GeneratorStack.get();

    @BeforeEach
    void seed() {
        env.seed(A, 10, "plan-flight", ROUTERS.toArray(String[]::new));
        env.purge();
    }

    @Test
    void partsAreQueuedWhileLaterPartsAreStillBeingStored() {
        VoucherBatch batch = env.queuedBatch(Ids.newId(env.clock), A, "plan-flight", ROUTERS, 1_500);
        AtomicInteger storedAtFirstSend = new AtomicInteger(-1);
        RouterCommandQueue watching = env.commandQueue(
                bulks -> storedAtFirstSend.compareAndSet(-1, env.vouchersOf(A, batch.id()).size()));
        VoucherBatchGenerator generator = VoucherBatchGenerator.of(env.store, watching, new VoucherCodes(), env.clock);

        GenerationOutcome outcome = generator.generate(new VoucherBatchOrder(A, batch.id()), GenerationBudget.UNLIMITED);

        assertEquals(Kind.PENDING_ROUTER, outcome.kind());
        assertTrue(storedAtFirstSend.get() > 0 && storedAtFirstSend.get() < 1_500,
                "the first part was queued with " + storedAtFirstSend.get() + " of 1,500 vouchers stored");
        List<Voucher> vouchers = env.vouchersOf(A, batch.id());
        assertEquals(1_500, vouchers.size());
        List<RouterCommandEnvelope> commands = env.drainCommands();
        assertEquals(1_500, commands.stream().filter(c -> c.command() instanceof EnsureHotspotUser).count());
        assertEquals(1_502, commands.size());
        // Each router's profile is the first command it receives (one FIFO group per router).
        for (String router : ROUTERS) {
            assertEquals("EnsureHotspotProfile", commands.stream().filter(c -> c.routerId().equals(router))
                    .findFirst().orElseThrow().command().type());
        }
    }
}
