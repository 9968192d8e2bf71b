package com.wispbill.expiry;

import com.wispbill.testing.MutableClock;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.sqs.SqsNotificationQueue;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.domain.Customer;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionKind;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.local.stack.EmbeddedStack;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The embedded stack's tables and queues, a store on an injected clock, and set-up helpers. */
final class SweeperWorld implements AutoCloseable {
    final EmbeddedStack stack;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
    final DynamoStore store;
    final SqsClient sqs;
    final String routerCommandsUrl;
    final String notificationsUrl;
    final SqsRouterCommandQueue routerCommands;
    final SqsNotificationQueue notifications;

    private SweeperWorld(EmbeddedStack stack) {
        this.stack = stack;
        this.store = new DynamoStore(AwsClients.newDynamoDbClient(), new TableNames(stack.resources().tableName("EntityTable"),
                stack.resources().tableName("UsageTable")), clock);
        this.sqs = AwsClients.newSqsClient();
        this.routerCommandsUrl = stack.resources().queueUrl("RouterCommandsQueue");
        this.notificationsUrl = stack.resources().queueUrl("NotificationsQueue");
        this.routerCommands = new SqsRouterCommandQueue(sqs, routerCommandsUrl);
        this.notifications = new SqsNotificationQueue(sqs, notificationsUrl);
    }

    /** The stack with no function wired: tests call the handler themselves. */
    static SweeperWorld start() {
        return new SweeperWorld(EmbeddedStack.start(EmbeddedStack.options().onlyFunctions()
                .sqsPollingEnabled(false).schedulesEnabled(false)));
    }

    ExpirySweeperHandler handler() {
        return new ExpirySweeperHandler(store, routerCommands, notifications, clock);
    }

    /** What EventBridge delivers every minute (events/expiry-sweeper-scheduled.json). */
    static ScheduledEvent scheduledEvent() {
        return EventLoader.loadScheduledEvent("../../events/expiry-sweeper-scheduled.json");
    }

    Reseller reseller(String zone) {
        Reseller reseller = Reseller.create("WISP " + zone, ZoneId.of(zone), Currency.getInstance("EUR"), clock);
        store.resellers().create(reseller);
        return reseller;
    }

    Plan plan(Reseller reseller, UnaryOperator<Plan.Builder> settings) {
        Plan plan = settings.apply(Plan.builder().newId(clock).resellerId(reseller.id()).name("Weekend")
                .price(Money.of(500, "EUR")).validity(Duration.ofDays(30))).build();
        store.plans().create(plan);
        return plan;
    }

    Subscription subscribe(Reseller reseller, Plan plan, String username, String routerId, String phone) {
        Customer customer = Customer.create(reseller.id(), phone, "Customer " + username, clock);
        store.customers().create(customer);
        Subscription subscription = Subscription.start(reseller.id(), customer.id(), plan, routerId,
                SubscriptionKind.HOTSPOT, username, reseller.calendar(), clock);
        store.subscriptions().create(subscription);
        return subscription;
    }

    /** Commands queued for {@code resellerId} (others' are taken off the queue too). */
    List<RouterCommandEnvelope> takeRouterCommands(String resellerId) {
        return take(routerCommandsUrl).stream().map(m -> MessageCodec.decodeRouterCommand(m.body()))
                .filter(c -> c.resellerId().equals(resellerId)).toList();
    }

    List<SmsRequest> takeSms(String resellerId) {
        return take(notificationsUrl).stream().map(m -> MessageCodec.decodeSms(m.body()))
                .filter(s -> s.resellerId().equals(resellerId)).toList();
    }

    private List<Message> take(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        }
    }

    @Override
    public void close() {
        stack.close();
    }
}
