package com.wispbill.api;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoAlertRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsDeliveryRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsMessageRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsQuota;
import com.wispbill.adapters.dynamodb.DynamoSmsTemplateRepository;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.Customer;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.local.stack.SentSms;
import com.wispbill.notify.AlertEmails;
import com.wispbill.notify.NotifierHandler;
import com.wispbill.notify.SmsSender;
import com.wispbill.notify.WhatsAppRoute;
import com.wispbill.notify.adapters.SnsSmsGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SNS's SMS delivery status end to end: the account logs delivery status (its SMS attributes name a role,
 * as the deploy step sets them), the notifier sends an SMS, the stack's SNS logs the status record to
 * {@code sns/<region>/<account>/DirectPublishToPhoneNumber[/Failure]}, the template's subscription filter
 * hands it to SmsDeliveryStatusFunction (its real handler) and the reseller API lists the SMS with it.
 */
class SmsDeliveryStatusEndToEndTest {
    private static final String DELIVERED_PHONE = "+255712000931";
    private static final String FAILING_PHONE = "+255712000932";
    private static final String OVERTAKEN_PHONE = "+255712000933";

    private static TestStack stack;
    private static ApiClient api;
    private static TestStack.Tenant tenant;
    private static Customer delivered;
    private static Customer failing;
    private static Customer overtaken;
    private static String successGroup;

    @BeforeAll
    static void start() {
        stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        tenant = stack.onboard("Xray Deliveries", ApiKeyRole.RESELLER);
        delivered = Customer.create(tenant.resellerId(), DELIVERED_PHONE, "Amani", Clock.systemUTC());
        failing = Customer.create(tenant.resellerId(), FAILING_PHONE, "Neema", Clock.systemUTC());
        stack.store.customers().create(delivered);
        stack.store.customers().create(failing);
        overtaken = Customer.create(tenant.resellerId(), OVERTAKEN_PHONE, "Zawadi", Clock.systemUTC());
        stack.store.customers().create(overtaken);
        try (var sns = SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            sns.setSMSAttributes(b -> b.attributes(Map.of(
                    "DeliveryStatusIAMRole", "arn:aws:iam::" + EmbeddedStack.ACCOUNT_ID + ":role/SNSSuccessFeedback",
                    "DeliveryStatusSuccessSamplingRate", "100")));
        }
        stack.stack.sns().failSmsDeliveryTo(FAILING_PHONE, "Phone carrier has blocked this message");
        successGroup = "sns/" + stack.stack.region() + "/" + EmbeddedStack.ACCOUNT_ID + "/DirectPublishToPhoneNumber";
    }

    private static void send(String notificationId, String phone) {
        String table = stack.tables.entityTable();
        var alerts = new DynamoAlertRepository(stack.dynamoDb, table);
        NotifierHandler notifier = new NotifierHandler(new SmsSender(new DynamoSmsTemplateRepository(stack.dynamoDb, table),
                new DynamoSmsDeliveryRepository(stack.dynamoDb, table), new DynamoSmsQuota(stack.dynamoDb, table),
                SmsSender.DEFAULT_DAILY_LIMIT, alerts, new SnsSmsGateway(AwsClients.newSnsWithoutRetries()), "WISPbill",
                Clock.systemUTC(), WhatsAppRoute.NONE, new DynamoSmsMessageRepository(stack.dynamoDb, table), AlertEmails.NONE),
                alerts);
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-" + notificationId);
        message.setBody(MessageCodec.encode(new SmsRequest(notificationId, tenant.resellerId(), phone, SmsTemplate.VOUCHER_ISSUED,
                Map.of("code", "QW3-88ZK", "plan", "Siku 1", "validity", "24h"), Instant.now())));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        assertTrue(notifier.handleRequest(event, null).getBatchItemFailures().isEmpty());
    }

    private static JsonNode messages(Customer customer) {
        return api.call("GET", "/v1/customers/" + customer.id() + "/messages", tenant.key()).expect(200).json().path("items");
    }

    private static String snsMessageId(String phone) {
        return stack.stack.sns().sentSms().stream().filter(s -> s.phoneNumber().equals(phone)).map(SentSms::messageId)
                .findFirst().orElseThrow();
    }

    /** Logs and the retry queue deliver in the background, as on AWS: wait (at most 40 s) for the condition. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static String record(String messageId, String destination, String status) {
        return record(messageId, destination, status, "2026-12-05 10:00:00.000");
    }

    private static String record(String messageId, String destination, String status, String publishedAt) {
        return """
                {"notification":{"messageId":"%s","timestamp":"%s"},
                 "delivery":{"destination":"%s","smsType":"Transactional","providerResponse":"forged","dwellTimeMs":1},
                 "status":"%s"}""".formatted(messageId, publishedAt, destination, status);
    }

    /** A publish SNS logged just now, as {@code notification.timestamp} spells it. */
    private static String justPublished() {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now());
    }

    private static int messagesOn(String queueLogicalId) {
        try (var sqs = AwsClients.newSqsClient()) {
            Map<software.amazon.awssdk.services.sqs.model.QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b
                    .queueUrl(stack.stack.resources().queueUrl(queueLogicalId))
                    .attributeNames(software.amazon.awssdk.services.sqs.model.QueueAttributeName.ALL)).attributes();
            return Integer.parseInt(attributes.get(software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Integer.parseInt(attributes.get(software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    + Integer.parseInt(attributes.get(software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
        }
    }

    @Test
    void aRecordThatOvertakesTheSendersWriteIsStoredThroughTheRetryQueueWithoutTheFunctionWaiting() throws Exception {
        String messageId = java.util.UUID.randomUUID().toString();

        // SNS's record arrives before the sender recorded the publish: handed to the retry queue at once, nothing waits.
        List<Object> answer = stack.stack.deliverLogLine(successGroup, record(messageId, OVERTAKEN_PHONE, "SUCCESS", justPublished()));
        assertEquals("[{\"stored\":0,\"stale\":0,\"unknown\":0,\"unreadable\":0,\"retried\":1}]", answer.toString());

        // The sender records it now; the queue hands the record back after its delay and it is stored.
        new DynamoSmsMessageRepository(stack.dynamoDb, stack.tables.entityTable()).recordSent(tenant.resellerId(),
                OVERTAKEN_PHONE, messageId, "pay-dlr-4-SMS", SmsTemplate.VOUCHER_ISSUED, Instant.now());
        await("the delivered status from the retry queue",
                () -> messages(overtaken).path(0).path("status").asText().equals("DELIVERED"));
        assertEquals("forged", messages(overtaken).get(0).path("providerResponse").asText());
    }

    @Test
    void aRecentRecordWhoseSmsIsNeverRecordedIsLookedUpAgainAFewTimesThenIgnoredNotDeadLettered() throws Exception {
        List<Object> answer = stack.stack.deliverLogLine(successGroup,
                record(java.util.UUID.randomUUID().toString(), OVERTAKEN_PHONE, "SUCCESS", justPublished()));
        assertEquals("[{\"stored\":0,\"stale\":0,\"unknown\":0,\"unreadable\":0,\"retried\":1}]", answer.toString());

        // Each lookup queues the next until the limit; then it counts as unknown and the queue is empty.
        await("the retries to end", () -> messagesOn("SmsDeliveryRetryQueue") == 0);
        assertEquals(0, messagesOn("SmsDeliveryRetryDLQ"), "not ours is not a failure: nothing dead-lettered");
    }

    @Test
    void aDeliveredSmsIsListedWithItsStatus() throws Exception {
        send("pay-dlr-1-SMS", DELIVERED_PHONE);

        await("the delivered status", () -> messages(delivered).path(0).path("status").asText().equals("DELIVERED"));
        JsonNode sms = messages(delivered).get(0);
        assertEquals(1, messages(delivered).size());
        assertEquals("SMS", sms.path("channel").asText());
        assertEquals("pay-dlr-1-SMS", sms.path("notificationId").asText());
        assertEquals("VOUCHER_ISSUED", sms.path("event").asText());
        assertEquals(snsMessageId(DELIVERED_PHONE), sms.path("messageId").asText());
        assertEquals("Message has been accepted by phone carrier", sms.path("providerResponse").asText());
    }

    @Test
    void aFailedDeliveryIsListedAsFailedWithTheCarriersAnswer() throws Exception {
        send("pay-dlr-2-SMS", FAILING_PHONE);

        await("the failed status", () -> messages(failing).path(0).path("status").asText().equals("FAILED"));
        assertEquals("Phone carrier has blocked this message", messages(failing).get(0).path("providerResponse").asText());
    }

    @Test
    void forgedUnknownAndRepeatedRecordsChangeNothing() throws Exception {
        send("pay-dlr-3-SMS", FAILING_PHONE);
        await("the failed status", () -> messages(failing).findValuesAsText("notificationId").contains("pay-dlr-3-SMS")
                && messages(failing).path(0).path("status").asText().equals("FAILED"));
        String messageId = snsMessageId(FAILING_PHONE);
        JsonNode before = messages(failing);

        List<Object> answers = List.of(
                // A MessageId SNS never gave us.
                stack.stack.deliverLogLine(successGroup, record("00000000-0000-0000-0000-000000000000", FAILING_PHONE, "SUCCESS")),
                // Ours, but naming another number.
                stack.stack.deliverLogLine(successGroup, record(messageId, DELIVERED_PHONE, "SUCCESS")),
                // Ours and right, but after its final status: never moves it.
                stack.stack.deliverLogLine(successGroup, record(messageId, FAILING_PHONE, "SUCCESS")),
                // Not a delivery status record at all.
                stack.stack.deliverLogLine(successGroup, "{\"status\":\"SUCCESS\"}"));

        assertEquals(before, messages(failing));
        // Each answer is the function's tally: counted and ignored.
        assertEquals("[[{\"stored\":0,\"stale\":0,\"unknown\":1,\"unreadable\":0,\"retried\":0}],"
                + " [{\"stored\":0,\"stale\":0,\"unknown\":1,\"unreadable\":0,\"retried\":0}],"
                + " [{\"stored\":0,\"stale\":1,\"unknown\":0,\"unreadable\":0,\"retried\":0}],"
                + " [{\"stored\":0,\"stale\":0,\"unknown\":0,\"unreadable\":1,\"retried\":0}]]", answers.toString());
    }
}
