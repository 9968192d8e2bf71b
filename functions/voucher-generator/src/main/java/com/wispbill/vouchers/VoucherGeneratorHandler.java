package com.wispbill.vouchers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.SqsBatchHandler;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.adapters.messages.MalformedMessageException;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import com.wispbill.domain.messages.VoucherBatchOrder;
import com.wispbill.domain.messages.VoucherBatchQueue;
import com.wispbill.domain.metrics.Metric;
import com.wispbill.domain.metrics.OperationalMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer of {@code voucher-batches} (BatchSize 1, partial batch responses). Decodes each order and
 * hands it to {@link VoucherBatchGenerator}. A malformed order is reported as failed so it ends in the
 * DLQ for an operator; an exception (throttling, a queue outage) is reported as failed so SQS
 * redelivers it and the generator resumes from the stored progress. When the invocation runs short of
 * time the generator checkpoints and the order is queued again, so a batch never depends on one
 * invocation finishing.
 */
public final class VoucherGeneratorHandler extends SqsBatchHandler {
    /** Time left at which a run checkpoints: the parts in flight (up to eight of 99 vouchers) take seconds, not a minute. */
    static final Duration DEFAULT_CHECKPOINT_MARGIN = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(VoucherGeneratorHandler.class);

    private final VoucherBatchGenerator generator;
    private final VoucherBatchQueue orders;
    private final Duration checkpointMargin;
    private final OperationalMetrics metrics;

    /** What Lambda calls: clients and tables from the environment, built once per execution environment. */
    public VoucherGeneratorHandler() {
        this(VoucherGeneratorWiring.fromEnvironment());
        SnapStartPriming.register(VoucherGeneratorHandler.class);
    }

    private VoucherGeneratorHandler(VoucherGeneratorWiring wiring) {
        this(wiring.generator(), wiring.orders(), DEFAULT_CHECKPOINT_MARGIN, wiring.metrics());
    }

    public VoucherGeneratorHandler(VoucherBatchGenerator generator, VoucherBatchQueue orders, Duration checkpointMargin) {
        this(generator, orders, checkpointMargin, OperationalMetrics.DISCARD);
    }

    public VoucherGeneratorHandler(VoucherBatchGenerator generator, VoucherBatchQueue orders, Duration checkpointMargin,
                                   OperationalMetrics metrics) {
        this.metrics = metrics;
        this.generator = generator;
        this.orders = orders;
        this.checkpointMargin = checkpointMargin;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        GenerationBudget budget = () -> context.getRemainingTimeInMillis() < checkpointMargin.toMillis();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (!handle(message, budget)) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** True if the message is done with (processed or nothing to do), false to leave it on the queue. */
    private boolean handle(SQSEvent.SQSMessage message, GenerationBudget budget) {
        CorrelationId.adopt(message);
        VoucherBatchOrder order;
        try {
            order = MessageCodec.decodeVoucherBatchOrder(message.getBody());
        } catch (MalformedMessageException e) {
            LOG.error("malformed voucher batch order {}, left for the DLQ: {}", message.getMessageId(), e.getMessage());
            return false;
        }
        try {
            GenerationOutcome outcome = generator.generate(order, budget);
            GenerationOutcome.Stats stats = outcome.stats();
            LOG.info("voucher batch {} of reseller {}: {} ({}); stored {}, collisions {}, commands {}",
                    order.batchId(), order.resellerId(), outcome.kind(), outcome.detail(), stats.vouchersStored(),
                    stats.collisions(), stats.commandsQueued());
            metrics.record(Metric.VOUCHERS_GENERATED, stats.vouchersStored());
            if (outcome.needsRequeue()) {
                orders.send(order);
            }
            return true;
        } catch (RuntimeException e) {
            LOG.error("voucher batch {} of reseller {} failed, will be retried", order.batchId(), order.resellerId(), e);
            return false;
        }
    }
}
