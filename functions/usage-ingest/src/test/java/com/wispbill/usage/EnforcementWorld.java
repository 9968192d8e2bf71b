package com.wispbill.usage;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Voucher;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.testing.FaultyDynamoDb;
import com.wispbill.testing.MutableClock;
import com.wispbill.testing.stack.StackWorld;
import java.time.Instant;
import java.util.List;

/**
 * The shared stack world (KES resellers) over a store whose transactions can be made to fail, with
 * usage-ingest's handler, vouchers and the events/ files.
 */
final class EnforcementWorld extends StackWorld {
    static final Instant T0 = Instant.parse("2030-11-22T09:00:00Z");

    final FaultyDynamoDb dynamoDb;

    private EnforcementWorld(EmbeddedStack stack, FaultyDynamoDb dynamoDb) {
        super(stack, new MutableClock(T0), dynamoDb, Money.of(100_000, "KES"), "Monthly");
        this.dynamoDb = dynamoDb;
    }

    /** The stack with no function wired: tests call the handlers themselves. */
    static EnforcementWorld start() {
        EmbeddedStack stack = startStack();
        // The client after the stack: it is what points the SDK at the stack's endpoint.
        return new EnforcementWorld(stack, new FaultyDynamoDb(AwsClients.newDynamoDbClient()));
    }

    /**
     * The stack with only the owner-changes function wired, fed by the entity table's stream as on AWS;
     * it records changes at this world's clock.
     */
    static EnforcementWorld startWithOwnerChanges() {
        OwnerChangesHandler[] recorder = new OwnerChangesHandler[1];
        EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().onlyFunctions("UsageOwnerChangesFunction")
                .sqsPollingEnabled(false).schedulesEnabled(false)
                // A batch delivered before the world exists fails and is retried, as Lambda retries it.
                .handler("UsageOwnerChangesFunction", (RequestHandler<DynamodbEvent, StreamsEventResponse>) (event, context) ->
                        recorder[0].handleRequest(event, context)));
        EnforcementWorld world = new EnforcementWorld(stack, new FaultyDynamoDb(AwsClients.newDynamoDbClient()));
        recorder[0] = new OwnerChangesHandler(world.store.usage(), world.clock);
        return world;
    }

    /**
     * The stack with only the usage flush sweep wired to its schedule (fired by {@code invokeScheduleNow}), sweeping
     * at this world's clock onto the stack's usage-samples queue.
     */
    static EnforcementWorld startWithFlushSweep() {
        UsageFlushSweepHandler[] sweep = new UsageFlushSweepHandler[1];
        EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().onlyFunctions("UsageFlushSweepFunction")
                .sqsPollingEnabled(false).schedulesEnabled(false)
                .handler("UsageFlushSweepFunction", (com.amazonaws.services.lambda.runtime.RequestStreamHandler)
                        (event, answer, context) -> sweep[0].handleRequest(event, answer, context)));
        EnforcementWorld world = new EnforcementWorld(stack, new FaultyDynamoDb(AwsClients.newDynamoDbClient()));
        sweep[0] = new UsageFlushSweepHandler(new UsageFlushSweep(world.store.usage(),
                new com.wispbill.adapters.sqs.SqsUsageSampleQueue(world.sqs, world.usageSamplesUrl()), world.clock));
        return world;
    }

    String usageSamplesUrl() {
        return stack.resources().queueUrl("UsageSamplesQueue");
    }

    /** Write-behind as deployed: counters flushed every 13 minutes, and at once for users near a quota. */
    UsageIngestHandler handlerAsDeployed() {
        return new UsageIngestHandler(store, routerCommands, notifications, clock,
                com.wispbill.domain.metrics.OperationalMetrics.DISCARD, UsageIngestor.WriteBehind.DEFAULT);
    }

    UsageIngestHandler handler() {
        // Counters flushed with every poll: these tests read them after each delivery.
        return new UsageIngestHandler(store, routerCommands, notifications, clock,
                com.wispbill.domain.metrics.OperationalMetrics.DISCARD, UsageIngestor.WriteBehind.EVERY_POLL);
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
}
