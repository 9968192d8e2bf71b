package com.wispbill.api;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.dynamodb.DynamoAlertEmailRepository;
import com.wispbill.adapters.dynamodb.DynamoWhatsAppSettingsRepository;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.Customer;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.notify.WhatsAppTemplate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WhatsApp templates, customers' WhatsApp opt-in and alert email addresses set through the API land in the
 * items the notifier reads (checked through the notifier's own repositories); bad input writes nothing.
 */
class NoticeSettingsRoutesTest {
    private static ApiClient api;
    private static TestStack.Tenant alpha;
    private static TestStack.Tenant bravo;
    private static Customer customer;
    private static DynamoWhatsAppSettingsRepository whatsApp;
    private static DynamoAlertEmailRepository alertEmails;

    @BeforeAll
    static void tenants() {
        TestStack stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        alpha = stack.onboard("Uniform Notices", ApiKeyRole.RESELLER);
        bravo = stack.onboard("Victor Notices", ApiKeyRole.RESELLER);
        customer = Customer.create(alpha.resellerId(), "+255712000888", "Neema", Clock.systemUTC());
        stack.store.customers().create(customer);
        whatsApp = new DynamoWhatsAppSettingsRepository(stack.dynamoDb, stack.tables.entityTable());
        alertEmails = new DynamoAlertEmailRepository(stack.dynamoDb, stack.tables.entityTable());
    }

    @Test
    void templatesSetThroughTheApiAreTheOnesTheNotifierReads() {
        JsonNode answer = api.call("PUT", "/v1/settings/whatsapp/templates", alpha.key(), """
                {"templates": {"VOUCHER_ISSUED": {"name": "voucher_receipt", "language": "sw"},
                               "EXPIRY_REMINDER": {"name": "expiry_soon", "language": "en_US"}}}""")
                .expect(200).json().path("templates");

        assertEquals("voucher_receipt", answer.path("VOUCHER_ISSUED").path("name").asText());
        assertTrue(answer.path("EXPIRED").isNull());
        assertEquals(Map.of(SmsTemplate.VOUCHER_ISSUED, new WhatsAppTemplate("voucher_receipt", "sw"),
                SmsTemplate.EXPIRY_REMINDER, new WhatsAppTemplate("expiry_soon", "en_US")), whatsApp.templates(alpha.resellerId()));
        assertEquals("expiry_soon", api.call("GET", "/v1/settings/whatsapp/templates", alpha.key()).expect(200).json()
                .path("templates").path("EXPIRY_REMINDER").path("name").asText());
        assertTrue(whatsApp.templates(bravo.resellerId()).isEmpty());
    }

    @Test
    void badTemplatesAreFieldErrorsAndWriteNothing() {
        List<String> fields = api.call("PUT", "/v1/settings/whatsapp/templates", bravo.key(), """
                {"templates": {"VOUCHER_ISSUED": {"name": "Has Spaces", "language": "en"},
                               "EXPIRED": {"name": "expired_notice"},
                               "BIRTHDAY": {"name": "happy", "language": "en"}}}""")
                .expect(400).errorFields();

        assertTrue(fields.containsAll(List.of("templates.VOUCHER_ISSUED.name", "templates.EXPIRED.language",
                "templates.BIRTHDAY")), fields.toString());
        assertTrue(whatsApp.templates(bravo.resellerId()).isEmpty());
        assertEquals(List.of("templates"), api.call("PUT", "/v1/settings/whatsapp/templates", bravo.key(), "{}")
                .expect(400).errorFields());
    }

    @Test
    void optInAndOutOfTheCallersOwnCustomer() {
        String path = "/v1/customers/" + customer.id() + "/whatsapp";
        assertTrue(api.call("PUT", path, alpha.key(), "{\"optedIn\": true}").expect(200).json().path("optedIn").asBoolean());
        assertTrue(whatsApp.optedIn(alpha.resellerId(), "+255712000888"));

        assertFalse(api.call("PUT", path, alpha.key(), "{\"optedIn\": false}").expect(200).json().path("optedIn").asBoolean());
        assertFalse(whatsApp.optedIn(alpha.resellerId(), "+255712000888"));
        assertFalse(whatsApp.stopped(alpha.resellerId(), "+255712000888"), "opting out is not STOP: reminders still go by SMS");
    }

    @Test
    void aCustomerWhoWroteStopCannotBeOptedInOrOutByTheReseller() {
        Customer stopping = Customer.create(alpha.resellerId(), "+255712000889", "Baraka", Clock.systemUTC());
        TestStack.get().store.customers().create(stopping);
        whatsApp.stop(alpha.resellerId(), "+255712000889");
        String path = "/v1/customers/" + stopping.id() + "/whatsapp";

        api.call("PUT", path, alpha.key(), "{\"optedIn\": true}").expect(409);
        api.call("PUT", path, alpha.key(), "{\"optedIn\": false}").expect(409);

        assertTrue(whatsApp.stopped(alpha.resellerId(), "+255712000889"), "the customer's STOP stands");
    }

    @Test
    void anotherResellersCustomerReadsAsMissingAndBadOptInIsAFieldError() {
        String path = "/v1/customers/" + customer.id() + "/whatsapp";
        api.call("PUT", path, bravo.key(), "{\"optedIn\": true}").expect(404);
        assertFalse(whatsApp.optedIn(bravo.resellerId(), "+255712000888"));
        assertEquals(List.of("optedIn"), api.call("PUT", path, alpha.key(), "{\"optedIn\": \"yes\"}").expect(400).errorFields());
        assertEquals(List.of("optedIn"), api.call("PUT", path, alpha.key(), "{}").expect(400).errorFields());
    }

    @Test
    void alertEmailsAreValidatedAndStoredWhereTheNotifierReadsThem() {
        assertEquals(List.of("addresses[1]"), api.call("PUT", "/v1/settings/alert-emails", bravo.key(),
                "{\"addresses\": [\"noc@example.com\", \"not-an-address\"]}").expect(400).errorFields());
        assertEquals(List.of(), alertEmails.addresses(Optional.of(bravo.resellerId())));
        String eleven = "{\"addresses\": [" + "\"a@example.com\",".repeat(10) + "\"b@example.com\"]}";
        assertEquals(List.of("addresses"), api.call("PUT", "/v1/settings/alert-emails", bravo.key(), eleven)
                .expect(400).errorFields());

        api.call("PUT", "/v1/settings/alert-emails", bravo.key(), "{\"addresses\": [\"noc@example.com\", \"ops@example.org\"]}")
                .expect(200);
        assertEquals(List.of("noc@example.com", "ops@example.org"), alertEmails.addresses(Optional.of(bravo.resellerId())));
        assertEquals("ops@example.org", api.call("GET", "/v1/settings/alert-emails", bravo.key()).expect(200).json()
                .path("addresses").get(1).asText());
        assertEquals(List.of(), alertEmails.addresses(Optional.of(alpha.resellerId())));
    }

    @Test
    void credentialsAreStoredAsTheNotifiersSecretAndNeverShown() throws Exception {
        assertFalse(api.call("GET", "/v1/settings/whatsapp", alpha.key()).expect(200).json().path("connected").asBoolean());
        String body = """
                {"phoneNumberId": "106540352242922", "accessToken": "EAAGtoken-abcdefghijklmnop",
                 "appSecret": "0123456789abcdef0123", "verifyToken": "my-verify-token"}""";
        String put = api.call("PUT", "/v1/settings/whatsapp", alpha.key(), body).expect(200).body();
        String get = api.call("GET", "/v1/settings/whatsapp", alpha.key()).expect(200).body();

        for (String answer : List.of(put, get)) {
            assertTrue(answer.contains("\"connected\":true") && answer.contains("106540352242922"), answer);
            assertFalse(answer.contains("EAAGtoken") || answer.contains("0123456789abcdef") || answer.contains("my-verify"), answer);
        }
        JsonNode secret = Json.MAPPER.readTree(SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build().getSecretValue(
                b -> b.secretId("wispbill/whatsapp/" + alpha.resellerId())).secretString());
        assertEquals("EAAGtoken-abcdefghijklmnop", secret.path("accessToken").asText());
        assertEquals("0123456789abcdef0123", secret.path("appSecret").asText());
        assertEquals("my-verify-token", secret.path("verifyToken").asText());

        // Replacing keeps one secret with the new values.
        api.call("PUT", "/v1/settings/whatsapp", alpha.key(), body.replace("106540352242922", "106540352242923")).expect(200);
        assertEquals("106540352242923", api.call("GET", "/v1/settings/whatsapp", alpha.key()).expect(200).json()
                .path("phoneNumberId").asText());
    }

    @Test
    void badCredentialsAreFieldErrorsAndWriteNothing() {
        List<String> fields = api.call("PUT", "/v1/settings/whatsapp", bravo.key(), """
                {"phoneNumberId": "+255 712", "accessToken": "short", "appSecret": "has spaces in it here",
                 "extra": 1}""").expect(400).errorFields();

        assertTrue(fields.containsAll(List.of("phoneNumberId", "accessToken", "appSecret", "verifyToken", "extra")),
                fields.toString());
        assertFalse(api.call("GET", "/v1/settings/whatsapp", bravo.key()).expect(200).json().path("connected").asBoolean());
    }
}
