package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.dynamodb.DynamoWhatsAppMessageRepository;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.Customer;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.notify.WhatsAppMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/customers/{customerId}/messages}: the customer's WhatsApp messages as the notifier and
 * its webhook store them (through the same repository), newest first, each with its latest status.
 */
class CustomerMessagesTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    private static ApiClient api;
    private static TestStack.Tenant alpha;
    private static TestStack.Tenant bravo;
    private static Customer customer;

    @BeforeAll
    static void storeMessagesAsTheNotifierDoes() {
        TestStack stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        alpha = stack.onboard("Sierra Messages", ApiKeyRole.RESELLER);
        bravo = stack.onboard("Tango Messages", ApiKeyRole.RESELLER);
        customer = Customer.create(alpha.resellerId(), "+255712000777", "Wanjiru", Clock.systemUTC());
        stack.store.customers().create(customer);
        var messages = new DynamoWhatsAppMessageRepository(stack.dynamoDb, stack.tables.entityTable());
        messages.recordSent(alpha.resellerId(), "+255712000777", "wamid.first", "pay-1-SMS", SmsTemplate.VOUCHER_ISSUED, Map.of(), T0);
        messages.recordSent(alpha.resellerId(), "+255712000777", "wamid.second", "sub-1-REMINDER", SmsTemplate.EXPIRY_REMINDER,
                Map.of(), T0.plusSeconds(3600));
        messages.applyStatus(alpha.resellerId(), "+255712000777", "wamid.first", WhatsAppMessage.Status.DELIVERED, T0.plusSeconds(5));
        messages.applyStatus(alpha.resellerId(), "+255712000777", "wamid.first", WhatsAppMessage.Status.READ, T0.plusSeconds(60));
    }

    @Test
    void theCustomersMessagesNewestFirstWithTheirLatestStatus() {
        JsonNode items = api.call("GET", "/v1/customers/" + customer.id() + "/messages", alpha.key()).expect(200).json().path("items");

        assertEquals(2, items.size());
        assertEquals("wamid.second", items.get(0).path("messageId").asText());
        assertEquals("EXPIRY_REMINDER", items.get(0).path("event").asText());
        assertEquals("SENT", items.get(0).path("status").asText());
        JsonNode first = items.get(1);
        assertEquals("pay-1-SMS", first.path("notificationId").asText());
        assertEquals("WHATSAPP", first.path("channel").asText());
        assertEquals("READ", first.path("status").asText());
        assertEquals(T0.plusSeconds(60), Instant.parse(first.path("statusAt").asText()));
    }

    @Test
    void anotherResellersCustomerReadsAsMissing() {
        api.call("GET", "/v1/customers/" + customer.id() + "/messages", bravo.key()).expect(404);
    }
}
