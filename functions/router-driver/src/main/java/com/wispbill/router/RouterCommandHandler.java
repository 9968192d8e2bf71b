package com.wispbill.router;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.SqsBatchHandler;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.adapters.metrics.EmfMetricLines;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import com.wispbill.domain.metrics.Metric;
import com.wispbill.domain.metrics.OperationalMetrics;
import com.wispbill.router.driver.InboundCommand;
import com.wispbill.router.driver.RouterCommandProcessor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Consumer of {@code router-commands.fifo}: turns the SQS batch into {@link InboundCommand}s, lets
 * {@link RouterCommandProcessor} apply them and answers with the failed ones (partial batch response,
 * {@code ReportBatchItemFailures} in the template).
 */
public final class RouterCommandHandler extends SqsBatchHandler {
    private final RouterCommandProcessor processor;
    private final OperationalMetrics metrics;

    public RouterCommandHandler(RouterCommandProcessor processor) {
        this(processor, OperationalMetrics.DISCARD);
    }

    public RouterCommandHandler(RouterCommandProcessor processor, OperationalMetrics metrics) {
        this.processor = processor;
        this.metrics = metrics;
    }

    /** What Lambda calls: real clients, from the function's environment. */
    public RouterCommandHandler() {
        this(RouterDriverWiring.fromEnvironment().commandProcessorFromEnvironment(), EmfMetricLines.fromEnvironment());
        SnapStartPriming.register(RouterCommandHandler.class);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        CorrelationId.adopt(records);
        List<InboundCommand> batch = records.stream().map(RouterCommandHandler::inbound).toList();
        Set<String> failed = processor.process(batch, context::getRemainingTimeInMillis);
        recordPerRouter(batch, failed);
        return SQSBatchResponse.builder().withBatchItemFailures(batch.stream()
                .map(InboundCommand::messageId)
                .filter(failed::contains)
                .map(id -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build())
                .toList()).build();
    }

    /** Applied and failed commands per router (the FIFO message group is the router id). */
    private void recordPerRouter(List<InboundCommand> batch, Set<String> failed) {
        Map<String, long[]> byRouter = new TreeMap<>();
        for (InboundCommand c : batch) {
            byRouter.computeIfAbsent(c.groupId().orElse("none"), r -> new long[2])[failed.contains(c.messageId()) ? 1 : 0]++;
        }
        byRouter.forEach((router, counts) -> {
            metrics.record(Metric.ROUTER_COMMANDS_APPLIED, counts[0], Map.of("RouterId", router));
            metrics.record(Metric.ROUTER_COMMANDS_FAILED, counts[1], Map.of("RouterId", router));
        });
    }

    private static InboundCommand inbound(SQSEvent.SQSMessage message) {
        var attributes = message.getAttributes() == null ? java.util.Map.<String, String>of() : message.getAttributes();
        int receiveCount;
        try {
            receiveCount = Integer.parseInt(attributes.getOrDefault("ApproximateReceiveCount", "1"));
        } catch (NumberFormatException e) {
            receiveCount = 1;
        }
        return new InboundCommand(message.getMessageId(), Optional.ofNullable(attributes.get("MessageGroupId")),
                receiveCount, message.getBody());
    }
}
