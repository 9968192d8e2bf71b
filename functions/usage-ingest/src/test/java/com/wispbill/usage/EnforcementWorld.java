package com.wispbill.usage;

import com.wispbill.testing.FaultyDynamoDb;

import com.wispbill.testing.MutableClock;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.adapters.sqs.SqsNotificationQueue;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.domain.Customer;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionKind;
import com.wispbill.domain.Voucher;
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

/**
 * The embedded stack (DynamoDB Local, ElasticMQ) with the tables and queues of template.yaml, a
 * store over it whose transactions can be made to fail, and helpers to set up resellers, plans,
 * subscriptions and vouchers and to read what the functions queued.
 */
final class EnforcementWorld implements AutoCloseable {
    static final Instant T0 = Instant.parse("2030-11-22T09:00:00Z");

    final EmbeddedStack stack;
    final MutableClock clock = new MutableClock(T0);
    final FaultyDynamoDb dynamoDb;
    final DynamoStore store;
    final SqsClient sqs;
    final String routerCommandsUrl;
    final String notificationsUrl;
    final SqsRouterCommandQueue routerCommands;
    final SqsNotificationQueue notifications;

    private EnforcementWorld(EmbeddedStack stack) {
        this.stack = stack;
        this.dynamoDb = new FaultyDynamoDb(AwsClients.newDynamoDbClient());
        this.store = new DynamoStore(dynamoDb, new TableNames(stack.resources().tableName("EntityTable"),
                stack.resources().tableName("UsageTable")), clock);
        this.sqs = AwsClients.newSqsClient();
        this.routerCommandsUrl = stack.resources().queueUrl("RouterCommandsQueue");
        this.notificationsUrl = stack.resources().queueUrl("NotificationsQueue");
        this.routerCommands = new SqsRouterCommandQueue(sqs, routerCommandsUrl);
        this.notifications = new SqsNotificationQueue(sqs, notificationsUrl);
    }

    /** The stack with no function wired: tests call the handlers themselves. */
    static EnforcementWorld start() {
        return new EnforcementWorld(EmbeddedStack.start(EmbeddedStack.options().onlyFunctions()
                .sqsPollingEnabled(false).schedulesEnabled(false)));
    }

    UsageIngestHandler handler() {
        return new UsageIngestHandler(store, routerCommands, notifications, clock);
    }

    Reseller reseller(String zone) {
        Reseller reseller = Reseller.create("WISP " + zone, ZoneId.of(zone), Currency.getInstance("KES"), clock);
        store.resellers().create(reseller);
        return reseller;
    }

    Plan plan(Reseller reseller, UnaryOperator<Plan.Builder> settings) {
        Plan plan = settings.apply(Plan.builder().newId(clock).resellerId(reseller.id()).name("Monthly")
                .price(Money.of(100_000, "KES")).validity(Duration.ofDays(30))).build();
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

    /** A provisioned (ACTIVE) voucher, as after the router driver created its hotspot user. */
    Voucher voucher(Reseller reseller, Plan plan, String code, String routerId) {
        Voucher voucher = Voucher.create(code, reseller.id(), "batch-1", plan.id(), routerId, clock);
        WriteTransaction tx = store.begin();
        store.vouchers().insert(voucher, tx);
        tx.commit();
        Voucher active = voucher.provisioned();
        store.vouchers().transition(voucher, active);
        return active;
    }

    /** An event file from events/, its samples moved to {@code resellerId} (the files say "rs-a"/"rs-b"). */
    static SQSEvent event(String file, String resellerA, String resellerB) {
        SQSEvent event = EventLoader.loadSQSEvent("../../events/" + file);
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            m.setBody(m.getBody().replace("\"resellerId\":\"rs-a\"", "\"resellerId\":\"" + resellerA + "\"")
                    .replace("\"resellerId\":\"rs-b\"", "\"resellerId\":\"" + resellerB + "\""));
        }
        return event;
    }

    /** Only the messages with these ids, as SQS redelivers the failed part of a batch. */
    static SQSEvent only(SQSEvent event, List<String> messageIds) {
        SQSEvent subset = new SQSEvent();
        subset.setRecords(event.getRecords().stream().filter(m -> messageIds.contains(m.getMessageId())).toList());
        return subset;
    }

    List<RouterCommandEnvelope> takeRouterCommands() {
        return take(routerCommandsUrl).stream().map(m -> MessageCodec.decodeRouterCommand(m.body())).toList();
    }

    List<SmsRequest> takeSms() {
        return take(notificationsUrl).stream().map(m -> MessageCodec.decodeSms(m.body())).toList();
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
