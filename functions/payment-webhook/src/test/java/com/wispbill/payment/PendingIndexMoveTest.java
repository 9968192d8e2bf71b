package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.dynamodb.DynamoAlertRepository;
import com.wispbill.adapters.repository.PendingPayment;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.local.providers.Callback;
import com.wispbill.payment.PaymentFixture.Tenant;
import com.wispbill.payment.adapters.DynamoPaymentRepositories;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The reconciler's one-time move of the PENDING payments stored under the former hour buckets of its index to the
 * shards: docs/payments.md, "What can go wrong", Reconciler index.
 */
class PendingIndexMoveTest {
    /** The move's record, as the store keeps it (one per table). */
    private static final Map<String, AttributeValue> MOVE_RECORD = Map.of("PK", AttributeValue.fromS("INDEXMOVE#PAYMENTS#PENDING"),
            "SK", AttributeValue.fromS("#"));

    private final PaymentFixture f = PaymentFixture.get();

    /** The partition of every Query the reconciler's own client sends. */
    private static final class QueriedPartitions implements ExecutionInterceptor {
        final ConcurrentLinkedQueue<String> partitions = new ConcurrentLinkedQueue<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof QueryRequest q && q.expressionAttributeValues().containsKey(":pk")) {
                partitions.add(q.expressionAttributeValues().get(":pk").s());
            }
        }

        List<String> takeIndexReads() {
            List<String> reads = partitions.stream().filter(p -> p.startsWith("PAYMENTS#PENDING#")).toList();
            partitions.clear();
            return reads;
        }
    }

    private PaymentRepositories reposOn(QueriedPartitions recorder) {
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)).build();
        return DynamoPaymentRepositories.on(dynamo, f.tables, f.clock);
    }

    private PaymentReconciler reconcilerOn(QueriedPartitions recorder) {
        return new PaymentReconciler(reposOn(recorder), f.adapters, f.credentials, f.settlement, f.paybill, f.alertPublisher,
                new DynamoAlertRepository(f.dynamo, f.tables.entityTable()), Duration.ofMinutes(3), f.clock);
    }

    /** As if this deploy had not happened yet: no move recorded. */
    @BeforeEach
    void beforeTheMove() {
        f.dynamo.deleteItem(b -> b.tableName(f.tables.entityTable()).key(MOVE_RECORD));
    }

    private String buy(Tenant t, PaymentProvider provider, String phone) {
        return f.purchases.start(t.portalId(), new PurchaseService.PurchaseForm(t.plan().id(), phone, provider.slug(),
                "customer@example.com", null, null), PaymentFixture.LOCAL_REQUESTER).paymentId();
    }

    /** A purchase stored as the code before the shards stored it: under the hour bucket of its creation. */
    private String buyTheOldWay(Tenant t, PaymentProvider provider, String phone) {
        String id = buy(t, provider, phone);
        Payment p = f.repos.payments().get(t.id(), id);
        f.dynamo.updateItem(b -> b.tableName(f.tables.entityTable())
                .key(Map.of("PK", AttributeValue.fromS("RESELLER#" + t.id()), "SK", AttributeValue.fromS("PAYMENT#" + id)))
                .updateExpression("SET GSI2PK = :bucket")
                .expressionAttributeValues(Map.of(":bucket", AttributeValue.fromS("PAYMENTS#PENDING#"
                        + p.createdAt().toString().substring(0, 13)))));
        return id;
    }

    private List<String> listedIds() {
        Instant now = f.clock.instant();
        return f.repos.payments().pendingCreatedBetween(now.minus(Duration.ofDays(7)), now.plusSeconds(1)).stream()
                .map(p -> p.payment().id()).toList();
    }

    private PaymentStatus status(Tenant t, String id) {
        return f.repos.payments().get(t.id(), id).status();
    }

    @Test
    void paymentsStoredUnderHourBucketsAreFoundAndMovedAndOnceTheMoveIsCompleteOnlyTheShardsAreRead() {
        Tenant t = f.kenyanTenant();
        String paidLostCallback = buyTheOldWay(t, PaymentProvider.MPESA, "+254744000001");
        Callback lost = f.simulator.pay(f.referenceOf(t, paidLostCallback));
        String unpaid = buyTheOldWay(t, PaymentProvider.MPESA, "+254744000002");
        assertTrue(listedIds().stream().noneMatch(id -> id.equals(paidLostCallback) || id.equals(unpaid)),
                "under the hour buckets, not yet in the shards");
        f.clock.advance(Duration.ofMinutes(4));
        QueriedPartitions queried = new QueriedPartitions();
        PaymentReconciler reconciler = reconcilerOn(queried);

        reconciler.run();

        assertEquals(PaymentStatus.SUCCEEDED, status(t, paidLostCallback), "found through the move and granted");
        assertEquals(PaymentStatus.PENDING, status(t, unpaid));
        assertTrue(listedIds().contains(unpaid), "moved to its shard");
        PendingPayment waiting = f.repos.payments().pendingCreatedBetween(f.clock.instant().minus(Duration.ofDays(7)),
                f.clock.instant()).stream().filter(p -> p.payment().id().equals(unpaid)).findFirst().orElseThrow();
        assertTrue(waiting.nextCheckAt().isPresent(), "asked about, and its next check kept on the moved payment");
        List<String> firstRun = queried.takeIndexReads();
        assertTrue(firstRun.size() > 7 * 24, "a week of hour buckets read once, and the shards: " + firstRun.size());

        // An old function version still running during the deploy stores a payment the old way.
        f.clock.advance(Duration.ofMinutes(30));
        String duringDeploy = buyTheOldWay(t, PaymentProvider.MPESA, "+254744000003");
        f.simulator.pay(f.referenceOf(t, duringDeploy));
        f.clock.advance(Duration.ofMinutes(4));
        reconciler.run();
        assertEquals(PaymentStatus.SUCCEEDED, status(t, duringDeploy), "found in an hour bucket still open");
        List<String> duringTheWindow = queried.takeIndexReads();
        assertTrue(duringTheWindow.size() <= 16 + 2, "only the buckets still open besides the shards: " + duringTheWindow);

        f.clock.advance(HourBucketMove.DEPLOY_WINDOW.plus(Duration.ofHours(1)).plus(HourBucketMove.WRITES_SETTLE));
        reconciler.run();
        queried.takeIndexReads();
        reconciler.run();

        List<String> afterTheMove = queried.takeIndexReads();
        assertEquals(16, afterTheMove.size(), "one range Query per shard, no hour bucket: " + afterTheMove);
        assertTrue(afterTheMove.stream().allMatch(p -> p.matches("PAYMENTS#PENDING#\\d+")), afterTheMove.toString());
        assertEquals(200, lost.deliver().status(), "the late callback changes nothing");
        assertEquals(1, f.messages("NotificationsQueue", paidLostCallback + "-SMS").size(), "granted once");
    }

    @Test
    void twoReconcilersMovingAtOnceMoveEachPaymentOnce() throws Exception {
        Tenant t = f.kenyanTenant();
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            stored.add(buyTheOldWay(t, PaymentProvider.MPESA, String.format("+2547450%05d", i)));
            f.clock.advance(Duration.ofMinutes(10));
        }
        f.clock.advance(Duration.ofHours(2));
        List<HourBucketMove> movers = List.of(new HourBucketMove(reposOn(new QueriedPartitions()).payments(),
                        PaymentReconciler.LOOK_BACK, f.clock),
                new HourBucketMove(reposOn(new QueriedPartitions()).payments(), PaymentReconciler.LOOK_BACK, f.clock));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<PendingPayment>>> runs = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (HourBucketMove mover : movers) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return mover.continueMove(Instant.MAX);
                }));
            }
            start.countDown();
        }

        List<String> moved = new ArrayList<>();
        for (Future<List<PendingPayment>> run : runs) {
            run.get().forEach(p -> moved.add(p.payment().id()));
        }
        assertEquals(moved.size(), new HashSet<>(moved).size(), "no payment moved twice: " + moved);
        assertEquals(Set.copyOf(stored), Set.copyOf(moved), "every one moved");
        assertTrue(listedIds().containsAll(stored), "every one in its shard");
    }
}
