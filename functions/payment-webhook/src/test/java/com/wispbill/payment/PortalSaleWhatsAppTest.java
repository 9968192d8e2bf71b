package com.wispbill.payment;

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
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.notify.WhatsAppTemplate;
import com.wispbill.local.providers.WhatsAppCloudSimulator;
import com.wispbill.notify.NotifierHandler;
import com.wispbill.notify.SmsSender;
import com.wispbill.notify.WhatsAppRoute;
import com.wispbill.notify.adapters.CloudApiWhatsAppGateway;
import com.wispbill.notify.adapters.SecretsManagerWhatsAppAccounts;
import com.wispbill.notify.adapters.SnsSmsGateway;
import com.wispbill.payment.PaymentFixture.Tenant;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A portal sale paid through the M-Pesa stand-in, to a customer opted in to WhatsApp: the receipt the
 * settlement queues reaches the notifier, which sends it as one WhatsApp template message holding the
 * voucher code at the Cloud API stand-in, and no SMS.
 */
class PortalSaleWhatsAppTest {
    private static final String NUMBER_ID = "1065550123";
    private static final String TOKEN = "EAAG-portal-sale-token";

    private final PaymentFixture f = PaymentFixture.get();

    @Test
    void aPortalSaleToAnOptedInCustomerSendsOneWhatsAppMessageWithTheVoucherCode() {
        Tenant t = f.kenyanTenant();
        String table = f.tables.entityTable();
        var whatsAppSettings = new DynamoWhatsAppSettingsRepository(f.dynamo, table);
        whatsAppSettings.saveTemplate(t.id(), SmsTemplate.VOUCHER_ISSUED, new WhatsAppTemplate("voucher_receipt", "en"));
        whatsAppSettings.optIn(t.id(), "+254722000123");
        f.secrets.createSecret(b -> b.name("wispbill/whatsapp/" + t.id()).secretString("{\"phoneNumberId\":\"" + NUMBER_ID
                + "\",\"accessToken\":\"" + TOKEN + "\",\"appSecret\":\"app-secret\",\"verifyToken\":\"verify\"}"));
        try (WhatsAppCloudSimulator cloud = WhatsAppCloudSimulator.start()
                .number(NUMBER_ID, TOKEN, "app-secret", URI.create("http://127.0.0.1:9/unused"))
                .approveTemplate(NUMBER_ID, "voucher_receipt", "en", 3)) {
            String paymentId = f.startPurchase(t, PaymentProvider.MPESA, "0722 000 123");
            assertEquals(200, f.simulator.pay(f.referenceOf(t, paymentId)).deliver().status());
            String code = f.get("/portal/" + t.portalId() + "/purchases/" + paymentId).json().path("code").asText();
            String displayCode = f.repos.vouchers().findByCode(t.id(), code).orElseThrow().displayCode();

            SQSEvent.SQSMessage receipt = new SQSEvent.SQSMessage();
            receipt.setMessageId("m-1");
            receipt.setBody(f.messages("NotificationsQueue", paymentId + "-SMS").get(0));
            SQSEvent event = new SQSEvent();
            event.setRecords(List.of(receipt, receipt)); // delivered twice: still one message
            assertTrue(notifier(cloud).handleRequest(event, null).getBatchItemFailures().isEmpty());

            List<WhatsAppCloudSimulator.SentMessage> sent = cloud.sentTo("254722000123");
            assertEquals(1, sent.size());
            assertEquals("voucher_receipt", sent.get(0).template());
            assertEquals(displayCode, sent.get(0).bodyParameters().get(0), "the voucher code as printed");
            assertTrue(f.stack.sns().sentSms().stream().noneMatch(s -> s.phoneNumber().equals("+254722000123")));
        }
    }

    /** The notifier as its function builds it, over the fixture's table and secrets and the Cloud API stand-in. */
    private NotifierHandler notifier(WhatsAppCloudSimulator cloud) {
        String table = f.tables.entityTable();
        var alerts = new DynamoAlertRepository(f.dynamo, table);
        var route = new WhatsAppRoute(new DynamoWhatsAppSettingsRepository(f.dynamo, table),
                new SecretsManagerWhatsAppAccounts(AwsClients.newSecretsManager(), "wispbill/whatsapp/"), new CloudApiWhatsAppGateway(cloud.baseUrl()),
                new DynamoWhatsAppMessageRepository(f.dynamo, table));
        return new NotifierHandler(new SmsSender(new DynamoSmsTemplateRepository(f.dynamo, table),
                new DynamoSmsDeliveryRepository(f.dynamo, table), new DynamoSmsQuota(f.dynamo, table), SmsSender.DEFAULT_DAILY_LIMIT,
                alerts, new SnsSmsGateway(AwsClients.newSnsWithoutRetries()), "WISPbill", Clock.systemUTC(), route), alerts);
    }
}
