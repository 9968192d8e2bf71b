package com.wispbill.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.AwsClients;
import com.wispbill.local.stack.EmbeddedStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Issue 2's "done means" with real SDK clients whose endpoint comes from {@code AWS_ENDPOINT_URL}
 * alone: a separate JVM ({@link AwsEndpointClient}) with that variable set, and nothing else,
 * sends to a queue, publishes to a topic, and loses a conditional write; this JVM runs the stack
 * and the queue's function.
 */
class AwsEndpointSystemTest {

    @Test
    void clientsConfiguredOnlyByAwsEndpointUrlReachQueuesTopicsAndTablesAndSeeDomainConflicts() throws Exception {
        List<SQSEvent.SQSMessage> deliveries = new CopyOnWriteArrayList<>();
        RequestHandler<SQSEvent, SQSBatchResponse> worker = (event, context) -> {
            List<SQSBatchResponse.BatchItemFailure> failed = new ArrayList<>();
            for (SQSEvent.SQSMessage m : event.getRecords()) {
                deliveries.add(m);
                if (m.getBody().startsWith("fail")) {
                    failed.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                }
            }
            return new SQSBatchResponse(failed);
        };
        Path template = Path.of(AwsEndpointSystemTest.class.getResource("/system-template.yaml").toURI());
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().template(template).stackName("endpoint-test")
                .schedulesEnabled(false).handler("WorkerFunction", worker))) {
            String queueUrl = stack.resources().queueUrl("WorkQueue");
            String table = stack.resources().tableName("EntityTable");

            List<String> output = runClient(stack, queueUrl, stack.resources().topicArn("EventsTopic"), table);

            assertEquals("endpoint-property=null", output.get(0), "the client JVM has no endpoint property");
            // The queue's message reached its function through the poller, once.
            String okId = value(output, "sent=", 0);
            String failId = value(output, "sent=", 1);
            await("ok-1 delivered", () -> deliveries.stream().anyMatch(m -> m.getMessageId().equals(okId)));
            // The item the function reported failed was retried and moved to the DLQ after maxReceiveCount (2).
            try (var sqs = AwsClients.newSqsClient(); var dynamoDb = AwsClients.newDynamoDbClient()) {
                String dlq = stack.resources().queueUrl("WorkDLQ");
                List<Message> dead = new ArrayList<>();
                await("fail-1 in the DLQ", () -> {
                    dead.addAll(sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(1)).messages());
                    return !dead.isEmpty();
                });
                assertEquals("fail-1", dead.get(0).body());
                assertEquals(List.of("1", "2"), deliveries.stream().filter(m -> m.getMessageId().equals(failId))
                        .map(m -> m.getAttributes().get("ApproximateReceiveCount")).toList());
                assertEquals(1, deliveries.stream().filter(m -> m.getMessageId().equals(okId)).count());

                // The publish reached the topic's SQS subscription.
                List<Message> inbox = new ArrayList<>();
                await("the topic's message in the subscribed queue", () -> {
                    inbox.addAll(sqs.receiveMessage(b -> b.queueUrl(stack.resources().queueUrl("EventsInbox")).waitTimeSeconds(1)).messages());
                    return !inbox.isEmpty();
                });
                assertEquals("hello-topic", inbox.get(0).body());

                // The lost conditional write was a domain error with a message, not a stack trace, and changed nothing.
                String resellerId = value(output, "created=", 0);
                assertEquals("ConflictException: reseller " + resellerId + " already exists", value(output, "conflict=", 0));
                Map<String, AttributeValue> stored = dynamoDb.getItem(b -> b.tableName(table).key(Map.of(
                        "PK", AttributeValue.fromS("RESELLER#" + resellerId), "SK", AttributeValue.fromS("PROFILE")))).item();
                assertEquals("Endpoint Test Hotspots", stored.get("name").s());
            }
        }
    }

    private static List<String> runClient(EmbeddedStack stack, String queueUrl, String topicArn, String table) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                AwsEndpointClient.class.getName(), queueUrl, topicArn, table).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_ENDPOINT_URL"));
        env.put("AWS_ENDPOINT_URL", stack.endpoint().toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        Process process = builder.start();
        String text;
        try (var in = process.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "client finished");
        System.out.print(text);
        assertEquals(0, process.exitValue(), text);
        assertFalse(text.contains("\tat "), "no stack trace:\n" + text);
        List<String> lines = text.lines().filter(l -> l.matches("^(endpoint-property|sent|published|created|conflict)=.*")).toList();
        assertTrue(!lines.isEmpty() && lines.get(0).startsWith("endpoint-property="), text);
        return lines;
    }

    private static String value(List<String> lines, String prefix, int index) {
        List<String> values = lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
        assertTrue(values.size() > index, "no " + prefix + " #" + index + " in " + lines);
        return values.get(index);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
