package com.wispbill.usage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.SqsBatchHandler;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.adapters.messages.MalformedMessageException;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.messages.NotificationQueue;
import com.wispbill.domain.messages.RouterCommandQueue;
import com.wispbill.domain.messages.RouterUsage;
import com.wispbill.domain.metrics.Metric;
import com.wispbill.domain.metrics.OperationalMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQS consumer of {@code usage-samples}: decodes the batch, hands the router polls (and the flush
 * sweep's jobs, {@link UsageFlushSweep}) to {@link UsageIngestor} and reports the messages whose effects
 * did not commit. A message that does
 * not decode (or cannot be counted safely) is reported failed too, so after the queue's retries it
 * ends in the DLQ instead of being dropped.
 */
public final class UsageIngestHandler extends SqsBatchHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UsageIngestHandler.class);

    private final UsageIngestor ingestor;
    private final OperationalMetrics metrics;

    /** What Lambda calls: clients and tables from the environment, built once per execution environment. */
    public UsageIngestHandler() {
        this(UsageIngestWiring.fromEnvironment());
        SnapStartPriming.register(UsageIngestHandler.class);
    }

    private UsageIngestHandler(UsageIngestWiring wiring) {
        this(wiring.store(), wiring.routerCommands(), wiring.notifications(), wiring.clock(), wiring.metrics());
    }

    public UsageIngestHandler(DynamoStore store, RouterCommandQueue routerCommands, NotificationQueue notifications,
                              Clock clock) {
        this(store, routerCommands, notifications, clock, OperationalMetrics.DISCARD);
    }

    public UsageIngestHandler(DynamoStore store, RouterCommandQueue routerCommands, NotificationQueue notifications,
                              Clock clock, OperationalMetrics metrics) {
        this(store, routerCommands, notifications, clock, metrics, UsageIngestor.WriteBehind.DEFAULT);
    }

    /** With its own write-behind policy (tests that read counters after every poll flush every poll). */
    public UsageIngestHandler(DynamoStore store, RouterCommandQueue routerCommands, NotificationQueue notifications,
                              Clock clock, OperationalMetrics metrics, UsageIngestor.WriteBehind writeBehind) {
        this(new UsageIngestor(store.usage(), store.resellers(), store.plans(), store.subscriptions(), store.vouchers(),
                new QuotaEnforcer(store.subscriptions(), store.vouchers(), store.customers(), routerCommands,
                        notifications, clock), clock, writeBehind), metrics);
    }

    UsageIngestHandler(UsageIngestor ingestor, OperationalMetrics metrics) {
        this.ingestor = ingestor;
        this.metrics = metrics;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<ReceivedUsage> polls = new ArrayList<>();
        Set<String> failed = new LinkedHashSet<>();
        CorrelationId.adopt(event.getRecords());
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                polls.add(new ReceivedUsage(message.getMessageId(), MessageCodec.decodeUsageMessage(message.getBody())));
            } catch (MalformedMessageException | ValidationException e) {
                LOG.warn("poison usage sample " + message.getMessageId() + ": " + e.getMessage());
                failed.add(message.getMessageId());
            }
        }
        int poison = failed.size();
        failed.addAll(ingestor.ingest(polls));
        // Samples are sessions: a poll message carries all of its router's.
        metrics.record(Metric.USAGE_SAMPLES_INGESTED, polls.stream().filter(p -> !failed.contains(p.messageId()))
                .mapToLong(p -> p.message() instanceof RouterUsage poll ? poll.sessions().size() : 0).sum());
        metrics.record(Metric.USAGE_SAMPLES_REJECTED, poison);
        return SQSBatchResponse.builder()
                .withBatchItemFailures(failed.stream().map(id -> new SQSBatchResponse.BatchItemFailure(id)).toList())
                .build();
    }
}
