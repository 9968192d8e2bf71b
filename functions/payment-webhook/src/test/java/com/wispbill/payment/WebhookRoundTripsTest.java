package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.local.providers.Callback;
import com.wispbill.payment.PaymentFixture.Tenant;
import com.wispbill.payment.provider.WebhookRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sequential AWS round trips of one callback, counted on the webhook's own clients (every DynamoDB and
 * SQS call, overlapping calls as one): a first delivery reads in two BatchGetItems, grants in one
 * transaction, sends the router commands and the SMS side by side and deletes the outbox in one batch.
 */
class WebhookRoundTripsTest {
    private final PaymentFixture f = PaymentFixture.get();

    @Test
    void aFirstDeliveryTakesAtMostFiveSequentialRoundTripsAndARedeliveryTwo() {
        for (PaymentProvider provider : List.of(PaymentProvider.PAYSTACK, PaymentProvider.MPESA)) {
            Tenant t = f.kenyanTenant();
            String paymentId = f.startPurchase(t, provider, "+254712000" + (provider == PaymentProvider.MPESA ? "601" : "602"));
            Callback callback = f.simulator.pay(f.referenceOf(t, paymentId));
            RoundTripRecorder recorder = new RoundTripRecorder();
            WebhookProcessor webhook = f.recordedWebhook(recorder);
            f.credentials.find(t.id(), provider); // the secret is cached per instance: not what is counted here

            assertEquals(200, webhook.handle(provider.slug(), t.token(provider), new WebhookRequest(callback.headers(), callback.body())).status());

            assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), paymentId).status());
            assertTrue(recorder.sequentialRoundTrips() <= 5, provider + ": " + recorder.sequentialRoundTrips()
                    + " sequential round trips: " + recorder.describe());
            assertEquals(1, f.messages("NotificationsQueue", paymentId + "-SMS").size(), "the SMS was sent");
            assertEquals(1, f.messages("RouterCommandsQueue", paymentId + "-RC").size(), "the router command was sent");
            assertTrue(recorder.describe().contains("DynamoDb.BatchWriteItem"), recorder.describe().toString());
            assertEquals(List.of(), f.repos.outbox().pendingBefore(f.clock.instant().plus(Duration.ofDays(1)), 100_000).stream()
                    .filter(m -> m.id().startsWith(paymentId)).toList(), "the outbox was emptied");

            recorder.clear();
            assertEquals(200, webhook.handle(provider.slug(), t.token(provider), new WebhookRequest(callback.headers(), callback.body())).status());
            assertTrue(recorder.sequentialRoundTrips() <= 2, provider + " redelivery: " + recorder.describe());
        }
    }
}
