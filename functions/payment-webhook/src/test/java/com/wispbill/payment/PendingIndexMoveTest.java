package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import com.wispbill.domain.Ids;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.metrics.Metric;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
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

    /**
     * Refuses every Query of a former hour bucket while {@code denied}, as DynamoDB does when the function's role
     * lacks the permission (the same path as throttling that outlasts the retries: the step throws).
     */
    private static final class DeniedHourBuckets implements ExecutionInterceptor {
        volatile boolean denied = true;

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (denied && context.request() instanceof QueryRequest q && q.expressionAttributeValues().containsKey(":pk")
                    && q.expressionAttributeValues().get(":pk").s().matches("PAYMENTS#PENDING#\\d{4}-.*")) {
                throw DynamoDbException.builder().statusCode(400).message("not authorized to perform dynamodb:Query")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                                .errorMessage("not authorized to perform dynamodb:Query").build()).build();
            }
        }
    }

    private PaymentRepositories reposOn(ExecutionInterceptor interceptor) {
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(interceptor)).build();
        return DynamoPaymentRepositories.on(dynamo, f.tables, f.clock);
    }

    private PaymentReconciler reconcilerOn(ExecutionInterceptor interceptor) {
        return reconcilerOn(interceptor, "$LATEST");
    }

    /** The reconciler as the function version {@code codeVersion} runs it. */
    private PaymentReconciler reconcilerOn(ExecutionInterceptor interceptor, String codeVersion) {
        return new PaymentReconciler(reposOn(interceptor), f.adapters, f.credentials, f.settlement, f.paybill, f.alertPublisher,
                openAlerts(), Duration.ofMinutes(3), codeVersion, f.clock);
    }

    private DynamoAlertRepository openAlerts() {
        return new DynamoAlertRepository(f.dynamo, f.tables.entityTable());
    }

    /** What the notifier does with a published alert: keeps it open under its key. */
    private void keptOpen(String key) {
        openAlerts().apply(new Alert(Ids.newId(f.clock), Optional.empty(), key, Alert.Severity.WARNING, false, key, "",
                f.clock.instant()));
    }

    private List<String> alertMessages(String key, boolean resolved) {
        return f.messages("NotificationsQueue", "\"" + key + "\"").stream()
                .filter(m -> m.contains("\"resolved\":true") == resolved).toList();
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

    /**
     * Runs {@code reconciler} through {@code period} as its schedule does (every 2 minutes; 10 minutes apart is
     * within the move's idle gap and keeps the test short).
     */
    private void runThrough(PaymentReconciler reconciler, Duration period) {
        Instant end = f.clock.instant().plus(period);
        while (f.clock.instant().isBefore(end)) {
            f.clock.advance(Duration.ofMinutes(10));
            reconciler.run();
        }
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
        runThrough(reconciler, Duration.ofMinutes(30));
        queried.takeIndexReads();
        String duringDeploy = buyTheOldWay(t, PaymentProvider.MPESA, "+254744000003");
        f.simulator.pay(f.referenceOf(t, duringDeploy));
        f.clock.advance(Duration.ofMinutes(4));
        reconciler.run();
        assertEquals(PaymentStatus.SUCCEEDED, status(t, duringDeploy), "found in an hour bucket still open");
        List<String> duringTheWindow = queried.takeIndexReads();
        assertTrue(duringTheWindow.size() <= 16 + 2, "only the buckets still open besides the shards: " + duringTheWindow);

        runThrough(reconciler, HourBucketMove.DEPLOY_WINDOW.plus(Duration.ofHours(1)).plus(HourBucketMove.WRITES_SETTLE));
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
                        PaymentReconciler.LOOK_BACK, "$LATEST", f.clock),
                new HourBucketMove(reposOn(new QueriedPartitions()).payments(), PaymentReconciler.LOOK_BACK, "$LATEST", f.clock));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<PendingPayment>>> runs = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (HourBucketMove mover : movers) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return mover.continueMove(Instant.MAX).moved();
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

    @Test
    void aDeployRolledBackAfterItsMoveLeavesPaymentsInHourBucketsThatTheNextDeployMovesAndGrants() {
        Tenant t = f.kenyanTenant();
        QueriedPartitions queried = new QueriedPartitions();
        PaymentReconciler rolledBack = reconcilerOn(queried, "6");
        runThrough(rolledBack, HourBucketMove.DEPLOY_WINDOW.plus(Duration.ofHours(1)).plus(HourBucketMove.WRITES_SETTLE));
        queried.takeIndexReads();
        rolledBack.run();
        assertEquals(16, queried.takeIndexReads().size(), "version 6 completed its pass");

        // CloudFormation rolls back: the code before the shards runs again and stores payments the old way, after
        // the pass's last hour; the next deploy follows within minutes (no gap in the runs to show it).
        f.clock.advance(Duration.ofMinutes(5));
        String paidLostCallback = buyTheOldWay(t, PaymentProvider.MPESA, "+254746000001");
        f.simulator.pay(f.referenceOf(t, paidLostCallback));
        String unpaid = buyTheOldWay(t, PaymentProvider.MPESA, "+254746000002");
        f.clock.advance(Duration.ofMinutes(4));

        // The next deploy: a new published version.
        PaymentReconciler.Report report = reconcilerOn(queried, "7").run();

        assertEquals(PaymentStatus.SUCCEEDED, status(t, paidLostCallback), "found in its hour bucket and granted");
        assertEquals(PaymentStatus.PENDING, status(t, unpaid));
        assertTrue(listedIds().contains(unpaid), "moved to its shard");
        assertTrue(queried.takeIndexReads().size() > 7 * 24, "a fresh pass reads the week's hour buckets again");
        assertFalse(report.indexMoveComplete(), "the buckets of the deploy window are still open");
    }

    @Test
    void aMoveThatKeepsFailingIsReportedHoldsTheBacklogAlertOpenAndIsAlertedUntilItCompletes() {
        // Past the look-back of every payment other tests left pending: none of theirs is listed or old.
        f.clock.advance(PaymentReconciler.LOOK_BACK.plusDays(1));
        Tenant t = f.kenyanTenant();
        String paidLostCallback = buyTheOldWay(t, PaymentProvider.MPESA, "+254747000001");
        f.simulator.pay(f.referenceOf(t, paidLostCallback));
        f.clock.advance(PaymentReconciler.BACKLOG_ALERT_AFTER.plusHours(1));
        keptOpen(PaymentReconciler.BACKLOG_ALERT_KEY);
        int backlogResolved = alertMessages(PaymentReconciler.BACKLOG_ALERT_KEY, true).size();
        DeniedHourBuckets denied = new DeniedHourBuckets();
        PaymentReconciler reconciler = reconcilerOn(denied);

        PaymentReconciler.Report failing = reconciler.run();

        assertTrue(failing.indexMoveFailure().orElse("").contains("not authorized"), failing.toString());
        assertFalse(failing.indexMoveComplete());
        assertEquals(PaymentStatus.PENDING, status(t, paidLostCallback), "not reached");
        assertEquals(backlogResolved, alertMessages(PaymentReconciler.BACKLOG_ALERT_KEY, true).size(),
                "no old payment seen proves nothing while the hour buckets are unread: the backlog alert stays open");
        assertEquals(List.of(), alertMessages(PaymentReconciler.INDEX_MOVE_ALERT_KEY, false), "not yet overdue");

        runThrough(reconciler, PaymentReconciler.INDEX_MOVE_ALERT_AFTER.minusMinutes(10));
        assertEquals(List.of(), alertMessages(PaymentReconciler.INDEX_MOVE_ALERT_KEY, false), "still not overdue");
        f.clock.advance(Duration.ofMinutes(11));
        Map<Metric, Long> figures = new ConcurrentHashMap<>();
        new PaymentReconcilerHandler(reconciler, (metric, value, dimensions) -> figures.merge(metric, value, Long::sum)).run(null);
        assertEquals(1L, figures.get(Metric.PENDING_INDEX_MOVE_FAILURES), "the failed step as a metric: " + figures);
        List<String> raised = alertMessages(PaymentReconciler.INDEX_MOVE_ALERT_KEY, false);
        assertEquals(1, raised.size(), "raised once the move is overdue: " + raised);
        assertTrue(raised.getFirst().contains("not authorized"), raised.getFirst());
        keptOpen(PaymentReconciler.INDEX_MOVE_ALERT_KEY);

        denied.denied = false;
        f.clock.advance(Duration.ofMinutes(2));
        PaymentReconciler.Report recovered = reconciler.run();

        assertEquals(Optional.empty(), recovered.indexMoveFailure());
        assertTrue(recovered.indexMoveComplete(), recovered.toString());
        assertEquals(PaymentStatus.SUCCEEDED, status(t, paidLostCallback), "moved and granted");
        assertEquals(1, alertMessages(PaymentReconciler.INDEX_MOVE_ALERT_KEY, true).size(), "resolved");
        assertTrue(alertMessages(PaymentReconciler.BACKLOG_ALERT_KEY, false).stream().anyMatch(m -> m.contains(paidLostCallback)),
                "once listed, the old payment is named by the backlog alert");
        assertEquals(backlogResolved, alertMessages(PaymentReconciler.BACKLOG_ALERT_KEY, true).size());
    }

    @Test
    void aDeployRolledBackAndDeployedAgainUnchangedRunsItsVersionAgainAndTheGapInItsRunsStartsAFreshPass() {
        Tenant t = f.kenyanTenant();
        QueriedPartitions queried = new QueriedPartitions();
        PaymentReconciler version6 = reconcilerOn(queried, "6");
        version6.run();
        runThrough(version6, HourBucketMove.DEPLOY_WINDOW.plus(Duration.ofHours(1)).plus(HourBucketMove.WRITES_SETTLE));
        queried.takeIndexReads();
        version6.run();
        assertEquals(16, queried.takeIndexReads().size(), "version 6 completed its pass");

        // Rolled back: the code before the shards runs for a while and stores a payment the old way. Deployed
        // again without a change, the function's version is 6 again (Lambda publishes no new version).
        f.clock.advance(HourBucketMove.IDLE_GAP.plusMinutes(10));
        String paidLostCallback = buyTheOldWay(t, PaymentProvider.MPESA, "+254748000001");
        f.simulator.pay(f.referenceOf(t, paidLostCallback));
        f.clock.advance(Duration.ofMinutes(4));

        version6.run();

        assertEquals(PaymentStatus.SUCCEEDED, status(t, paidLostCallback), "found in its hour bucket and granted");
        assertTrue(queried.takeIndexReads().size() > 7 * 24, "a fresh pass reads the week's hour buckets again");
        version6.run();
        assertTrue(queried.takeIndexReads().size() <= 16 + 3, "runs close together go on with that pass");
    }
}
