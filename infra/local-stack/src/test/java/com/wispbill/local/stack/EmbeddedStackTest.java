package com.wispbill.local.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wispbill.local.stack.fixtures.RecordingScheduleHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The stack against its real servers, driven by the fixture template, with real SDK v2 clients
 * configured by nothing but the {@code aws.endpointUrl} system property the stack sets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEBHOOK_SECRET = "sk_test_local";

    private final List<APIGatewayV2HTTPEvent> webhookEvents = new CopyOnWriteArrayList<>();
    private final List<SQSEvent.SQSMessage> notifications = new CopyOnWriteArrayList<>();
    private final List<SQSEvent.SQSMessage> usageDeliveries = new CopyOnWriteArrayList<>();
    private final Set<String> usageFailedOnce = ConcurrentHashMap.newKeySet();
    private final List<SQSEvent.SQSMessage> routerCommands = new CopyOnWriteArrayList<>();
    private final List<Object> routerDriverOtherEvents = new CopyOnWriteArrayList<>();

    private EmbeddedStack stack;
    private DynamoDbClient dynamoDb;
    private SqsClient sqs;
    private SnsClient sns;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void startStack() throws Exception {
        Path template = Path.of(EmbeddedStackTest.class.getResource("/fixture-template.yaml").toURI());
        stack = EmbeddedStack.start(EmbeddedStack.options()
                .template(template)
                .schedulesEnabled(false)
                .skipFunctionsWithoutHandlerClass()
                .handler("PaymentWebhookFunction", new SignatureCheckingWebhook())
                .handler("NotifierFunction", (RequestHandler<SQSEvent, SQSBatchResponse>) this::notifier)
                .handler("UsageIngestFunction", (RequestHandler<SQSEvent, Void>) this::usageIngest)
                .handler("RouterDriverFunction", new RouterDriver()));
        // Nothing but the endpoint system property points these clients at the stack.
        dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        sns = SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    void stopStack() {
        if (dynamoDb != null) {
            dynamoDb.close();
            sqs.close();
            sns.close();
        }
        if (stack != null) {
            stack.close();
        }
        http.close();
    }

    // ------------------------------------------------------------------ handlers under the stack

    private final class SignatureCheckingWebhook implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            webhookEvents.add(event);
            if (event.getHeaders().containsKey("x-fail")) {
                throw new IllegalStateException("provider payload rejected");
            }
            byte[] raw = event.getIsBase64Encoded() ? Base64.getDecoder().decode(event.getBody())
                    : event.getBody().getBytes(StandardCharsets.UTF_8);
            boolean valid = hmacSha512Hex(raw).equals(event.getHeaders().get("x-paystack-signature"));
            return APIGatewayV2HTTPResponse.builder().withStatusCode(valid ? 200 : 401)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody("{\"received\":" + valid + "}").build();
        }
    }

    /** Reports messages whose body starts with "fail" as failed items. */
    private SQSBatchResponse notifier(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            notifications.add(message);
            if (message.getBody().startsWith("fail")) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** Throws the first time it sees a batch containing a "boom" message. */
    private Void usageIngest(SQSEvent event, Context context) {
        usageDeliveries.addAll(event.getRecords());
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (message.getBody().contains("boom") && usageFailedOnce.add(message.getMessageId())) {
                throw new IllegalStateException("simulated DynamoDB outage");
            }
        }
        return null;
    }

    /** Takes router commands from the FIFO queue, and the schedule's constant Input. */
    private final class RouterDriver implements RequestHandler<Object, Object> {
        @Override
        public Object handleRequest(Object event, Context context) {
            if (event instanceof SQSEvent sqsEvent) {
                routerCommands.addAll(sqsEvent.getRecords());
                return new SQSBatchResponse(List.of());
            }
            routerDriverOtherEvents.add(event);
            return Map.of("polled", true);
        }
    }

    // ------------------------------------------------------------------ resources

    @Test
    void createsTablesWithIndexesStreamAndTtlAsTheTemplateSays() {
        TableDescription main = dynamoDb.describeTable(b -> b.tableName("wispbill-local-main")).table();
        assertEquals(BillingMode.PAY_PER_REQUEST, main.billingModeSummary().billingMode());
        assertEquals(Set.of("gsi1", "byDue"), main.globalSecondaryIndexes().stream().map(i -> i.indexName()).collect(Collectors.toSet()));
        var byDue = main.globalSecondaryIndexes().stream().filter(i -> i.indexName().equals("byDue")).findFirst().orElseThrow();
        assertEquals(ProjectionType.INCLUDE, byDue.projection().projectionType());
        assertEquals(Set.of("status", "resellerId"), Set.copyOf(byDue.projection().nonKeyAttributes()));
        assertEquals("dueAt", byDue.keySchema().get(1).attributeName());
        assertEquals("byCreated", main.localSecondaryIndexes().get(0).indexName());
        assertEquals(ProjectionType.KEYS_ONLY, main.localSecondaryIndexes().get(0).projection().projectionType());
        assertTrue(main.streamSpecification().streamEnabled());
        assertEquals(StreamViewType.NEW_AND_OLD_IMAGES, main.streamSpecification().streamViewType());
        assertEquals(TimeToLiveStatus.ENABLED, dynamoDb.describeTimeToLive(b -> b.tableName("wispbill-local-main"))
                .timeToLiveDescription().timeToLiveStatus());
        assertEquals("ttl", dynamoDb.describeTimeToLive(b -> b.tableName("wispbill-local-main")).timeToLiveDescription().attributeName());

        TableDescription usage = dynamoDb.describeTable(b -> b.tableName("wispbill-local-usage")).table();
        assertEquals(7L, usage.provisionedThroughput().writeCapacityUnits());
        assertEquals("expiresAt", dynamoDb.describeTimeToLive(b -> b.tableName("wispbill-local-usage")).timeToLiveDescription().attributeName());

        // Condition IsProd is false: not created, and the stack does not list it.
        assertThrows(ResourceNotFoundException.class, () -> dynamoDb.describeTable(b -> b.tableName("ProdOnlyArchiveTable")));
        assertTrue(stack.resources().find("ProdOnlyArchiveTable").isEmpty());
        assertEquals(Set.of("wispbill-local-main", "wispbill-local-usage"), Set.copyOf(dynamoDb.listTables().tableNames()));
    }

    @Test
    void createsQueuesWithTheirDeadLetterQueuesEvenWhenDeclaredFirst() {
        String url = stack.resources().queueUrl("RouterCommandsQueue");
        assertEquals(stack.endpoint() + "/000000000000/wispbill-local-router-commands.fifo", url);
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
        assertEquals("true", attributes.get(QueueAttributeName.FIFO_QUEUE));
        assertEquals("true", attributes.get(QueueAttributeName.CONTENT_BASED_DEDUPLICATION));
        assertEquals("2", attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        JsonNode redrive = readJson(attributes.get(QueueAttributeName.REDRIVE_POLICY));
        assertEquals("arn:aws:sqs:us-east-1:000000000000:wispbill-local-router-commands-dlq.fifo", redrive.get("deadLetterTargetArn").asText());
        assertEquals(3, redrive.get("maxReceiveCount").asInt());

        String usage = stack.resources().queueUrl("UsageSamplesQueue");
        JsonNode usageRedrive = readJson(sqs.getQueueAttributes(b -> b.queueUrl(usage).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes().get(QueueAttributeName.REDRIVE_POLICY));
        assertTrue(usageRedrive.get("deadLetterTargetArn").asText().endsWith(":wispbill-local-usage-samples-dlq"));
        assertFalse(sqs.listQueues().queueUrls().stream().anyMatch(u -> u.endsWith("/prod-only")));
    }

    @Test
    void publishesEachFunctionsResolvedEnvironmentBeforeConstructingHandlers() {
        assertEquals("wispbill-local-main", System.getProperty("wispbill.env.MAIN_TABLE"));
        assertEquals("wispbill-local-usage", System.getProperty("wispbill.env.USAGE_TABLE"));
        assertEquals("DEBUG", System.getProperty("wispbill.env.LOG_LEVEL"));
        assertEquals(stack.resources().queueUrl("NotificationsQueue"), System.getProperty("wispbill.env.NOTIFICATIONS_QUEUE_URL"));
        assertEquals(stack.resources().queueUrl("RouterCommandsQueue"), System.getProperty("wispbill.env.ROUTER_COMMANDS_QUEUE_URL"));
        assertEquals("arn:aws:sns:us-east-1:000000000000:wispbill-local-alerts", System.getProperty("wispbill.env.ALERTS_TOPIC_ARN"));
        assertEquals("wispbill-local-alerts", System.getProperty("wispbill.env.ALERTS_TOPIC_NAME"));
        assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/wispbill-local-main", System.getProperty("wispbill.env.MAIN_TABLE_ARN"));
        assertTrue(System.getProperty("wispbill.env.MAIN_TABLE_STREAM").contains("table/wispbill-local-main/stream/"));
        assertEquals("WISPDEV", System.getProperty("wispbill.env.SMS_SENDER_ID"));
        assertEquals(stack.httpApiEndpoint().toString(), System.getProperty("wispbill.env.API_BASE_URL"));
        // Ref of an AWS::SecretsManager::Secret is its ARN (name plus a random suffix), as CloudFormation returns it.
        assertTrue(System.getProperty("wispbill.env.ROUTER_SECRET_ARN")
                .startsWith("arn:aws:secretsmanager:us-east-1:000000000000:secret:wispbill-local/routers-"));
        assertEquals("wispbill-local-main", RecordingScheduleHandler.mainTableAtConstruction);
        assertEquals(stack.endpoint().toString(), System.getProperty("aws.endpointUrl"));
    }

    // ------------------------------------------------------------------ SQS event source mappings

    @Test
    void queueMessageReachesTheHandlerAsLambdaBuildsTheRecordAndIsDeleted() {
        String url = stack.resources().queueUrl("NotificationsQueue");
        String messageId = sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"to\":\"+254700000001\"}")
                .messageAttributes(Map.of("correlationId", software.amazon.awssdk.services.sqs.model.MessageAttributeValue.builder()
                        .dataType("String").stringValue("corr-1").build()))).messageId();

        SQSEvent.SQSMessage record = Await.value("notification delivered",
                () -> notifications.stream().filter(m -> m.getMessageId().equals(messageId)).findFirst().orElse(null));
        assertEquals("{\"to\":\"+254700000001\"}", record.getBody());
        assertEquals("aws:sqs", record.getEventSource());
        assertEquals(stack.resources().queueArn("NotificationsQueue"), record.getEventSourceArn());
        assertEquals("us-east-1", record.getAwsRegion());
        assertEquals("1", record.getAttributes().get("ApproximateReceiveCount"));
        assertNotNull(record.getAttributes().get("SentTimestamp"));
        assertNotNull(record.getAttributes().get("SenderId"));
        assertNotNull(record.getAttributes().get("ApproximateFirstReceiveTimestamp"));
        assertEquals("corr-1", record.getMessageAttributes().get("correlationId").getStringValue());
        assertEquals("String", record.getMessageAttributes().get("correlationId").getDataType());
        assertEquals(md5Hex(record.getBody()), record.getMd5OfBody());
        assertNotNull(record.getReceiptHandle());
        awaitQueueEmpty(url);
        assertEquals(1, notifications.stream().filter(m -> m.getMessageId().equals(messageId)).count());
    }

    @Test
    void reportedItemFailureIsRetriedAndReachesTheDlqAfterMaxReceiveCount() {
        String url = stack.resources().queueUrl("NotificationsQueue");
        String ok = sqs.sendMessage(b -> b.queueUrl(url).messageBody("ok-1")).messageId();
        String failing = sqs.sendMessage(b -> b.queueUrl(url).messageBody("fail-1")).messageId();

        String dlq = stack.resources().queueUrl("NotificationsDlq");
        Message dead = Await.value("failed message in the DLQ", () -> {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(1)).messages();
            return messages.isEmpty() ? null : messages.get(0);
        });
        assertEquals("fail-1", dead.body());
        // maxReceiveCount 2: delivered twice, then moved; the successful message exactly once.
        assertEquals(2, notifications.stream().filter(m -> m.getMessageId().equals(failing)).count());
        assertEquals(List.of("1", "2"), notifications.stream().filter(m -> m.getMessageId().equals(failing))
                .map(m -> m.getAttributes().get("ApproximateReceiveCount")).toList());
        assertEquals(1, notifications.stream().filter(m -> m.getMessageId().equals(ok)).count());
        sqs.deleteMessage(b -> b.queueUrl(dlq).receiptHandle(dead.receiptHandle()));
    }

    @Test
    void handlerExceptionLeavesTheWholeBatchForRetry() {
        String url = stack.resources().queueUrl("UsageSamplesQueue");
        String healthy = sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"router\":\"r1\",\"bytesIn\":10}")).messageId();
        String poison = sqs.sendMessage(b -> b.queueUrl(url).messageBody("boom")).messageId();

        Await.until("the failed batch delivered again", () -> usageDeliveries.stream()
                .filter(m -> m.getMessageId().equals(poison) && m.getAttributes().get("ApproximateReceiveCount").equals("2")).count() == 1);
        awaitQueueEmpty(url);
        List<SQSEvent.SQSMessage> healthyDeliveries = usageDeliveries.stream().filter(m -> m.getMessageId().equals(healthy)).toList();
        // The healthy message was either in the failing batch (then retried too) or in a batch of its own.
        boolean sharedTheFailingBatch = healthyDeliveries.size() == 2;
        assertTrue(healthyDeliveries.size() == 1 || sharedTheFailingBatch, "healthy deliveries: " + healthyDeliveries.size());
        if (sharedTheFailingBatch) {
            assertEquals("2", healthyDeliveries.get(1).getAttributes().get("ApproximateReceiveCount"));
        }
    }

    @Test
    void fifoQueueDeliversEachMessageGroupInOrder() {
        String url = stack.resources().queueUrl("RouterCommandsQueue");
        for (int seq = 0; seq < 8; seq++) {
            for (String router : List.of("router-a", "router-b", "router-c")) {
                String body = router + ":" + seq;
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageGroupId(router));
            }
        }
        Await.until("24 router commands delivered", () -> routerCommands.size() >= 24);
        for (String router : List.of("router-a", "router-b", "router-c")) {
            List<SQSEvent.SQSMessage> group = routerCommands.stream().filter(m -> router.equals(m.getAttributes().get("MessageGroupId"))).toList();
            assertEquals(8, group.size(), router);
            for (int seq = 0; seq < 8; seq++) {
                assertEquals(router + ":" + seq, group.get(seq).getBody());
            }
            assertNotNull(group.get(0).getAttributes().get("SequenceNumber"));
            assertNotNull(group.get(0).getAttributes().get("MessageDeduplicationId"));
        }
        awaitQueueEmpty(url);
    }

    // ------------------------------------------------------------------ SNS

    @Test
    void publishToTopicArrivesInTheSubscribedQueueInTheSnsEnvelope() {
        String topicArn = stack.resources().topicArn("AlertsTopic");
        PublishResponse published = sns.publish(b -> b.topicArn(topicArn).subject("Router down").message("router r1 is offline")
                .messageAttributes(Map.of("severity", MessageAttributeValue.builder().dataType("String").stringValue("warning").build())));

        Message delivered = receiveOne(stack.resources().queueUrl("AlertsInboxQueue"));
        JsonNode envelope = readJson(delivered.body());
        assertEquals("Notification", envelope.get("Type").asText());
        assertEquals(published.messageId(), envelope.get("MessageId").asText());
        assertEquals(topicArn, envelope.get("TopicArn").asText());
        assertEquals("Router down", envelope.get("Subject").asText());
        assertEquals("router r1 is offline", envelope.get("Message").asText());
        assertTrue(envelope.get("Timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertEquals("String", envelope.at("/MessageAttributes/severity/Type").asText());
        assertEquals("warning", envelope.at("/MessageAttributes/severity/Value").asText());
        assertTrue(envelope.get("UnsubscribeURL").asText().contains("SubscriptionArn=" + topicArn + ":"));
        // The filter policy (severity = critical) keeps this one out of the raw queue.
        assertTrue(sqs.receiveMessage(b -> b.queueUrl(stack.resources().queueUrl("CriticalAlertsQueue")).waitTimeSeconds(1)).messages().isEmpty());
    }

    @Test
    void rawDeliveryCarriesTheBareMessageAndItsAttributes() {
        String topicArn = stack.resources().topicArn("AlertsTopic");
        sns.publish(b -> b.topicArn(topicArn).message("{\"router\":\"r9\",\"state\":\"down\"}")
                .messageAttributes(Map.of(
                        "severity", MessageAttributeValue.builder().dataType("String").stringValue("critical").build(),
                        "resellerCount", MessageAttributeValue.builder().dataType("Number").stringValue("3").build())));
        String url = stack.resources().queueUrl("CriticalAlertsQueue");
        Message delivered = Await.value("raw alert", () -> {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1).messageAttributeNames("All")).messages();
            return messages.isEmpty() ? null : messages.get(0);
        });
        assertEquals("{\"router\":\"r9\",\"state\":\"down\"}", delivered.body());
        assertEquals("critical", delivered.messageAttributes().get("severity").stringValue());
        assertEquals("Number", delivered.messageAttributes().get("resellerCount").dataType());
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(delivered.receiptHandle()));
        // The envelope subscriber got it too.
        String inbox = stack.resources().queueUrl("AlertsInboxQueue");
        assertEquals("{\"router\":\"r9\",\"state\":\"down\"}", readJson(receiveOne(inbox).body()).get("Message").asText());
    }

    @Test
    void smsToAnE164NumberIsRecordedAndAnInvalidNumberIsRejected() {
        stack.sns().clearSentSms();
        PublishResponse sent = sns.publish(b -> b.phoneNumber("+254712345678").message("Your voucher: K7QX-2MPD")
                .messageAttributes(Map.of(
                        "AWS.SNS.SMS.SenderID", MessageAttributeValue.builder().dataType("String").stringValue("WISPDEV").build(),
                        "AWS.SNS.SMS.SMSType", MessageAttributeValue.builder().dataType("String").stringValue("Transactional").build())));
        List<SentSms> sms = stack.sns().sentSms();
        assertEquals(1, sms.size());
        assertEquals(sent.messageId(), sms.get(0).messageId());
        assertEquals("+254712345678", sms.get(0).phoneNumber());
        assertEquals("Your voucher: K7QX-2MPD", sms.get(0).message());
        assertEquals("WISPDEV", sms.get(0).senderId());
        assertEquals("Transactional", sms.get(0).smsType());

        InvalidParameterException invalid = assertThrows(InvalidParameterException.class,
                () -> sns.publish(b -> b.phoneNumber("0712345678").message("hello")));
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.awsErrorDetails().errorMessage().contains("PhoneNumber"), invalid.getMessage());
        assertEquals(1, stack.sns().sentSms().size());
        assertEquals("+254*******78", SnsEndpoint.mask("+254712345678"));
    }

    @Test
    void topicsAndSubscriptionsBehaveLikeSns() {
        String arn = sns.createTopic(b -> b.name("ops-events")).topicArn();
        assertEquals("arn:aws:sns:us-east-1:000000000000:ops-events", arn);
        assertEquals(arn, sns.createTopic(b -> b.name("ops-events")).topicArn(), "CreateTopic is idempotent");
        assertTrue(sns.listTopics().topics().stream().anyMatch(t -> t.topicArn().equals(arn)));

        String queueUrl = sqs.createQueue(b -> b.queueName("ops-events-inbox")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String subscriptionArn = sns.subscribe(b -> b.topicArn(arn).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "true"))).subscriptionArn();
        assertEquals(List.of(subscriptionArn), sns.listSubscriptionsByTopic(b -> b.topicArn(arn)).subscriptions().stream()
                .map(s -> s.subscriptionArn()).toList());
        assertEquals("true", sns.getSubscriptionAttributes(b -> b.subscriptionArn(subscriptionArn)).attributes().get("RawMessageDelivery"));
        assertTrue(sns.listSubscriptions().subscriptions().stream().anyMatch(s -> s.subscriptionArn().equals(subscriptionArn)
                && s.endpoint().equals(queueArn) && s.protocol().equals("sqs")));

        sns.publish(b -> b.targetArn(arn).message("via TargetArn"));
        assertEquals("via TargetArn", receiveOne(queueUrl).body());
        PublishBatchResponse batch = sns.publishBatch(b -> b.topicArn(arn).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("a").message("first").build(),
                PublishBatchRequestEntry.builder().id("b").message("second").build()));
        assertEquals(Set.of("a", "b"), batch.successful().stream().map(s -> s.id()).collect(Collectors.toSet()));
        assertTrue(batch.failed().isEmpty());
        Set<String> bodies = ConcurrentHashMap.newKeySet();
        Await.until("both batch messages in the queue", () -> {
            sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages().forEach(m -> {
                bodies.add(m.body());
                sqs.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            });
            return bodies.size() == 2;
        });
        assertEquals(Set.of("first", "second"), bodies);

        sns.unsubscribe(b -> b.subscriptionArn(subscriptionArn));
        assertTrue(sns.listSubscriptionsByTopic(b -> b.topicArn(arn)).subscriptions().isEmpty());
        assertThrows(NotFoundException.class, () -> sns.publish(b -> b.topicArn("arn:aws:sns:us-east-1:000000000000:nope").message("x")));
        sns.deleteTopic(b -> b.topicArn(arn));
    }

    @Test
    void fifoTopicNeedsAGroupAndDeliversToAFifoQueueWithIt() {
        String topicArn = sns.createTopic(b -> b.name("router-events.fifo")
                .attributes(Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true"))).topicArn();
        String queueUrl = sqs.createQueue(b -> b.queueName("router-events-inbox.fifo")
                .attributesWithStrings(Map.of("FifoQueue", "true"))).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));

        assertThrows(InvalidParameterException.class, () -> sns.publish(b -> b.topicArn(topicArn).message("no group")));
        PublishResponse first = sns.publish(b -> b.topicArn(topicArn).message("r1 up").messageGroupId("r1"));
        assertNotNull(first.sequenceNumber());
        PublishResponse duplicate = sns.publish(b -> b.topicArn(topicArn).message("r1 up").messageGroupId("r1"));
        assertEquals(first.messageId(), duplicate.messageId(), "content-based deduplication");

        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(2)
                .messageSystemAttributeNamesWithStrings("All")).messages();
        assertEquals(1, received.size());
        assertEquals("r1", received.get(0).attributesAsStrings().get("MessageGroupId"));
        assertEquals("r1 up", readJson(received.get(0).body()).get("Message").asText());
    }

    @Test
    void unknownSnsActionGetsAnAwsStyleError() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(stack.endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("Action=Frobnicate&Version=2010-03-31")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("<Code>InvalidAction</Code>"), response.body());
        assertTrue(response.body().startsWith("<?xml") && response.body().contains("<ErrorResponse"), response.body());
    }

    // ------------------------------------------------------------------ HTTP API

    @Test
    void webhookRouteGetsTheV2EventWithTheExactRawBody() throws Exception {
        webhookEvents.clear();
        // Odd spacing, key order and non-ASCII text: any re-serialization would break the signature.
        String body = "{\"event\":\"charge.success\",  \"data\":{\"amount\":50000,\"customer\":\"Wanjiku Müller ✓\"}}\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.httpApiEndpoint() + "/webhooks/paystack?attempt=1&tag=a&tag=b"))
                .header("Content-Type", "application/json")
                .header("X-Paystack-Signature", hmacSha512Hex(bytes))
                .header("Cookie", "a=1; b=2")
                .header("User-Agent", "Paystack/1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"received\":true}", response.body());
        APIGatewayV2HTTPEvent event = webhookEvents.get(0);
        assertEquals("2.0", event.getVersion());
        assertEquals("POST /webhooks/{provider}", event.getRouteKey());
        assertEquals("/webhooks/paystack", event.getRawPath());
        assertEquals("attempt=1&tag=a&tag=b", event.getRawQueryString());
        assertEquals(Map.of("attempt", "1", "tag", "a,b"), event.getQueryStringParameters());
        assertEquals(Map.of("provider", "paystack"), event.getPathParameters());
        assertEquals(List.of("a=1", "b=2"), event.getCookies());
        assertFalse(event.getHeaders().containsKey("cookie"));
        assertEquals("application/json", event.getHeaders().get("content-type"));
        assertEquals(String.valueOf(bytes.length), event.getHeaders().get("content-length"));
        assertFalse(event.getIsBase64Encoded());
        assertEquals(body, event.getBody());
        assertEquals("POST", event.getRequestContext().getHttp().getMethod());
        assertEquals("/webhooks/paystack", event.getRequestContext().getHttp().getPath());
        assertEquals("127.0.0.1", event.getRequestContext().getHttp().getSourceIp());
        assertEquals("Paystack/1.0", event.getRequestContext().getHttp().getUserAgent());
        assertEquals("POST /webhooks/{provider}", event.getRequestContext().getRouteKey());
        assertEquals("$default", event.getRequestContext().getStage());
        assertNotNull(event.getRequestContext().getRequestId());
        assertTrue(event.getRequestContext().getTime().matches("\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000"));
        assertTrue(Math.abs(System.currentTimeMillis() - event.getRequestContext().getTimeEpoch()) < 60_000);
        assertEquals(response.headers().firstValue("apigw-requestid").orElseThrow(), event.getRequestContext().getRequestId());

        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(stack.httpApiEndpoint() + "/webhooks/paystack"))
                .header("Content-Type", "application/json").header("X-Paystack-Signature", hmacSha512Hex(bytes))
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("50000", "50001"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, forged.statusCode());
    }

    @Test
    void binaryAndFormBodiesArriveBase64EncodedWithTheirExactBytes() throws Exception {
        webhookEvents.clear();
        byte[] binary = {0x00, (byte) 0xC3, 0x28, (byte) 0xFF, 0x7F, 0x0A};
        send("POST", "/webhooks/midtrans", "application/octet-stream", binary);
        byte[] form = "Body%5BstkCallback%5D=1&amount=50+KES".getBytes(StandardCharsets.US_ASCII);
        send("POST", "/webhooks/mpesa", "application/x-www-form-urlencoded", form);
        byte[] notUtf8Json = {'{', '"', 'n', '"', ':', '"', (byte) 0xE9, '"', '}'};
        send("POST", "/webhooks/stripe", "application/json", notUtf8Json);

        assertEquals(3, webhookEvents.size());
        for (int i = 0; i < 3; i++) {
            APIGatewayV2HTTPEvent event = webhookEvents.get(i);
            assertTrue(event.getIsBase64Encoded(), event.getRawPath());
            assertArrayEquals(List.of(binary, form, notUtf8Json).get(i), Base64.getDecoder().decode(event.getBody()), event.getRawPath());
        }
    }

    @Test
    void routesPickTheMostSpecificMatchAndUnknownPathsGet404() throws Exception {
        JsonNode plan = readJson(send("GET", "/v1/plans/p-1%20x", null, null).body());
        assertEquals("GET /v1/plans/{planId}", plan.get("routeKey").asText());
        assertEquals("p-1 x", plan.at("/pathParameters/planId").asText());
        assertEquals("ResellerApiFunction", plan.get("functionName").asText());
        assertTrue(plan.get("remainingTimeMillis").asInt() > 0 && plan.get("remainingTimeMillis").asInt() <= 10_000);

        assertEquals("ANY /v1/plans", readJson(send("POST", "/v1/plans", "application/json", "{}".getBytes()).body()).get("routeKey").asText());
        // GET /v1/plans/{planId} does not take DELETE: the greedy ANY route does.
        JsonNode greedy = readJson(send("DELETE", "/v1/plans/p-1", null, null).body());
        assertEquals("ANY /v1/{proxy+}", greedy.get("routeKey").asText());
        assertEquals("plans/p-1", greedy.at("/pathParameters/proxy").asText());

        HttpResponse<String> missing = send("GET", "/nope", null, null);
        assertEquals(404, missing.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", missing.body());
        assertEquals(404, send("GET", "/webhooks/paystack", null, null).statusCode(), "POST-only route");
    }

    @Test
    void responsesCarryStatusHeadersCookiesAndDecodedBase64Bodies() throws Exception {
        HttpResponse<String> created = send("PUT", "/v1/routers/r1?status=201", null, null);
        assertEquals(201, created.statusCode());
        assertEquals("application/json", created.headers().firstValue("content-type").orElseThrow());
        assertEquals(List.of("one", "two"), created.headers().allValues("x-echo"));
        assertEquals(List.of("session=abc; HttpOnly; Path=/"), created.headers().allValues("set-cookie"));
        assertEquals(stack.httpApiEndpoint().toString(), readJson(created.body()).get("apiBaseUrl").asText());

        HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(URI.create(stack.httpApiEndpoint() + "/v1/logo?binary=true")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("image/png", image.headers().firstValue("content-type").orElseThrow());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0x00, (byte) 0xFF}, image.body());
    }

    @Test
    void handlerExceptionGives500AndOversizedPayloadGives413() throws Exception {
        HttpResponse<String> failed = http.send(HttpRequest.newBuilder(URI.create(stack.httpApiEndpoint() + "/webhooks/paystack"))
                .header("X-Fail", "1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(500, failed.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", failed.body());

        int before = webhookEvents.size();
        HttpResponse<String> tooLarge = send("POST", "/webhooks/paystack", "application/json", new byte[HttpApiServer.MAX_PAYLOAD_BYTES + 1]);
        assertEquals(413, tooLarge.statusCode());
        assertEquals("{\"message\":\"Request Entity Too Large\"}", tooLarge.body());
        assertEquals(before, webhookEvents.size(), "the handler is not invoked");
    }

    // ------------------------------------------------------------------ schedules and direct invocation

    @Test
    void scheduleInvocationDeliversAScheduledEvent() {
        RecordingScheduleHandler.EVENTS.clear();
        Object result = stack.invokeScheduleNow("ExpirySweeperFunction");
        assertEquals(1, RecordingScheduleHandler.EVENTS.size());
        ScheduledEvent event = RecordingScheduleHandler.EVENTS.get(0);
        assertEquals("aws.events", event.getSource());
        assertEquals("Scheduled Event", event.getDetailType());
        assertEquals("000000000000", event.getAccount());
        assertEquals("us-east-1", event.getRegion());
        assertEquals(List.of("arn:aws:events:us-east-1:000000000000:rule/wispbill-local-expiry-sweep"), event.getResources());
        assertTrue(event.getDetail().isEmpty());
        assertEquals("swept at " + event.getTime(), result);

        stack.invokeScheduleNow("ExpirySweeperFunction", "Nightly");
        assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule/default/wispbill-local-ExpirySweeperFunctionNightly",
                RecordingScheduleHandler.EVENTS.get(1).getResources().get(0));

        // A schedule with a constant Input delivers that JSON instead.
        routerDriverOtherEvents.clear();
        assertEquals(Map.of("polled", true), stack.invokeScheduleNow("RouterDriverFunction"));
        assertEquals(Map.of("action", "poll"), routerDriverOtherEvents.get(0));
    }

    @Test
    void directInvocationReturnsTheHandlersResultAndReportsItsFailure() {
        SQSEvent event = new SQSEvent();
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-1");
        message.setBody("fail-direct");
        message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        event.setRecords(List.of(message));
        SQSBatchResponse response = assertInstanceOf(SQSBatchResponse.class, stack.invoke("NotifierFunction", event));
        assertEquals("m-1", response.getBatchItemFailures().get(0).getItemIdentifier());

        FunctionInvocationException failure = assertThrows(FunctionInvocationException.class,
                () -> stack.invoke("UsageIngestFunction", usageEvent("boom")));
        assertEquals("UsageIngestFunction", failure.functionLogicalId());
        assertInstanceOf(IllegalStateException.class, failure.getCause());
        assertFalse(failure.timedOut());
    }

    @Test
    void functionsWithoutHandlerClassAreLeftUnwiredWhenAsked() {
        assertFalse(stack.functions().contains("VoucherGeneratorFunction"));
        assertTrue(stack.functions().containsAll(Set.of("PaymentWebhookFunction", "ResellerApiFunction", "RouterDriverFunction",
                "NotifierFunction", "UsageIngestFunction", "ExpirySweeperFunction")));
        assertThrows(IllegalArgumentException.class, () -> stack.invoke("VoucherGeneratorFunction", Map.of()));
        // Its queue is not polled: a message stays there for whoever tests it.
        String url = stack.resources().queueUrl("VoucherBatchesQueue");
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("batch-1"));
        assertEquals("batch-1", receiveOne(url).body());
    }

    // ------------------------------------------------------------------ edge and summary

    @Test
    void edgeAnswersHealthAndRejectsRequestsForOtherServices() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(stack.endpoint() + "/_localstack/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertEquals("running", readJson(health.body()).at("/services/sqs").asText());

        HttpResponse<String> kms = http.send(HttpRequest.newBuilder(stack.endpoint())
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20250101/us-east-1/kms/aws4_request, SignedHeaders=host, Signature=0")
                .header("X-Amz-Target", "TrentService.Decrypt")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, kms.statusCode());
        assertTrue(kms.body().contains("'kms' is not available"), kms.body());
        assertEquals("sqs", EdgeServer.serviceFromCredential(
                "AWS4-HMAC-SHA256 Credential=AKID/20250101/eu-west-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"));
    }

    @Test
    void summaryListsWhatRuns() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        stack.printSummary(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String summary = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains(stack.endpoint().toString()), summary);
        assertTrue(summary.contains("wispbill-local-router-commands.fifo (FIFO); DLQ wispbill-local-router-commands-dlq.fifo after 3 receives"), summary);
        assertTrue(summary.contains("GSI byDue dueBucket, dueAt (range)"), summary);
        assertTrue(summary.contains("HttpApi   POST /webhooks/{provider}"), summary);
        assertTrue(summary.contains("SQS       wispbill-local-notifications batch 5, ReportBatchItemFailures, 2 pollers"), summary);
        assertTrue(summary.contains("Schedule  cron(30 2 * * ? *) [Africa/Nairobi] (timers off; invokeScheduleNow)"), summary);
        assertTrue(summary.contains("VoucherGeneratorFunction  NOT WIRED (handler class not on the classpath)  com.wispbill.vouchers.VoucherGeneratorHandler::handleRequest"), summary);
        assertTrue(summary.contains("NOT EMULATED  Kinesis event Unsupported"), summary);
        assertTrue(summary.contains("AWS::IAM::Role=1"), summary);
        assertTrue(summary.contains("-> email ops@example.com"), summary);
    }

    // ------------------------------------------------------------------ helpers

    private HttpResponse<String> send(String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.httpApiEndpoint() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Message receiveOne(String queueUrl) {
        Message message = Await.value("a message in " + queueUrl, () -> {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)).messages();
            return messages.isEmpty() ? null : messages.get(0);
        });
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        return message;
    }

    private void awaitQueueEmpty(String queueUrl) {
        Await.until("queue " + queueUrl + " drained", () -> {
            Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return "0".equals(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    && "0".equals(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        });
    }

    private static SQSEvent usageEvent(String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("direct-" + body);
        message.setBody(body);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static String hmacSha512Hex(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
