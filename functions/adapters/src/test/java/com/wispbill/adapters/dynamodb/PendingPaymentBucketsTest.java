package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.repository.PendingPayment;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The reconciler's listing of PENDING payments reads a week of hour buckets: side by side, with every
 * payment of every bucket in creation order.
 */
class PendingPaymentBucketsTest extends StoreTestSupport {

    /** The shared client; records how many queries run at once and holds the first ones until several are in. */
    private static final class QueriesInFlight implements DynamoDbClient {
        private final DynamoDbClient delegate = LocalDynamoDb.client();
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();
        private final CountDownLatch twoStarted = new CountDownLatch(2);

        @Override
        public QueryResponse query(QueryRequest request) {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            twoStarted.countDown();
            try {
                // Sequential reads never get a second one in: the latch then just lets the first go on.
                twoStarted.await(2, TimeUnit.SECONDS);
                return delegate.query(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public String serviceName() {
            return delegate.serviceName();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aWeekOfBucketsIsReadSideBySideAndEveryPendingPaymentIsListedInOrder() {
        Plan daily = plan(A, "plan-daily").build();
        store.plans().create(daily);
        Instant listedAt = START.plus(Duration.ofDays(7));
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clock.set(START.plus(Duration.ofHours(8L * i)).plusSeconds(i));
            Payment p = Payment.forVoucher(A, "+254712345678", daily, PaymentProvider.MPESA, "router-1", clock);
            store.payments().create(p);
            created.add(p.id());
        }

        QueriesInFlight client = new QueriesInFlight();
        List<PendingPayment> listed = new DynamoPaymentRepository(client, tables).pendingCreatedBetween(START, listedAt);

        assertEquals(created, listed.stream().map(p -> p.payment().id()).toList());
        assertTrue(client.most.get() > 1, "hour buckets read one after the other: " + client.most.get() + " at once");
        assertTrue(client.most.get() <= DynamoPaymentRepository.PENDING_BUCKETS_IN_FLIGHT, client.most.get() + " at once");
    }
}
