package com.wispbill.notify;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.wispbill.adapters.dynamodb.DynamoWhatsAppMessageRepository;
import com.wispbill.domain.notify.WhatsAppMessage;
import com.wispbill.local.providers.Callback;
import java.nio.file.Path;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoSmsTemplateRepository;
import com.wispbill.adapters.dynamodb.DynamoWhatsAppSettingsRepository;
import com.wispbill.adapters.repository.WhatsAppSettingsRepository;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.sqs.SqsNotificationQueue;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.notify.SmsSettings;
import com.wispbill.domain.notify.WhatsAppTemplate;
import com.wispbill.local.providers.WhatsAppCloudSimulator;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.local.stack.SentSms;
import com.wispbill.notify.adapters.CloudApiWhatsAppGateway;
import com.wispbill.notify.adapters.SecretsManagerWhatsAppAccounts;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * WhatsApp beside SMS on the embedded stack: the reseller's number in Secrets Manager, its approved
 * templates and the customers' opt-ins in DynamoDB, the Cloud API stand-in, SMS through the stack's SNS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatsAppChannelTest {
    private static final Path EVENTS = Path.of("../../events").toAbsolutePath().normalize();
    private static final String RESELLER = "wa-reseller";
    private static final String NUMBER_ID = "1065550001";
    private static final String OPTED_IN = "+255712000501";
    private static final String SMS_ONLY = "+255712000502";
    private static final String STOPPING = "+255712000503";

    private NotifierStack notifier;
    private EmbeddedStack stack;
    private WhatsAppCloudSimulator cloud;
    private volatile NotifierHandler handler;
    private volatile WhatsAppWebhookHandler webhookHandler;
    private DynamoWhatsAppMessageRepository messages;
    private DynamoWhatsAppSettingsRepository whatsAppSettings;
    private SecretsManagerWhatsAppAccounts accounts;
    private URI webhookUrl;

    @BeforeAll
    void start() {
        notifier = new NotifierStack(EmbeddedStack.options().onlyFunctions("NotifierFunction", "WhatsAppWebhookFunction")
                .schedulesEnabled(false)
                .handler("NotifierFunction", (RequestHandler<SQSEvent, SQSBatchResponse>) (e, c) -> handler.handleRequest(e, c))
                .handler("WhatsAppWebhookFunction",
                        (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) (e, c) -> webhookHandler.handleRequest(e, c)));
        stack = notifier.stack;
        DynamoDbClient dynamoDb = notifier.dynamoDb;
        String table = notifier.table;
        webhookUrl = URI.create(stack.httpApiEndpoint() + "/whatsapp-webhooks/" + RESELLER);
        cloud = WhatsAppCloudSimulator.start().number(NUMBER_ID, "wa-token", "app-secret", webhookUrl)
                .approveTemplate(NUMBER_ID, "voucher_receipt", "sw", 3)
                .approveTemplate(NUMBER_ID, "expiry_reminder", "sw", 2);
        SecretsManagerClient secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        secrets.createSecret(b -> b.name("wispbill/whatsapp/" + RESELLER).secretString("{\"phoneNumberId\":\"" + NUMBER_ID
                + "\",\"accessToken\":\"wa-token\",\"appSecret\":\"app-secret\",\"verifyToken\":\"verify-1\"}"));
        // The reseller the sample events (events/whats-app-webhook-*.json) are signed for.
        secrets.createSecret(b -> b.name("wispbill/whatsapp/sample-wa-reseller").secretString("{\"phoneNumberId\":\"1065550009\","
                + "\"accessToken\":\"t\",\"appSecret\":\"sample-app-secret\",\"verifyToken\":\"sample-verify-token\"}"));
        whatsAppSettings = new DynamoWhatsAppSettingsRepository(dynamoDb, table);
        whatsAppSettings.saveTemplate(RESELLER, SmsTemplate.VOUCHER_ISSUED, new WhatsAppTemplate("voucher_receipt", "sw"));
        whatsAppSettings.saveTemplate(RESELLER, SmsTemplate.EXPIRY_REMINDER, new WhatsAppTemplate("expiry_reminder", "sw"));
        whatsAppSettings.optIn(RESELLER, OPTED_IN);
        whatsAppSettings.optIn(RESELLER, STOPPING);
        messages = new DynamoWhatsAppMessageRepository(dynamoDb, table);
        accounts = new SecretsManagerWhatsAppAccounts(AwsClients.newSecretsManager(), "wispbill/whatsapp/");
        webhookHandler = new WhatsAppWebhookHandler(new WhatsAppWebhook(accounts, messages, whatsAppSettings,
                new SqsNotificationQueue(AwsClients.newSqsClient(), stack.resources().queueUrl("NotificationsQueue")),
                java.time.Clock.systemUTC()));
        DynamoSmsTemplateRepository smsTemplates = new DynamoSmsTemplateRepository(dynamoDb, table);
        smsTemplates.saveSettings(RESELLER, new SmsSettings("sw", Optional.empty()));
        handler = new NotifierHandler(notifier.sender(
                new WhatsAppRoute(whatsAppSettings, accounts, new CloudApiWhatsAppGateway(cloud.baseUrl()), messages)), notifier.alerts());
    }

    @AfterAll
    void stop() {
        if (cloud != null) {
            cloud.close();
        }
        if (notifier != null) {
            notifier.close();
        }
    }

    @BeforeEach
    void clear() {
        stack.sns().clearSentSms();
    }

    private static String reminder(String notificationId, String phone) {
        return MessageCodec.encode(new SmsRequest(notificationId, RESELLER, phone, SmsTemplate.EXPIRY_REMINDER,
                Map.of("plan", "Siku 1", "expiresAt", "18:00"), Instant.parse("2026-12-05T10:00:00Z")));
    }

    private static String receipt(String notificationId, String phone) {
        return MessageCodec.encode(new SmsRequest(notificationId, RESELLER, phone, SmsTemplate.VOUCHER_ISSUED,
                Map.of("code", "KX7-42QP", "plan", "Siku 1", "validity", "24h"), Instant.parse("2026-12-05T10:00:00Z")));
    }

    private List<String> failed(String... bodies) {
        return failed(handler, bodies);
    }

    private static List<String> failed(NotifierHandler handler, String... bodies) {
        SQSEvent event = new SQSEvent();
        event.setRecords(java.util.stream.IntStream.range(0, bodies.length).mapToObj(i -> {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("m-" + i);
            m.setBody(bodies[i]);
            return m;
        }).toList());
        return handler.handleRequest(event, null).getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private List<SentSms> smsTo(String phone) {
        return stack.sns().sentSms().stream().filter(s -> s.phoneNumber().equals(phone)).toList();
    }

    @Test
    void anOptedInCustomerGetsOneWhatsAppTemplateWithTheVoucherCodeInTheResellersLanguageAndNoSms() {
        assertEquals(List.of(), failed(receipt("wa-receipt-1", OPTED_IN)));

        List<WhatsAppCloudSimulator.SentMessage> sent = cloud.sentTo("255712000501").stream()
                .filter(m -> m.bodyParameters().contains("KX7-42QP")).toList();
        assertEquals(1, sent.size());
        assertEquals("voucher_receipt", sent.getFirst().template());
        assertEquals("sw", sent.getFirst().language());
        assertEquals(List.of("KX7-42QP", "Siku 1", "24h"), sent.getFirst().bodyParameters());
        assertEquals(List.of(), smsTo(OPTED_IN));
    }

    @Test
    void theSameNotificationDeliveredTwiceSendsOneWhatsAppMessage() {
        String body = receipt("wa-twice-1", OPTED_IN);
        long before = cloud.sent().size();

        assertEquals(List.of(), failed(body));
        assertEquals(List.of(), failed(body));

        assertEquals(before + 1, cloud.sent().size());
        assertEquals(List.of(), smsTo(OPTED_IN));
    }

    @Test
    void whenTheCloudApiRefusesTheMessageExactlyOneSmsGoesInstead() {
        long before = cloud.sent().size();
        cloud.failNext(1, 131026);

        assertEquals(List.of(), failed(receipt("wa-refused-1", OPTED_IN)));
        assertEquals(List.of(), failed(receipt("wa-refused-1", OPTED_IN)));

        assertEquals(before, cloud.sent().size());
        List<SentSms> sms = smsTo(OPTED_IN);
        assertEquals(1, sms.size());
        assertTrue(sms.getFirst().message().contains("KX7-42QP"));
    }

    @Test
    void aSettingsReadThatFailsBeforeTheSendLeavesTheReceiptToItsRetry() {
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger(1);
        WhatsAppAccounts throttledOnce = resellerId -> {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("Secrets Manager throttled the read");
            }
            return accounts.account(resellerId);
        };
        NotifierHandler flaky = new NotifierHandler(notifier.sender(new WhatsAppRoute(whatsAppSettings, throttledOnce,
                new CloudApiWhatsAppGateway(cloud.baseUrl()), messages)), notifier.alerts());
        String body = receipt("wa-throttled-1", OPTED_IN).replace("KX7-42QP", "TH7-42QP");
        long before = cloud.sent().size();

        assertEquals(List.of("m-0"), failed(flaky, body), "nothing sent: the queue redelivers it");
        assertEquals(List.of(), failed(flaky, body), "the retry sends, the claim was given back");

        assertEquals(before + 1, cloud.sent().size());
        assertEquals(List.of(), smsTo(OPTED_IN));
    }

    private static String cacheReceipt(String notificationId) {
        return receipt(notificationId, OPTED_IN).replace("KX7-42QP", "CA7-42QP");
    }

    @Test
    void aWarmFunctionReadsAResellersNumberAndTemplatesOnceEveryFiveMinutesNotForEveryNotice() {
        java.util.concurrent.atomic.AtomicInteger secretReads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger templateReads = new java.util.concurrent.atomic.AtomicInteger();
        WhatsAppAccounts countedAccounts = resellerId -> {
            secretReads.incrementAndGet();
            return accounts.account(resellerId);
        };
        WhatsAppSettingsRepository countedSettings = (WhatsAppSettingsRepository) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {WhatsAppSettingsRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("templates")) {
                        templateReads.incrementAndGet();
                    }
                    return method.invoke(whatsAppSettings, args);
                });
        com.wispbill.testing.MutableClock clock = new com.wispbill.testing.MutableClock(Instant.now());
        NotifierHandler warm = new NotifierHandler(notifier.sender(new WhatsAppRoute(countedSettings, countedAccounts,
                new CloudApiWhatsAppGateway(cloud.baseUrl()), messages, WhatsAppRoute.SETTINGS_TTL, clock)), notifier.alerts());
        long before = cloud.sent().size();

        assertEquals(List.of(), failed(warm, cacheReceipt("wa-cache-1"), cacheReceipt("wa-cache-2"), reminder("wa-cache-3", OPTED_IN)));
        assertEquals(1, secretReads.get());
        assertEquals(1, templateReads.get());

        clock.advance(WhatsAppRoute.SETTINGS_TTL);
        assertEquals(List.of(), failed(warm, cacheReceipt("wa-cache-4")));

        assertEquals(2, secretReads.get());
        assertEquals(2, templateReads.get());
        assertEquals(before + 4, cloud.sent().size());
    }

    @Test
    void aCustomerWhoDidNotOptInGetsTheSms() {
        long before = cloud.sent().size();

        assertEquals(List.of(), failed(receipt("wa-sms-only-1", SMS_ONLY)));

        assertEquals(before, cloud.sent().size());
        assertEquals(1, smsTo(SMS_ONLY).size());
    }

    @Test
    void aLostWhatsAppAnswerIsNeitherRepeatedNorFollowedByAnSms() {
        long before = cloud.sent().size();
        cloud.loseNextAnswer("255712000501");

        assertEquals(List.of(), failed(receipt("wa-lost-1", OPTED_IN)));
        assertEquals(List.of(), failed(receipt("wa-lost-1", OPTED_IN)));

        assertEquals(before + 1, cloud.sent().size());
        assertEquals(List.of(), smsTo(OPTED_IN));
    }

    private WhatsAppMessage onlyMessage(String phone, String notificationId) {
        List<WhatsAppMessage> found = messages.messages(RESELLER, phone, 100).stream()
                .filter(m -> m.notificationId().equals(notificationId)).toList();
        assertEquals(1, found.size());
        return found.getFirst();
    }

    @Test
    void theStandInsStatusWebhooksAreStoredAndNeverGoBack() {
        assertEquals(List.of(), failed(receipt("wa-status-1", OPTED_IN)));
        String id = onlyMessage(OPTED_IN, "wa-status-1").messageId();
        assertEquals(WhatsAppMessage.Status.SENT, onlyMessage(OPTED_IN, "wa-status-1").status());

        assertEquals(200, cloud.status(id, "delivered").deliver().status());
        assertEquals(WhatsAppMessage.Status.DELIVERED, onlyMessage(OPTED_IN, "wa-status-1").status());
        assertEquals(200, cloud.status(id, "read").deliver().status());
        assertEquals(200, cloud.status(id, "delivered").deliver().status());

        assertEquals(WhatsAppMessage.Status.READ, onlyMessage(OPTED_IN, "wa-status-1").status());
    }

    private List<SentSms> smsWith(String code) {
        return stack.sns().sentSms().stream().filter(s -> s.message().contains(code)).toList();
    }

    @Test
    void aWhatsAppMessageThatFailsAfterItWasAcceptedIsFollowedByExactlyOneSmsHoweverOftenTheStatusComes() throws Exception {
        assertEquals(List.of(), failed(receipt("wa-late-fail-1", OPTED_IN).replace("KX7-42QP", "LF7-42QP")));
        String id = onlyMessage(OPTED_IN, "wa-late-fail-1").messageId();
        assertEquals(List.of(), smsWith("LF7-42QP"));

        assertEquals(200, cloud.status(id, "failed").deliver().status());
        NotifierStack.await("the SMS instead", () -> smsWith("LF7-42QP").size() == 1);
        assertEquals(200, cloud.status(id, "failed").deliver().status());
        assertEquals(200, cloud.status(id, "delivered").deliver().status());
        // A second failure after them: once its SMS is out, the redelivered status has been through the queue too.
        assertEquals(List.of(), failed(receipt("wa-late-fail-2", OPTED_IN).replace("KX7-42QP", "LF8-42QP")));
        assertEquals(200, cloud.status(onlyMessage(OPTED_IN, "wa-late-fail-2").messageId(), "failed").deliver().status());
        NotifierStack.await("the marker's SMS", () -> smsWith("LF8-42QP").size() == 1);

        List<SentSms> sms = smsWith("LF7-42QP");
        assertEquals(1, sms.size());
        assertEquals(OPTED_IN, sms.getFirst().phoneNumber());
        assertEquals(WhatsAppMessage.Status.FAILED, onlyMessage(OPTED_IN, "wa-late-fail-1").status());
        assertEquals(1, cloud.sent().stream().filter(m -> m.bodyParameters().contains("LF7-42QP")).count(),
                "the SMS instead does not go by WhatsApp again");
    }

    @Test
    void aForgedStatusWebhookIsRefusedWith401AndNothingIsStored() {
        assertEquals(List.of(), failed(receipt("wa-forged-1", OPTED_IN)));
        String id = onlyMessage(OPTED_IN, "wa-forged-1").messageId();
        Callback delivered = cloud.status(id, "delivered");

        assertEquals(401, delivered.withHeader("X-Hub-Signature-256", "sha256=" + "0".repeat(64)).deliver().status());
        assertEquals(401, delivered.withBody(delivered.bodyText().replace("delivered", "read")).deliver().status());
        assertEquals(401, cloud.status(id, "read").withUrl(URI.create(webhookUrl.toString().replace(RESELLER, "other-reseller")))
                .deliver().status());

        assertEquals(413, delivered.withBody(delivered.bodyText() + " ".repeat(1 << 20)).deliver().status(),
                "a 1 MiB body is refused from its size, before any secret is read");

        assertEquals(WhatsAppMessage.Status.SENT, onlyMessage(OPTED_IN, "wa-forged-1").status());
    }

    @Test
    void theSubscriptionHandshakeEchoesTheChallengeOnlyForTheResellersVerifyToken() {
        assertTrue(cloud.verifyWebhook(webhookUrl, "verify-1"));
        assertFalse(cloud.verifyWebhook(webhookUrl, "verify-2"));
    }

    @Test
    void afterStopNoRemindersGoOnAnyChannelButReceiptsStillGoBySms() {
        assertEquals(200, cloud.inboundText(NUMBER_ID, "255712000503", " Stop ").deliver().status());
        long before = cloud.sent().size();

        assertEquals(List.of(), failed(reminder("wa-stop-reminder-1", STOPPING), receipt("wa-stop-receipt-1", STOPPING)));

        assertEquals(before, cloud.sent().size());
        List<SentSms> sms = smsTo(STOPPING);
        assertEquals(1, sms.size());
        assertTrue(sms.getFirst().message().contains("KX7-42QP"));
    }

    @Test
    void anOptedInCustomersReminderGoesByWhatsApp() {
        assertEquals(List.of(), failed(reminder("wa-reminder-1", OPTED_IN)));

        String id = onlyMessage(OPTED_IN, "wa-reminder-1").messageId();
        WhatsAppCloudSimulator.SentMessage sent = cloud.sent().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
        assertEquals("expiry_reminder", sent.template());
        assertEquals(List.of("Siku 1", "18:00"), sent.bodyParameters());
        assertEquals(List.of(), smsTo(OPTED_IN));
    }

    @Test
    void theSampleEventsAnswerAsTheirNamesSay() {
        APIGatewayV2HTTPResponse delivered = webhookHandler.handleRequest(EventLoader.loadApiGatewayHttpEvent(
                EVENTS.resolve("whats-app-webhook-status-delivered.json").toString()), null);
        APIGatewayV2HTTPResponse forged = webhookHandler.handleRequest(EventLoader.loadApiGatewayHttpEvent(
                EVENTS.resolve("whats-app-webhook-bad-signature.json").toString()), null);
        APIGatewayV2HTTPResponse handshake = webhookHandler.handleRequest(EventLoader.loadApiGatewayHttpEvent(
                EVENTS.resolve("whats-app-webhook-handshake.json").toString()), null);

        assertEquals(200, delivered.getStatusCode());
        assertEquals(401, forged.getStatusCode());
        assertEquals(200, handshake.getStatusCode());
        assertEquals("1158201444", handshake.getBody());
    }
}
