package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.dynamodb.DynamoSmsTemplateRepository;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.notify.SmsSettings;
import com.wispbill.domain.notify.SmsTemplates;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The platform sends and pays for every reseller's SMS, so a reseller key alone cannot make them look like
 * someone else's or carry links: sender ids come from a list the operator approves per reseller (default
 * the platform's), links in template texts and plan names only where the operator allows them. Refusals
 * are 400 on the field and write nothing; withdrawing an approval takes effect at the next SMS.
 */
class SmsAbuseTest {
    private static TestStack stack;
    private static ApiClient api;
    private static DynamoSmsTemplateRepository sms;
    private static TestStack.Tenant operator;

    @BeforeAll
    static void setUp() {
        stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        sms = stack.smsTemplates();
        operator = stack.onboard("Platform operator", ApiKeyRole.OPERATOR);
    }

    private static ApiClient.Reply refused(TestStack.Tenant tenant, String method, String path, String body, String field) {
        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply reply = api.call(method, path, tenant.key(), body).expect(400);
        assertEquals(List.of(field), reply.errorFields(), reply.body());
        assertEquals(before, stack.snapshot(), "nothing written");
        return reply;
    }

    private static JsonNode approve(TestStack.Tenant tenant, String body) {
        return api.call("PUT", "/v1/resellers/" + tenant.resellerId() + "/sms-approvals", operator.key(), body)
                .expect(200).json();
    }

    @Test
    void aSenderIdIsRefusedUntilTheOperatorApprovesItAndStopsBeingUsedWhenWithdrawn() {
        TestStack.Tenant reseller = stack.onboard("November Phish", ApiKeyRole.RESELLER);
        String mpesa = "{\"language\": \"en\", \"senderId\": \"MPESA\"}";
        ApiClient.Reply reply = refused(reseller, "PUT", "/v1/settings/sms", mpesa, "senderId");
        assertTrue(reply.body().contains("not approved"), reply.body());
        assertEquals(SmsSettings.DEFAULT, sms.settings(reseller.resellerId()));

        JsonNode approved = approve(reseller, "{\"senderIds\": [\"MPESA\", \"NovNet\"]}");
        assertEquals("[\"MPESA\",\"NovNet\"]", approved.path("senderIds").toString());
        assertFalse(approved.path("linksAllowed").asBoolean());
        JsonNode settings = api.call("PUT", "/v1/settings/sms", reseller.key(), mpesa).expect(200).json();
        assertEquals("MPESA", settings.path("senderId").asText());
        assertEquals("[\"MPESA\",\"NovNet\"]", settings.path("approvedSenderIds").toString());
        assertEquals(Optional.of("MPESA"), sms.settings(reseller.resellerId()).senderId(), "what the notifier reads");
        refused(reseller, "PUT", "/v1/settings/sms", "{\"language\": \"en\", \"senderId\": \"mpesa\"}", "senderId");

        approve(reseller, "{\"senderIds\": [\"NovNet\"]}");
        assertEquals(Optional.empty(), sms.settings(reseller.resellerId()).senderId(),
                "withdrawn: the notifier sends as the platform from the next SMS on");
        assertTrue(api.call("GET", "/v1/settings/sms", reseller.key()).expect(200).json().path("senderId").isNull());
        refused(reseller, "PUT", "/v1/settings/sms", mpesa, "senderId");
        assertEquals("NovNet", api.call("PUT", "/v1/settings/sms", reseller.key(),
                "{\"language\": \"en\", \"senderId\": \"NovNet\"}").expect(200).json().path("senderId").asText());
    }

    @Test
    void aTemplateOrPlanNameWithALinkIsRefusedUnlessTheOperatorAllowsLinks() {
        TestStack.Tenant reseller = stack.onboard("Oscar Phish", ApiKeyRole.RESELLER);
        String path = "/v1/settings/sms/templates/en/VOUCHER_ISSUED";
        for (String text : List.of("Code {code}. Pay your balance at https://evil.example/pay",
                "Code {code}. Verify at bit.ly/3xYz", "Code {code}. Visit www.mpesa-help.co", "Code {code}. See 203.0.113.9/x",
                "Code {code}. Reply via wa.me/254700000000")) {
            ApiClient.Reply reply = refused(reseller, "PUT", path, "{\"text\": \"" + text + "\"}", "text");
            assertTrue(reply.body().contains("contains a link"), reply.body());
        }
        refused(reseller, "POST", "/v1/plans", """
                {"name": "Win at prize.example", "priceMinor": 5000, "validity": {"type": "FIXED", "duration": "PT24H"}}""",
                "name");
        String plain = "Your {plan} code is {code}, valid for {validity}. Thanks!";
        api.call("PUT", path, reseller.key(), "{\"text\": \"" + plain + "\"}").expect(200);
        api.call("POST", "/v1/plans", reseller.key(), """
                {"name": "Daily 1.5 GB", "priceMinor": 5000, "validity": {"type": "FIXED", "duration": "PT24H"}}""")
                .expect(201);

        approve(reseller, "{\"senderIds\": [], \"linksAllowed\": true}");
        String withLink = "Your {plan} code is {code}. Help: https://oscar.example/help";
        assertEquals(withLink, api.call("PUT", path, reseller.key(), "{\"text\": \"" + withLink + "\"}").expect(200)
                .json().path("text").asText());
        api.call("PUT", "/v1/settings/sms/templates/sw/EXPIRED", reseller.key(), "{\"text\": \"{plan} imekwisha: www.oscar.example\"}")
                .expect(200);
        api.call("PUT", "/v1/settings/sms/templates/sw/EXPIRY_REMINDER", reseller.key(), "{\"text\": \"{plan} mwisho {expiresAt}\"}")
                .expect(200);

        approve(reseller, "{\"senderIds\": []}");
        assertEquals(Map.of(), sms.overrides(reseller.resellerId(), "en"), "withdrawn: overrides with links are gone");
        assertEquals(Map.of(SmsTemplate.EXPIRY_REMINDER, "{plan} mwisho {expiresAt}"), sms.overrides(reseller.resellerId(), "sw"),
                "in every language; those without links stay");
        assertEquals(SmsTemplates.builtIn("en", SmsTemplate.VOUCHER_ISSUED).orElseThrow(),
                SmsTemplates.text("en", SmsTemplate.VOUCHER_ISSUED, sms.overrides(reseller.resellerId(), "en")));
    }

    @Test
    void onlyOperatorsApproveAndBadApprovalsAreFieldErrors() {
        TestStack.Tenant reseller = stack.onboard("Papa Phish", ApiKeyRole.RESELLER);
        String own = "/v1/resellers/" + reseller.resellerId() + "/sms-approvals";
        TestStack.Snapshot before = stack.snapshot();
        api.call("PUT", own, reseller.key(), "{\"senderIds\": [\"MPESA\"]}").expect(403);
        api.call("PUT", "/v1/resellers/01KZZZZZZZZZZZZZZZZZZZZZZZ/sms-approvals", operator.key(), "{\"senderIds\": []}")
                .expect(404);
        assertEquals(List.of("linksAllowed", "senderIds[0]", "senderIds[2]"), api.call("PUT", own, operator.key(),
                "{\"senderIds\": [\"bad id!\", \"OK\", \"OK\"], \"linksAllowed\": \"yes\"}").expect(400).errorFields());
        assertEquals(List.of("senderIds"), api.call("PUT", own, operator.key(), "{}").expect(400).errorFields());
        assertEquals(before, stack.snapshot());
        JsonNode none = api.call("GET", own, operator.key()).expect(200).json();
        assertEquals("[]", none.path("senderIds").toString(), "default: the platform's sender id only");
        assertFalse(none.path("linksAllowed").asBoolean());
    }
}
