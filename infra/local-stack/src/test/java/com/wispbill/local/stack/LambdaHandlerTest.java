package com.wispbill.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** Handler styles and invocation semantics (no servers). */
class LambdaHandlerTest {

    private static final SQSEvent EVENT = LambdaEvents.sqsEvent(List.of(Message.builder().messageId("m1").receiptHandle("r1")
            .body("hello").md5OfBody("5d41402abc4b2a76b9719d911017c592").attributesWithStrings(Map.of("ApproximateReceiveCount", "1"))
            .build()), "arn:aws:sqs:us-east-1:000000000000:q", "us-east-1");

    private static LambdaFunction function(Object handler, Duration timeout) {
        LambdaFunction function = new LambdaFunction("Fn", "Fn", "arn:aws:lambda:us-east-1:000000000000:function:Fn", null, timeout, 256,
                Map.of(), List.of(), true);
        function.handler(LambdaHandler.of(handler));
        return function;
    }

    /** Echoes the JSON it receives, as a stream handler would. */
    static final class EchoStream implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
            JsonNode event = Json.MAPPER.readTree(input);
            output.write(("{\"source\":\"" + event.at("/Records/0/eventSourceARN").asText() + "\",\"memory\":" + context.getMemoryLimitInMB()
                    + "}").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A plain class with a handleRequest(Map, Context) method and no Lambda interface. */
    public static final class MapHandler {
        public String handleRequest(Map<String, Object> event, Context context) {
            return ((List<?>) event.get("Records")).size() + " record(s), function " + context.getFunctionName();
        }
    }

    @Test
    void streamHandlersGetTheJsonLambdaSends() {
        JsonNode result = (JsonNode) function(new EchoStream(), Duration.ofSeconds(3)).invoke(EVENT, () -> LambdaEvents.wire(EVENT));
        assertEquals("arn:aws:sqs:us-east-1:000000000000:q", result.get("source").asText());
        assertEquals(256, result.get("memory").asInt());
        JsonNode wire = LambdaEvents.wire(EVENT);
        assertEquals("aws:sqs", wire.at("/Records/0/eventSource").asText());
        assertEquals("1", wire.at("/Records/0/attributes/ApproximateReceiveCount").asText());
        assertTrue(wire.at("/Records/0/messageAttributes").isObject());
    }

    @Test
    void otherInputTypesGetTheEventJsonConverted() {
        assertEquals("1 record(s), function Fn", function(new MapHandler(), Duration.ofSeconds(3)).invoke(EVENT, () -> LambdaEvents.wire(EVENT)));
    }

    @Test
    void aHandlerRunningPastItsTimeoutFailsTheInvocation() {
        CountDownLatch never = new CountDownLatch(1);
        LambdaFunction slow = function((com.amazonaws.services.lambda.runtime.RequestHandler<Object, Object>) (event, context) -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the stack interrupts an abandoned invocation
            }
            return null;
        }, Duration.ofMillis(200));
        FunctionInvocationException timeout = assertThrows(FunctionInvocationException.class, () -> slow.invoke(EVENT, () -> null));
        assertTrue(timeout.timedOut());
        assertTrue(timeout.getMessage().contains("Task timed out after 0.20 seconds"), timeout.getMessage());
    }

    @Test
    void aClassWithoutAHandlerMethodIsRejected() {
        StackException rejected = assertThrows(StackException.class, () -> LambdaHandler.of(new Object()));
        assertTrue(rejected.getMessage().contains("handleRequest"), rejected.getMessage());
    }
}
