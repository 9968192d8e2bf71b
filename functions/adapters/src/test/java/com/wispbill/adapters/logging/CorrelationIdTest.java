package com.wispbill.adapters.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.sqs.SqsSender;
import com.wispbill.adapters.sqs.SqsSender.OutgoingMessage;
import com.wispbill.local.stack.EmbeddedStack;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** A correlation id leaves with every queue message sent under it and is taken up by the consumer. */
class CorrelationIdTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void travelsWithEveryMessageSentUnderIt() throws Exception {
        Path template = Path.of(getClass().getResource("/correlation-template.yaml").toURI());
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().template(template))) {
            SqsClient sqs = AwsClients.sqs();
            String queueUrl = stack.resources().queueUrl("WorkQueue");
            APIGatewayV2HTTPEvent request = new APIGatewayV2HTTPEvent();
            request.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-7f3a").build());
            CorrelationId.adopt(request);

            new SqsSender(sqs, queueUrl).send(List.of(OutgoingMessage.standard("{\"n\":1}"), OutgoingMessage.standard("{\"n\":2}")));
            CorrelationId.set(null);
            List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")).messages();

            assertEquals(2, received.size());
            for (Message m : received) {
                assertEquals("req-7f3a", m.messageAttributes().get(CorrelationId.MESSAGE_ATTRIBUTE).stringValue());
                CorrelationId.adopt(record(m.messageId(), m.messageAttributes().get(CorrelationId.MESSAGE_ATTRIBUTE).stringValue()));
                assertEquals("req-7f3a", MDC.get("correlation_id"));
                CorrelationId.set(null);
            }
        }
    }

    @Test
    void aMessageWithoutOneIsKnownByItsMessageId() {
        CorrelationId.set("previous-invocation");
        CorrelationId.adopt(record("msg-1", null));
        assertEquals("msg-1", MDC.get(CorrelationId.MDC_KEY));
    }

    @Test
    void aBatchCarriesTheDistinctIdsOfItsMessages() {
        CorrelationId.adopt(List.of(record("m1", "poll-1"), record("m2", "poll-1"), record("m3", null)));
        assertEquals("poll-1,m3", MDC.get(CorrelationId.MDC_KEY));
    }

    @Test
    void aScheduleWithoutRequestIdLeavesNoStaleId() {
        CorrelationId.set("earlier");
        CorrelationId.set(null);
        assertFalse(CorrelationId.current().isPresent());
    }

    private static SQSEvent.SQSMessage record(String messageId, String correlationId) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(messageId);
        if (correlationId != null) {
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType("String");
            attribute.setStringValue(correlationId);
            record.setMessageAttributes(Map.of(CorrelationId.MESSAGE_ATTRIBUTE, attribute));
        }
        return record;
    }
}
