package com.wispbill.vouchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.domain.Ids;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.messages.RouterCommandQueue;
import com.wispbill.domain.messages.VoucherBatchOrder;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.vouchers.GenerationOutcome.Kind;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Where a batch's time goes: parts stored side by side, and queued while later parts are still being stored. */
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

    @Test
    void severalPartsAreStoredAtOnceButNoMoreThanTheBound() {
        VoucherBatch batch = env.queuedBatch(Ids.newId(env.clock), A, "plan-flight", ROUTERS, 2_000);
        // Each voucher transaction waits (up to a generous limit) until a second one is in flight.
        CountDownLatch two = new CountDownLatch(2);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        DynamoDbClient real = AwsClients.newDynamoDbClient();
        DynamoDbClient watching = (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    boolean transaction = method.getName().equals("transactWriteItems");
                    if (transaction) {
                        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        two.countDown();
                        // Run one after another, the first never sees a second and goes on after the wait.
                        two.await(30, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (transaction) {
                            inFlight.decrementAndGet();
                        }
                    }
                });
        DynamoStore store = new DynamoStore(watching, new TableNames(env.stack.resources().tableName("EntityTable"),
                env.stack.resources().tableName("UsageTable")), env.clock);
        VoucherBatchGenerator generator = VoucherBatchGenerator.of(store,
                new SqsRouterCommandQueue(env.sqs, env.commandsQueueUrl), new VoucherCodes(), env.clock);

        GenerationOutcome outcome = generator.generate(new VoucherBatchOrder(A, batch.id()), GenerationBudget.UNLIMITED);

        assertEquals(Kind.PENDING_ROUTER, outcome.kind());
        assertTrue(mostInFlight.get() >= 2 && mostInFlight.get() <= VoucherBatchGenerator.PARALLEL_PARTS,
                "voucher transactions in flight together: at most " + mostInFlight.get());
        VoucherBatch pending = env.store.voucherBatches().get(A, batch.id());
        assertEquals(VoucherBatchStatus.PENDING_ROUTER, pending.status());
        assertEquals(2_000, pending.generatedCount());
        assertEquals(2_000, env.vouchersOf(A, batch.id()).stream().map(Voucher::code).distinct().count());
        env.drainCommands();
    }
}
