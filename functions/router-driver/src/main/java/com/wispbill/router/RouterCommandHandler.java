package com.wispbill.router;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.Env;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.router.driver.InboundCommand;
import com.wispbill.router.driver.RouterCommandProcessor;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Consumer of {@code router-commands.fifo}: turns the SQS batch into {@link InboundCommand}s, lets
 * {@link RouterCommandProcessor} apply them and answers with the failed ones (partial batch response,
 * {@code ReportBatchItemFailures} in the template).
 */
public final class RouterCommandHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final RouterCommandProcessor processor;

    public RouterCommandHandler(RouterCommandProcessor processor) {
        this.processor = processor;
    }

    /** What Lambda calls: real clients, from the function's environment. */
    public RouterCommandHandler() {
        this(RouterDriverWiring.fromEnvironment().commandProcessor(
                Integer.parseInt(Env.require("ROUTER_COMMANDS_MAX_RECEIVE_COUNT"))));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        CorrelationId.adopt(records);
        List<InboundCommand> batch = records.stream().map(RouterCommandHandler::inbound).toList();
        Set<String> failed = processor.process(batch, context::getRemainingTimeInMillis);
        return SQSBatchResponse.builder().withBatchItemFailures(batch.stream()
                .map(InboundCommand::messageId)
                .filter(failed::contains)
                .map(id -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build())
                .toList()).build();
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
