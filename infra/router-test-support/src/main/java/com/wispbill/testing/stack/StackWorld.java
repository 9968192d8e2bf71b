package com.wispbill.testing.stack;

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
import com.wispbill.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The world of the enforcement tests (expiry sweeper, usage ingest): the embedded stack's tables and
 * queues with no function wired (tests call the handlers themselves), a store over them on a clock the
 * test moves, helpers to set up resellers, plans and subscriptions, and to take what was queued.
 * A module's world extends it with its handler and its own helpers.
 */
public class StackWorld implements AutoCloseable {
    public final EmbeddedStack stack;
    public final MutableClock clock;
    public final DynamoStore store;
    public final SqsClient sqs;
    public final String routerCommandsUrl;
    public final String notificationsUrl;
    public final SqsRouterCommandQueue routerCommands;
    public final SqsNotificationQueue notifications;
    private final Money planPrice;
    private final String planName;

    /**
     * @param dynamoDb  the client the store uses (the stack's, or one wrapped to inject faults)
     * @param planPrice the price of {@link #plan} plans, in the currency of {@link #reseller} resellers
     */
    protected StackWorld(EmbeddedStack stack, MutableClock clock, DynamoDbClient dynamoDb, Money planPrice,
                         String planName) {
        this.stack = stack;
        this.clock = clock;
        this.store = new DynamoStore(dynamoDb, new TableNames(stack.resources().tableName("EntityTable"),
                stack.resources().tableName("UsageTable")), clock);
        this.sqs = AwsClients.newSqsClient();
        this.routerCommandsUrl = stack.resources().queueUrl("RouterCommandsQueue");
        this.notificationsUrl = stack.resources().queueUrl("NotificationsQueue");
        this.routerCommands = new SqsRouterCommandQueue(sqs, routerCommandsUrl);
        this.notifications = new SqsNotificationQueue(sqs, notificationsUrl);
        this.planPrice = planPrice;
        this.planName = planName;
    }

    /** The stack with no function wired, no queue polling and no schedules. */
    protected static EmbeddedStack startStack() {
        return EmbeddedStack.start(EmbeddedStack.options().onlyFunctions().sqsPollingEnabled(false).schedulesEnabled(false));
    }

    public Reseller reseller(String zone) {
        Reseller reseller = Reseller.create("WISP " + zone, ZoneId.of(zone), planPrice.currency(), clock);
        store.resellers().create(reseller);
        return reseller;
    }

    public Plan plan(Reseller reseller, UnaryOperator<Plan.Builder> settings) {
        Plan plan = settings.apply(Plan.builder().newId(clock).resellerId(reseller.id()).name(planName)
                .price(planPrice).validity(Duration.ofDays(30))).build();
        store.plans().create(plan);
        return plan;
    }

    /** A customer with {@code phone} and an ACTIVE hotspot subscription of {@code plan} on {@code routerId}. */
    public Subscription subscribe(Reseller reseller, Plan plan, String username, String routerId, String phone) {
        Customer customer = Customer.create(reseller.id(), phone, "Customer " + username, clock);
        store.customers().create(customer);
        Subscription subscription = Subscription.start(reseller.id(), customer.id(), plan, routerId,
                SubscriptionKind.HOTSPOT, username, reseller.calendar(), clock);
        store.subscriptions().create(subscription);
        return subscription;
    }

    /** Every router command queued (taken off the queue). */
    public List<RouterCommandEnvelope> takeRouterCommands() {
        return take(routerCommandsUrl).stream()
                .flatMap(m -> MessageCodec.decodeRouterCommands(m.body()).commands().stream()).toList();
    }

    /** Router commands queued for {@code resellerId} (others' are taken off the queue too). */
    public List<RouterCommandEnvelope> takeRouterCommands(String resellerId) {
        return takeRouterCommands().stream().filter(c -> c.resellerId().equals(resellerId)).toList();
    }

    /** Every SMS queued (taken off the queue). */
    public List<SmsRequest> takeSms() {
        return take(notificationsUrl).stream().map(m -> MessageCodec.decodeSms(m.body())).toList();
    }

    /** SMS queued for {@code resellerId} (others' are taken off the queue too). */
    public List<SmsRequest> takeSms(String resellerId) {
        return takeSms().stream().filter(s -> s.resellerId().equals(resellerId)).toList();
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
