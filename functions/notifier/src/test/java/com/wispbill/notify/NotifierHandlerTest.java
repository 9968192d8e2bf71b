package com.wispbill.notify;

import com.wispbill.adapters.dynamodb.DynamoSmsQuota;
import com.wispbill.adapters.repository.SmsDeliveryRepository.Unsent;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoAlertRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsDeliveryRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsTemplateRepository;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.repository.SmsDeliveryRepository.Claim;
import com.wispbill.adapters.sns.SnsAlertPublisher;
import com.wispbill.adapters.sqs.SqsNotificationQueue;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.metrics.Metric;
import com.wispbill.domain.notify.SmsSettings;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.local.stack.SentSms;
import com.wispbill.notify.adapters.SnsSmsGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The notifier on the embedded stack built from template.yaml: real DynamoDB Local, ElasticMQ and
 * the stack's SNS endpoint, which records SMS instead of sending them. Handler tests are driven by
 * the sample events in {@code events/notifier-*.json}; the end-to-end tests go through the queue
 * poller and the alerts topic's raw subscription as the template wires them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotifierHandlerTest {
    private static final Path EVENTS = Path.of("../../events").toAbsolutePath().normalize();
    private static final String RESELLER = "demo-reseller";
    /** Reseller of the requests settled UNCERTAIN: their alerts stay open, away from the alert tests' reseller. */
    private static final String UNCERTAIN_RESELLER = "uncertain-reseller";

    private EmbeddedStack stack;
    private DynamoDbClient dynamoDb;
    private String table;
    private volatile NotifierHandler handler;
    /** Number of upcoming gateway calls that fail before reaching SNS (an SNS outage). */
    private final AtomicInteger failNextSends = new AtomicInteger();

    @BeforeAll
    void startStack() {
        stack = EmbeddedStack.start(EmbeddedStack.options()
                .onlyFunctions("NotifierFunction")
                .schedulesEnabled(false)
                // The instance is built after start, when the SDK clients can reach the stack.
                .handler("NotifierFunction", (RequestHandler<SQSEvent, SQSBatchResponse>) (e, c) -> handler.handleRequest(e, c)));
        dynamoDb = AwsClients.newDynamoDbClient();
        table = stack.resources().tableName("EntityTable");
        handler = handler(Clock.systemUTC());
    }

    @AfterAll
    void stopStack() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void clearSms() {
        stack.sns().clearSentSms();
        failNextSends.set(0);
    }

    private NotifierHandler handler(Clock clock) {
        return handler(clock, SmsSender.DEFAULT_DAILY_LIMIT, new SnsSmsGateway(AwsClients.newSnsWithoutRetries()));
    }

    /** {@code sns}: the gateway once the outage (if any, {@link #failNextSends}) is over. */
    private NotifierHandler handler(Clock clock, long dailyLimit, SmsGateway sns) {
        return new NotifierHandler(sender(clock, dailyLimit, sns), alerts());
    }

    /** The real sender over the stack, publishing through {@code sns} once the outage ({@link #failNextSends}) is over. */
    private SmsSender sender(Clock clock, long dailyLimit, SmsGateway sns) {
        SmsGateway outageThenSns = (phone, text, senderId) -> {
            if (failNextSends.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new SmsNotAcceptedException("SNS unavailable", new IllegalStateException("503 before the publish"));
            }
            return sns.send(phone, text, senderId);
        };
        return new SmsSender(templates(), deliveries(), new DynamoSmsQuota(dynamoDb, table), dailyLimit,
                alerts(), outageThenSns, "WISPbill", clock);
    }

    private DynamoSmsTemplateRepository templates() {
        return new DynamoSmsTemplateRepository(dynamoDb, table);
    }

    private DynamoSmsDeliveryRepository deliveries() {
        return new DynamoSmsDeliveryRepository(dynamoDb, table);
    }

    private DynamoAlertRepository alerts() {
        return new DynamoAlertRepository(dynamoDb, table);
    }

    private static SQSEvent event(String file) {
        assertTrue(Files.isRegularFile(EVENTS.resolve(file)), file);
        return EventLoader.loadSQSEvent(EVENTS.resolve(file).toString());
    }

    private static SQSEvent eventOf(String... bodies) {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("m-" + i);
            m.setBody(bodies[i]);
            records.add(m);
        }
        event.setRecords(records);
        return event;
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private static SmsRequest sms(String notificationId, String reseller, SmsTemplate template, Map<String, String> parameters) {
        return new SmsRequest(notificationId, reseller, "+255712000111", template, parameters, Instant.parse("2026-11-22T21:00:00Z"));
    }

    private List<SentSms> smsFor(String phone) {
        return stack.sns().sentSms().stream().filter(s -> s.phoneNumber().equals(phone)).toList();
    }

    // ------------------------------------------------------------------ SMS

    @Test
    void smsEventSendsTheRenderedTextOnceAsTransactionalWithTheSenderId() {
        SQSBatchResponse first = handler.handleRequest(event("notifier-sms.json"), null);
        assertEquals(List.of(), failedIds(first));
        List<SentSms> sent = smsFor("+254712345678");
        assertEquals(1, sent.size());
        assertEquals("Your Daily 1 GB voucher code is K7QX2MPD4T, valid for 24 hours. Enter it on the hotspot login page.",
                sent.get(0).message());
        assertEquals("WISPbill", sent.get(0).senderId());
        assertEquals("Transactional", sent.get(0).smsType());

        // The same request again (a redelivery, or the producer re-sending it): acknowledged, not re-sent.
        SQSBatchResponse again = handler.handleRequest(event("notifier-sms.json"), null);
        assertEquals(List.of(), failedIds(again));
        assertEquals(1, smsFor("+254712345678").size());
    }

    @Test
    void invalidNumberIsRefusedWithoutSendingAndLeftForTheDlq() {
        SQSBatchResponse response = handler.handleRequest(event("notifier-sms-invalid-number.json"), null);
        assertEquals(List.of("5d2c1b0e-6a4f-4c7e-9a61-0b9c2f3d4e02"), failedIds(response));
        assertTrue(stack.sns().sentSms().isEmpty());
    }

    @Test
    void concurrentDeliveriesOfOneRequestSendOneSms() throws Exception {
        String body = MessageCodec.encode(sms("concurrent-1", RESELLER, SmsTemplate.EXPIRED, Map.of("plan", "Weekly")));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<SQSBatchResponse>> deliveries = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                deliveries.add(() -> handler.handleRequest(eventOf(body), null));
            }
            int inFlight = 0;
            for (Future<SQSBatchResponse> f : pool.invokeAll(deliveries)) {
                inFlight += f.get().getBatchItemFailures().size();
            }
            assertEquals(1, smsFor("+255712000111").size());
            // Deliveries that met the claim of the one sending were asked back; redelivered now, they find it sent.
            for (int i = 0; i < inFlight; i++) {
                assertEquals(List.of(), failedIds(handler.handleRequest(eventOf(body), null)));
            }
            assertEquals(1, smsFor("+255712000111").size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void countsSmsSentOnceAndFailedSends() {
        Map<Metric, Long> figures = new java.util.concurrent.ConcurrentHashMap<>();
        NotifierHandler metered = new NotifierHandler(sender(Clock.systemUTC(), SmsSender.DEFAULT_DAILY_LIMIT,
                new SnsSmsGateway(AwsClients.newSnsWithoutRetries())), alerts(),
                (metric, value, dimensions) -> figures.merge(metric, value, Long::sum));
        String body = MessageCodec.encode(sms("metrics-1", RESELLER, SmsTemplate.EXPIRED, Map.of("plan", "Weekly")));

        failNextSends.set(1);
        metered.handleRequest(eventOf(body), null);
        metered.handleRequest(eventOf(body), null);
        metered.handleRequest(eventOf(body), null);

        assertEquals(1L, figures.get(Metric.SMS_FAILED));
        assertEquals(1L, figures.get(Metric.SMS_SENT), "the redelivery after the send is a duplicate, not a second SMS");
    }

    @Test
    void aFailedPublishAfterTheClaimIsSentByTheRetry() {
        String body = MessageCodec.encode(sms("outage-1", RESELLER, SmsTemplate.DATA_EXHAUSTED, Map.of("plan", "Monthly")));
        failNextSends.set(1);
        assertEquals(List.of("m-0"), failedIds(handler.handleRequest(eventOf(body), null)));
        assertTrue(smsFor("+255712000111").isEmpty());

        assertEquals(List.of(), failedIds(handler.handleRequest(eventOf(body), null)));
        assertEquals(1, smsFor("+255712000111").size());
        assertEquals(List.of(), failedIds(handler.handleRequest(eventOf(body), null)));
        assertEquals(1, smsFor("+255712000111").size());
    }

    @Test
    void aClaimWhoseSenderDiedIsNeverPublishedAgainButSettledUncertainWithOneAlert() {
        Instant t0 = Instant.parse("2026-11-22T21:00:00Z");
        var deliveries = deliveries();
        Claim first = deliveries.claim(UNCERTAIN_RESELLER, "crashed-1", t0, Duration.ofSeconds(90));
        Claim.Claimed claimed = assertInstanceOf(Claim.Claimed.class, first);
        assertEquals(1, claimed.attempt());
        // The sender "crashed" (no mark, no release), maybe after SNS took the text: within the lease others wait ...
        assertInstanceOf(Claim.InFlight.class, deliveries.claim(UNCERTAIN_RESELLER, "crashed-1", t0.plusSeconds(30), Duration.ofSeconds(90)));
        // ... after it, the next delivery does not publish blindly: it settles the request UNCERTAIN and alerts.
        NotifierHandler later = handler(Clock.fixed(t0.plusSeconds(91), ZoneOffset.UTC));
        String body = MessageCodec.encode(sms("crashed-1", UNCERTAIN_RESELLER, SmsTemplate.EXPIRED, Map.of("plan", "Daily")));
        assertEquals(List.of(), failedIds(later.handleRequest(eventOf(body), null)));
        assertEquals(List.of(), failedIds(later.handleRequest(eventOf(body), null)));
        assertTrue(smsFor("+255712000111").isEmpty());
        assertEquals(new Claim.Settled(Unsent.UNCERTAIN),
                deliveries.claim(UNCERTAIN_RESELLER, "crashed-1", t0.plusSeconds(500), Duration.ofSeconds(90)));
        assertEquals(1, alerts().openAlerts(UNCERTAIN_RESELLER).stream().filter(a -> a.key().equals("SMS_UNCERTAIN#crashed-1")).count());
        // The crashed sender's late mark cannot overwrite the settlement.
        assertThrows(com.wispbill.domain.ConflictException.class,
                () -> deliveries.markSent(UNCERTAIN_RESELLER, "crashed-1", claimed.token(), "late", t0.plusSeconds(600)));
    }

    @Test
    void aTimeoutAfterSnsTookThePublishIsNotSentAgainOnRedelivery() {
        SmsGateway sns = new SnsSmsGateway(AwsClients.newSnsWithoutRetries());
        // SNS takes the text, then the answer is lost (a read timeout after the request went out).
        SmsGateway answerLost = (phone, text, senderId) -> {
            sns.send(phone, text, senderId);
            throw SdkClientException.create("Unable to execute HTTP request: Read timed out",
                    new java.net.SocketTimeoutException("Read timed out"));
        };
        NotifierHandler timingOut = handler(Clock.systemUTC(), SmsSender.DEFAULT_DAILY_LIMIT, answerLost);
        String body = MessageCodec.encode(new SmsRequest("timeout-1", UNCERTAIN_RESELLER, "+255712000222", SmsTemplate.EXPIRED,
                Map.of("plan", "Daily"), Instant.parse("2026-11-22T21:00:00Z")));

        assertEquals(List.of(), failedIds(timingOut.handleRequest(eventOf(body), null)));
        // Redelivered (SQS at least once, or the producer again), also to a healthy sender: still one SMS.
        assertEquals(List.of(), failedIds(timingOut.handleRequest(eventOf(body), null)));
        assertEquals(List.of(), failedIds(handler.handleRequest(eventOf(body), null)));
        assertEquals(1, smsFor("+255712000222").size());
        assertEquals(1, alerts().openAlerts(UNCERTAIN_RESELLER).stream().filter(a -> a.key().equals("SMS_UNCERTAIN#timeout-1")).count());
    }

    @Test
    void aResellerOverItsDailySmsQuotaGetsNoMoreSmsThatDayAndOneAlert() {
        String reseller = "quota-reseller-" + System.nanoTime();
        NotifierHandler limited = handler(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC), 2,
                new SnsSmsGateway(AwsClients.newSnsWithoutRetries()));
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            bodies.add(MessageCodec.encode(new SmsRequest("quota-" + reseller + "-" + i, reseller, "+255712000333",
                    SmsTemplate.EXPIRED, Map.of("plan", "Daily"), Instant.parse("2026-11-23T10:00:00Z"))));
        }
        for (String body : bodies) {
            assertEquals(List.of(), failedIds(limited.handleRequest(eventOf(body), null)));
        }
        assertEquals(2, smsFor("+255712000333").size());
        // Refused ones are recorded: a redelivery neither sends nor counts again.
        assertEquals(List.of(), failedIds(limited.handleRequest(eventOf(bodies.get(3)), null)));
        assertEquals(new Claim.Settled(Unsent.OVER_QUOTA), deliveries().claim(reseller, "quota-" + reseller + "-3",
                Instant.parse("2026-11-23T10:05:00Z"), Duration.ofSeconds(90)));
        assertEquals(2, smsFor("+255712000333").size());
        assertEquals(List.of("SMS_DAILY_QUOTA#2026-11-23"), alerts().openAlerts(reseller).stream().map(Alert::key).toList());
        // The next day has a fresh allowance.
        NotifierHandler nextDay = handler(Clock.fixed(Instant.parse("2026-11-24T00:01:00Z"), ZoneOffset.UTC), 2,
                new SnsSmsGateway(AwsClients.newSnsWithoutRetries()));
        assertEquals(List.of(), failedIds(nextDay.handleRequest(eventOf(MessageCodec.encode(new SmsRequest(
                "quota-" + reseller + "-next", reseller, "+255712000333", SmsTemplate.EXPIRED, Map.of("plan", "Daily"),
                Instant.parse("2026-11-24T00:01:00Z")))), null)));
        assertEquals(3, smsFor("+255712000333").size());
    }

    @Test
    void aDailyLimitOfZeroSendsNoSmsAtAll() {
        String reseller = "zero-quota-reseller-" + System.nanoTime();
        NotifierHandler none = handler(Clock.systemUTC(), 0, new SnsSmsGateway(AwsClients.newSnsWithoutRetries()));

        assertEquals(List.of(), failedIds(none.handleRequest(eventOf(MessageCodec.encode(new SmsRequest("zero-" + reseller,
                reseller, "+255712000334", SmsTemplate.EXPIRED, Map.of("plan", "Daily"), Instant.now()))), null)));

        assertEquals(0, smsFor("+255712000334").size());
        assertEquals(1, alerts().openAlerts(reseller).size());
    }

    @Test
    void resellerLanguageAndOverridesPickTheText() {
        String reseller = "reseller-sw";
        templates().saveApprovals(reseller, new com.wispbill.domain.notify.SmsApprovals(List.of("KIBANDA"), false));
        templates().saveSettings(reseller, new SmsSettings("sw", Optional.of("KIBANDA")));
        String builtIn = MessageCodec.encode(sms("sw-1", reseller, SmsTemplate.EXPIRED, Map.of("plan", "Siku")));
        assertEquals(List.of(), failedIds(handler.handleRequest(eventOf(builtIn), null)));
        SentSms swahili = smsFor("+255712000111").get(0);
        assertEquals("Huduma yako ya Siku imekwisha. Nunua kifurushi kipya ili uunganishwe tena.", swahili.message());
        assertEquals("KIBANDA", swahili.senderId());

        templates().saveOverride(reseller, "sw", SmsTemplate.EXPIRED, "Kifurushi {plan} kimeisha. Piga 0800 kwa msaada.");
        String overridden = MessageCodec.encode(sms("sw-2", reseller, SmsTemplate.EXPIRED, Map.of("plan", "Wiki")));
        assertEquals(List.of(), failedIds(handler.handleRequest(eventOf(overridden), null)));
        assertEquals("Kifurushi Wiki kimeisha. Piga 0800 kwa msaada.", smsFor("+255712000111").get(1).message());

        templates().removeOverride(reseller, "sw", SmsTemplate.EXPIRED);
        assertEquals(Map.of(), templates().overrides(reseller, "sw"));
        // An override asking for a value producers never send is refused and changes nothing.
        ValidationException bad = assertThrows(ValidationException.class,
                () -> templates().saveOverride(reseller, "sw", SmsTemplate.EXPIRED, "Namba {code}"));
        assertTrue(bad.hasErrorFor("templates.EXPIRED"), bad.getMessage());
        assertEquals(Map.of(), templates().overrides(reseller, "sw"));
    }

    @Test
    void aMissingTemplateParameterSendsNothingAndIsLeftForTheDlq() {
        String body = MessageCodec.encode(sms("missing-1", RESELLER, SmsTemplate.VOUCHER_ISSUED, Map.of("plan", "Daily")));
        String alsoOk = MessageCodec.encode(sms("missing-ok", RESELLER, SmsTemplate.EXPIRED, Map.of("plan", "Daily")));
        assertEquals(List.of("m-0", "m-2"), failedIds(handler.handleRequest(eventOf(body, alsoOk, "not json"), null)));
        List<SentSms> sent = smsFor("+255712000111");
        assertEquals(1, sent.size());
        assertTrue(sent.get(0).message().contains("Daily"));
    }

    @Test
    void smsQueuedByAProducerArrivesThroughThePoller() throws Exception {
        SqsNotificationQueue queue = new SqsNotificationQueue(AwsClients.newSqsClient(),
                stack.resources().queueUrl("NotificationsQueue"));
        queue.send(new SmsRequest("queued-1", RESELLER, "+256772000333", SmsTemplate.EXPIRY_REMINDER,
                Map.of("plan", "Daily", "expiresAt", "22 Nov 21:00"), Instant.now()));
        NotifierStack.await("the queued SMS", () -> !smsFor("+256772000333").isEmpty());
        assertEquals("Reminder: your Daily access ends at 22 Nov 21:00. Buy again to stay connected.",
                smsFor("+256772000333").get(0).message());
    }

    @Test
    void repositoriesRefuseBadInputWithAFieldErrorAndWriteNothing() {
        String bad = "reseller#other";
        assertTrue(assertThrows(ValidationException.class, () -> templates().saveSettings(bad, SmsSettings.DEFAULT))
                .hasErrorFor("resellerId"));
        assertTrue(assertThrows(ValidationException.class, () -> templates().saveOverride(RESELLER, "EN", SmsTemplate.EXPIRED, "{plan}"))
                .hasErrorFor("language"));
        assertTrue(assertThrows(ValidationException.class, () -> deliveries().claim(bad, "n-1", Instant.now(), Duration.ofSeconds(90)))
                .hasErrorFor("resellerId"));
        assertTrue(assertThrows(ValidationException.class, () -> deliveries().claim(RESELLER, " ", Instant.now(), Duration.ofSeconds(90)))
                .hasErrorFor("notificationId"));
        assertTrue(assertThrows(ValidationException.class, () -> deliveries().claim(RESELLER, "n-1", Instant.now(), Duration.ZERO))
                .hasErrorFor("lease"));
        assertTrue(assertThrows(ValidationException.class, () -> alerts().openAlerts(bad)).hasErrorFor("resellerId"));
        assertEquals(0, dynamoDb.query(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("RESELLER#" + bad))))
                .count());
        // "n-1" was never claimed: a valid claim now is the first attempt.
        assertEquals(1, assertInstanceOf(Claim.Claimed.class, deliveries().claim(RESELLER, "n-1", Instant.now(), Duration.ofSeconds(90))).attempt());
    }

    // ------------------------------------------------------------------ alerts

    @Test
    void alertRaiseThenResolveLeavesNoOpenAlert() {
        assertEquals(List.of(), failedIds(handler.handleRequest(event("notifier-alert-raised.json"), null)));
        List<Alert> open = alerts().openAlerts(RESELLER);
        assertEquals(1, open.size());
        assertEquals("ROUTER_DOWN#demo-router-1", open.get(0).key());
        assertEquals(Alert.Severity.CRITICAL, open.get(0).severity());
        assertFalse(open.get(0).resolved());

        assertEquals(List.of(), failedIds(handler.handleRequest(event("notifier-alert-resolved.json"), null)));
        assertEquals(List.of(), alerts().openAlerts(RESELLER));
        // The raise delivered again, late: it is older than the resolve and does not reopen the alert.
        assertEquals(List.of(), failedIds(handler.handleRequest(event("notifier-alert-raised.json"), null)));
        assertEquals(List.of(), alerts().openAlerts(RESELLER));
        assertTrue(stack.sns().sentSms().isEmpty());
    }

    @Test
    void alertPublishedToTheTopicBecomesAnOpenAlertThroughTheRawSubscription() throws Exception {
        SnsAlertPublisher publisher = new SnsAlertPublisher(AwsClients.newSns(), stack.resources().topicArn("AlertsTopic"));
        publisher.publish(new Alert("a-platform-1", Optional.empty(), "DLQ#router-commands", Alert.Severity.WARNING, false,
                "Router commands reached the DLQ", "", Instant.now()));
        publisher.publish(new Alert("a-reseller-1", Optional.of("reseller-topic"), "ROUTER_DOWN#r7", Alert.Severity.CRITICAL,
                false, "Router r7 is not answering", "", Instant.now()));
        NotifierStack.await("both alerts stored", () -> alerts().openPlatformAlerts().size() == 1
                && alerts().openAlerts("reseller-topic").size() == 1);
        assertEquals("Router r7 is not answering", alerts().openAlerts("reseller-topic").get(0).subject());
        assertEquals(List.of(), alerts().openAlerts(RESELLER).stream().filter(a -> a.key().equals("ROUTER_DOWN#r7")).toList());
    }
}
