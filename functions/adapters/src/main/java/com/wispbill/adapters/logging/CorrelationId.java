package com.wispbill.adapters.logging;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.MDC;

/**
 * The id that ties together the log lines of one piece of work across functions: an HTTP request's
 * id, or for a schedule its invocation's request id, carried on every queue message sent while the
 * work runs ({@link com.wispbill.adapters.sqs.SqsSender} adds it as the message attribute
 * {@value #MESSAGE_ATTRIBUTE}) and taken up again by the consumer. It lives in the logging MDC under
 * {@value #MDC_KEY}, which {@link JsonLogProvider} prints as a field of every line.
 */
public final class CorrelationId {
    public static final String MDC_KEY = "correlation_id";
    public static final String MESSAGE_ATTRIBUTE = "correlationId";
    private static final int MAX_IDS_PER_BATCH = 10;

    private CorrelationId() {
    }

    public static Optional<String> current() {
        return Optional.ofNullable(MDC.get(MDC_KEY)).filter(id -> !id.isBlank());
    }

    /** Starts a new piece of work under {@code id} (nothing is set for a missing id). */
    public static void set(String id) {
        if (id == null || id.isBlank()) {
            MDC.remove(MDC_KEY);
        } else {
            MDC.put(MDC_KEY, id);
        }
    }

    /** An HTTP request: API Gateway's request id (also in its access logs). */
    public static void adopt(APIGatewayV2HTTPEvent request) {
        set(request.getRequestContext() == null ? null : request.getRequestContext().getRequestId());
    }

    /** A queue message: the sender's correlation id, or the message id if it came without one. */
    public static void adopt(SQSEvent.SQSMessage message) {
        set(of(message));
    }

    /**
     * A batch handled as one piece of work (router commands, usage samples): its distinct ids joined
     * with commas, so a search for any one of them finds the batch's lines.
     */
    public static void adopt(List<SQSEvent.SQSMessage> batch) {
        set(batch.stream().map(CorrelationId::of).filter(Objects::nonNull).distinct().limit(MAX_IDS_PER_BATCH)
                .collect(Collectors.joining(",")));
    }

    private static String of(SQSEvent.SQSMessage message) {
        SQSEvent.MessageAttribute attribute = message.getMessageAttributes() == null ? null
                : message.getMessageAttributes().get(MESSAGE_ATTRIBUTE);
        String carried = attribute == null ? null : attribute.getStringValue();
        return carried != null && !carried.isBlank() ? carried : message.getMessageId();
    }
}
