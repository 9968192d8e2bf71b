package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoAlertRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsDeliveryRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsQuota;
import com.wispbill.adapters.dynamodb.DynamoSmsTemplateRepository;
import com.wispbill.adapters.dynamodb.DynamoWhatsAppMessageRepository;
import com.wispbill.adapters.dynamodb.DynamoWhatsAppSettingsRepository;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.Customer;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.local.providers.WhatsAppCloudSimulator;
import com.wispbill.notify.NotifierHandler;
import com.wispbill.notify.SmsSender;
import com.wispbill.notify.WhatsAppRoute;
import com.wispbill.notify.adapters.CloudApiWhatsAppGateway;
import com.wispbill.notify.adapters.SecretsManagerWhatsAppAccounts;
import com.wispbill.notify.adapters.SnsSmsGateway;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A reseller connects its number, maps the receipt template and opts a customer in, all through the API;
 * the notifier, built as its function builds it over the same table and secrets, then sends that customer's
 * receipt as one WhatsApp template message at the Cloud API stand-in, and no SMS.
 */
class WhatsAppSettingsEndToEndTest {
    private static final String NUMBER_ID = "1065550077";
    private static final String TOKEN = "EAAG-end-to-end-access-token";
    private static final String PHONE = "+255712000909";

    private static TestStack stack;
    private static WhatsAppCloudSimulator cloud;
    private static ApiClient api;
    private static TestStack.Tenant tenant;
    private static Customer customer;

    @BeforeAll
    static void start() {
        stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        tenant = stack.onboard("Whiskey Notices", ApiKeyRole.RESELLER);
        customer = Customer.create(tenant.resellerId(), PHONE, "Baraka", Clock.systemUTC());
        stack.store.customers().create(customer);
        cloud = WhatsAppCloudSimulator.start()
                .number(NUMBER_ID, TOKEN, "app-secret-0123456789", URI.create("http://127.0.0.1:9/unused"))
                .approveTemplate(NUMBER_ID, "voucher_receipt", "sw", 3);
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    private static NotifierHandler notifier() {
        String table = stack.tables.entityTable();
        var whatsAppSettings = new DynamoWhatsAppSettingsRepository(stack.dynamoDb, table);
        var route = new WhatsAppRoute(whatsAppSettings,
                new SecretsManagerWhatsAppAccounts(AwsClients.newSecretsManager(), TestStack.WHATSAPP_SECRETS_PREFIX),
                new CloudApiWhatsAppGateway(cloud.baseUrl()), new DynamoWhatsAppMessageRepository(stack.dynamoDb, table));
        var alerts = new DynamoAlertRepository(stack.dynamoDb, table);
        return new NotifierHandler(new SmsSender(new DynamoSmsTemplateRepository(stack.dynamoDb, table),
                new DynamoSmsDeliveryRepository(stack.dynamoDb, table), new DynamoSmsQuota(stack.dynamoDb, table),
                SmsSender.DEFAULT_DAILY_LIMIT, alerts, new SnsSmsGateway(AwsClients.newSnsWithoutRetries()), "WISPbill",
                Clock.systemUTC(), route), alerts);
    }

    @Test
    void aReceiptGoesOutAsOneWhatsAppTemplateMessageWithWhatWasSetThroughTheApi() {
        api.call("PUT", "/v1/settings/whatsapp", tenant.key(), """
                {"phoneNumberId": "%s", "accessToken": "%s", "appSecret": "app-secret-0123456789",
                 "verifyToken": "verify-end-to-end"}""".formatted(NUMBER_ID, TOKEN)).expect(200);
        api.call("PUT", "/v1/settings/whatsapp/templates", tenant.key(),
                "{\"templates\": {\"VOUCHER_ISSUED\": {\"name\": \"voucher_receipt\", \"language\": \"sw\"}}}").expect(200);
        api.call("PUT", "/v1/customers/" + customer.id() + "/whatsapp", tenant.key(), "{\"optedIn\": true}").expect(200);

        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-1");
        message.setBody(MessageCodec.encode(new SmsRequest("pay-e2e-1-SMS", tenant.resellerId(), PHONE, SmsTemplate.VOUCHER_ISSUED,
                Map.of("code", "QW3-77ZK", "plan", "Siku 1", "validity", "24h"), Instant.now())));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        assertTrue(notifier().handleRequest(event, null).getBatchItemFailures().isEmpty());

        List<WhatsAppCloudSimulator.SentMessage> sent = cloud.sentTo(PHONE.substring(1));
        assertEquals(1, sent.size());
        assertEquals("voucher_receipt", sent.get(0).template());
        assertEquals("sw", sent.get(0).language());
        assertEquals(List.of("QW3-77ZK", "Siku 1", "24h"), sent.get(0).bodyParameters());
        assertTrue(stack.stack.sns().sentSms().stream().noneMatch(s -> s.phoneNumber().equals(PHONE)));
    }
}
