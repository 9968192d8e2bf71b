package com.wispbill.api;

import com.wispbill.adapters.aws.SignedAwsClient;
import com.wispbill.adapters.aws.SesApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoAlertEmailRepository;
import com.wispbill.adapters.dynamodb.DynamoAlertRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsDeliveryRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsMessageRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsQuota;
import com.wispbill.adapters.dynamodb.DynamoSmsTemplateRepository;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.metrics.OperationalMetrics;
import com.wispbill.local.stack.SentEmail;
import com.wispbill.notify.AlertEmails;
import com.wispbill.notify.NotifierHandler;
import com.wispbill.notify.SmsSender;
import com.wispbill.notify.WhatsAppRoute;
import com.wispbill.notify.adapters.SesAlertMailer;
import com.wispbill.notify.adapters.SnsSmsGateway;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Alert addresses set through the API reach the notifier's emails (the stack's SES records them): the
 * operator's addresses for platform alerts ({@code PUT /v1/platform/alert-emails}, operator keys only),
 * and a reseller's for the alerts the notifier raises itself (here: the daily SMS quota).
 */
class AlertEmailsEndToEndTest {
    private static TestStack stack;
    private static ApiClient api;
    private static TestStack.Tenant operator;
    private static TestStack.Tenant reseller;

    @BeforeAll
    static void start() {
        stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        operator = stack.onboard("Platform alerts operator", ApiKeyRole.OPERATOR);
        reseller = stack.onboard("Yankee Alerts", ApiKeyRole.RESELLER);
    }

    /** The notifier as its function builds it over the stack, with a daily SMS limit of {@code dailyLimit}. */
    private static NotifierHandler notifier(long dailyLimit) {
        String table = stack.tables.entityTable();
        var alerts = new DynamoAlertRepository(stack.dynamoDb, table);
        var emails = new AlertEmails(new DynamoAlertEmailRepository(stack.dynamoDb, table),
                new SesAlertMailer(SesApi.create(SignedAwsClient.Options.standard()), "alerts@wispbill.example"));
        return new NotifierHandler(new SmsSender(new DynamoSmsTemplateRepository(stack.dynamoDb, table),
                new DynamoSmsDeliveryRepository(stack.dynamoDb, table), new DynamoSmsQuota(stack.dynamoDb, table), dailyLimit, alerts,
                new SnsSmsGateway(AwsClients.newSnsWithoutRetries()), "WISPbill", Clock.systemUTC(), WhatsAppRoute.NONE,
                new DynamoSmsMessageRepository(stack.dynamoDb, table), emails), alerts, OperationalMetrics.DISCARD, emails);
    }

    private static void handle(NotifierHandler notifier, String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-" + body.hashCode());
        message.setBody(body);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        assertEquals(List.of(), notifier.handleRequest(event, null).getBatchItemFailures());
    }

    private static List<SentEmail> mailTo(String address) {
        return stack.stack.ses().sentEmails().stream().filter(m -> m.to().contains(address)).toList();
    }

    @Test
    void theOperatorSetsThePlatformAddressesThroughTheApiAndAPlatformAlertIsEmailedThere() {
        var addresses = new DynamoAlertEmailRepository(stack.dynamoDb, stack.tables.entityTable());
        api.call("PUT", "/v1/platform/alert-emails", reseller.key(), "{\"addresses\": [\"intruder@example.com\"]}").expect(403);
        assertEquals(List.of("addresses[1]"), api.call("PUT", "/v1/platform/alert-emails", operator.key(),
                "{\"addresses\": [\"noc@wispbill.example\", \"not-an-address\"]}").expect(400).errorFields());
        assertEquals(List.of(), addresses.addresses(Optional.empty()));

        api.call("PUT", "/v1/platform/alert-emails", operator.key(), "{\"addresses\": [\"noc@wispbill.example\"]}").expect(200);
        assertEquals("noc@wispbill.example", api.call("GET", "/v1/platform/alert-emails", operator.key()).expect(200).json()
                .path("addresses").get(0).asText());
        api.call("GET", "/v1/platform/alert-emails", reseller.key()).expect(403);

        handle(notifier(SmsSender.DEFAULT_DAILY_LIMIT), MessageCodec.encode(new Alert("platform-mail-1", Optional.empty(),
                "DLQ#notifications", Alert.Severity.CRITICAL, false, "Notifications reached the DLQ", "3 messages.", Instant.now())));

        List<SentEmail> mail = mailTo("noc@wispbill.example");
        assertEquals(1, mail.size());
        assertEquals("[CRITICAL] Notifications reached the DLQ", mail.getFirst().subject());
        assertTrue(mailTo("intruder@example.com").isEmpty());
    }

    @Test
    void anAlertTheNotifierRaisesItselfIsEmailedToTheResellersAddresses() {
        api.call("PUT", "/v1/settings/alert-emails", reseller.key(), "{\"addresses\": [\"owner@yankee.example\"]}").expect(200);
        NotifierHandler overQuota = notifier(1);

        handle(overQuota, MessageCodec.encode(new SmsRequest("quota-mail-1", reseller.resellerId(), "+255712000941",
                SmsTemplate.EXPIRED, Map.of("plan", "Siku 1"), Instant.now())));
        handle(overQuota, MessageCodec.encode(new SmsRequest("quota-mail-2", reseller.resellerId(), "+255712000942",
                SmsTemplate.EXPIRED, Map.of("plan", "Siku 1"), Instant.now())));

        List<SentEmail> mail = mailTo("owner@yankee.example");
        assertEquals(1, mail.size(), "one alert for the day, so one email");
        assertEquals("[WARNING] Daily SMS quota reached", mail.getFirst().subject());
        assertTrue(stack.stack.sns().sentSms().stream().noneMatch(s -> s.phoneNumber().equals("+255712000942")));
    }
}
