package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.dynamodb.DynamoSmsTemplateRepository;
import com.wispbill.adapters.repository.EnforcementStateRepository;
import com.wispbill.adapters.http.HttpResponse;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.notify.SmsApprovals;
import com.wispbill.domain.notify.SmsSettings;
import com.wispbill.domain.notify.SmsTemplates;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The settings the notifier and the expiry sweeper act on, set through the API: each route changes the
 * key's reseller only (what the notifier's and the sweeper's repositories then read), never another's,
 * whatever resellerId a body carries; bad input is a 400 naming the fields and writes nothing.
 */
class SettingsRoutesTest {
    static final String SETTINGS_PREFIX = "/v1/settings/";
    private static final String REMINDER_TEMPLATE = "/v1/settings/sms/templates/sw/EXPIRY_REMINDER";

    private static TestStack stack;
    private static ApiClient api;
    private static DynamoSmsTemplateRepository sms;
    private static EnforcementStateRepository enforcement;
    private static TestStack.Tenant a;
    private static TestStack.Tenant b;

    @BeforeAll
    static void setUp() {
        stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        sms = stack.smsTemplates();
        enforcement = stack.store.enforcementState();
        a = stack.onboard("Kilo Settings", ApiKeyRole.RESELLER);
        b = stack.onboard("Lima Settings", ApiKeyRole.RESELLER);
        // The operator approved these sender ids (SmsAbuseTest: others are refused).
        sms.saveApprovals(a.resellerId(), new SmsApprovals(List.of("KaribuNet", "KiloNet"), false));
        sms.saveApprovals(b.resellerId(), new SmsApprovals(List.of("LimaNet"), false));
        // B has settings of its own, which nothing A does may change.
        sms.saveSettings(b.resellerId(), new SmsSettings("id", Optional.of("LimaNet")));
        sms.saveOverride(b.resellerId(), "sw", SmsTemplate.EXPIRY_REMINDER, "B: {plan} mwisho {expiresAt}");
        enforcement.setReminderLead(b.resellerId(), Duration.ofHours(3));
    }

    private static void assertBUnchanged() {
        assertEquals(new SmsSettings("id", Optional.of("LimaNet")), sms.settings(b.resellerId()));
        assertEquals(Map.of(SmsTemplate.EXPIRY_REMINDER, "B: {plan} mwisho {expiresAt}"), sms.overrides(b.resellerId(), "sw"));
        assertEquals(Duration.ofHours(3), enforcement.reminderLead(b.resellerId()));
    }

    private static ApiClient.Reply refusedWithoutWrites(String method, String path, String body) {
        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply reply = api.call(method, path, a.key(), body);
        assertEquals(before, stack.snapshot(), "nothing may be written");
        reply.expect(400);
        assertEquals(HttpResponse.PROBLEM_JSON, reply.contentType());
        return reply;
    }

    private static JsonNode template(JsonNode settings, SmsTemplate template) {
        for (JsonNode t : settings.path("templates")) {
            if (t.path("template").asText().equals(template.name())) {
                return t;
            }
        }
        throw new AssertionError("no " + template + " in " + settings);
    }

    @Test
    void theSampleEventSetsLanguageAndSenderIdOfTheKeysResellerOnly() {
        JsonNode reply = api.send("reseller-api-sms-settings.json", a.key(), Map.of()).expect(200).json();
        assertEquals("sw", reply.path("language").asText());
        assertEquals("KaribuNet", reply.path("senderId").asText());
        assertEquals(new SmsSettings("sw", Optional.of("KaribuNet")), sms.settings(a.resellerId()));
        assertEquals(SmsTemplate.values().length, reply.path("templates").size());
        assertBUnchanged();
    }

    @Test
    void getShowsTheEffectiveTextOfEveryTemplateAndWhichAreOverrides() {
        TestStack.Tenant fresh = stack.onboard("Mike Defaults", ApiKeyRole.RESELLER);
        JsonNode defaults = api.call("GET", "/v1/settings/sms", fresh.key()).expect(200).json();
        assertEquals("en", defaults.path("language").asText());
        assertTrue(defaults.path("senderId").isNull(), defaults.toString());
        JsonNode issued = template(defaults, SmsTemplate.VOUCHER_ISSUED);
        assertEquals(SmsTemplates.builtIn("en", SmsTemplate.VOUCHER_ISSUED).orElseThrow(), issued.path("text").asText());
        assertFalse(issued.path("override").asBoolean());
        assertEquals("[\"code\",\"plan\",\"validity\"]", issued.path("placeholders").toString());

        sms.saveSettings(fresh.resellerId(), new SmsSettings("sw", Optional.empty()));
        sms.saveOverride(fresh.resellerId(), "sw", SmsTemplate.EXPIRED, "{plan} imekwisha.");
        JsonNode sw = api.call("GET", "/v1/settings/sms", fresh.key()).expect(200).json();
        assertEquals("{plan} imekwisha.", template(sw, SmsTemplate.EXPIRED).path("text").asText());
        assertTrue(template(sw, SmsTemplate.EXPIRED).path("override").asBoolean());
        assertEquals(SmsTemplates.builtIn("sw", SmsTemplate.EXPIRY_REMINDER).orElseThrow(),
                template(sw, SmsTemplate.EXPIRY_REMINDER).path("text").asText());
        assertFalse(template(sw, SmsTemplate.EXPIRY_REMINDER).path("override").asBoolean());
    }

    @Test
    void putSettingsWithoutSenderIdGoesBackToThePlatformsAndIgnoresAResellerIdInTheBody() {
        api.call("PUT", "/v1/settings/sms", a.key(), "{\"language\": \"id\", \"senderId\": \"KiloNet\", \"resellerId\": \""
                + b.resellerId() + "\"}").expect(200);
        assertEquals(new SmsSettings("id", Optional.of("KiloNet")), sms.settings(a.resellerId()));
        assertBUnchanged();
        JsonNode cleared = api.call("PUT", "/v1/settings/sms", a.key(), "{\"language\": \"id\"}").expect(200).json();
        assertTrue(cleared.path("senderId").isNull(), cleared.toString());
        assertEquals(new SmsSettings("id", Optional.empty()), sms.settings(a.resellerId()));
        assertBUnchanged();
    }

    @Test
    void aTemplateOverrideIsStoredForTheNotifierAndDeleteGoesBackToTheBuiltInText() {
        String text = "Kumbusho la Kilo: {plan} inaisha {expiresAt}.";
        JsonNode put = api.call("PUT", REMINDER_TEMPLATE, a.key(), "{\"text\": \"  " + text + " \", \"resellerId\": \""
                + b.resellerId() + "\"}").expect(200).json();
        assertEquals(text, put.path("text").asText());
        assertTrue(put.path("override").asBoolean());
        assertEquals("sw", put.path("language").asText());
        assertEquals(text, sms.overrides(a.resellerId(), "sw").get(SmsTemplate.EXPIRY_REMINDER));
        // What the notifier sends for this reseller in Swahili:
        assertEquals(text, SmsTemplates.text("sw", SmsTemplate.EXPIRY_REMINDER, sms.overrides(a.resellerId(), "sw")));
        assertBUnchanged();

        JsonNode deleted = api.call("DELETE", "/v1/settings/sms/templates/sw/expiry_reminder", a.key()).expect(200).json();
        assertFalse(deleted.path("override").asBoolean());
        assertEquals(SmsTemplates.builtIn("sw", SmsTemplate.EXPIRY_REMINDER).orElseThrow(), deleted.path("text").asText());
        assertFalse(sms.overrides(a.resellerId(), "sw").containsKey(SmsTemplate.EXPIRY_REMINDER));
        assertBUnchanged();

        // Deleting again (or in a language never overridden) is still the built-in text and writes nothing.
        TestStack.Snapshot before = stack.snapshot();
        api.call("DELETE", "/v1/settings/sms/templates/en/EXPIRED", a.key()).expect(200);
        assertEquals(before, stack.snapshot());
    }

    @Test
    void theReminderLeadIsSetForTheSweeperWithinTheRepositorysBounds() {
        JsonNode initial = api.call("GET", "/v1/settings/reminders", a.key()).expect(200).json();
        assertEquals(EnforcementStateRepository.DEFAULT_REMINDER_LEAD.toMinutes(), initial.path("reminderLeadMinutes").asLong());
        assertEquals(EnforcementStateRepository.MAX_REMINDER_LEAD.toMinutes(), initial.path("maxReminderLeadMinutes").asLong());

        JsonNode set = api.call("PUT", "/v1/settings/reminders", a.key(), "{\"reminderLeadMinutes\": 90, \"resellerId\": \""
                + b.resellerId() + "\"}").expect(200).json();
        assertEquals(90, set.path("reminderLeadMinutes").asLong());
        assertEquals(Duration.ofMinutes(90), enforcement.reminderLead(a.resellerId()));
        assertTrue(enforcement.reminderLeadsInUse().contains(Duration.ofMinutes(90)), "the sweeper reads a window for it");
        assertEquals(90, api.call("GET", "/v1/settings/reminders", a.key()).expect(200).json()
                .path("reminderLeadMinutes").asLong());
        assertBUnchanged();
    }

    @Test
    void badSmsSettingsAreFieldErrorsAndWriteNothing() {
        assertEquals(List.of("language", "senderId"), refusedWithoutWrites("PUT", "/v1/settings/sms",
                "{\"language\": \"english\", \"senderId\": \"Twelve-chars\"}").errorFields());
        assertEquals(List.of("senderId"), refusedWithoutWrites("PUT", "/v1/settings/sms",
                "{\"language\": \"en\", \"senderId\": \"12345\"}").errorFields(), "a sender id needs a letter");
        assertEquals(List.of("language", "sender"), refusedWithoutWrites("PUT", "/v1/settings/sms",
                "{\"sender\": \"KiloNet\"}").errorFields(), "missing and unknown fields");
        assertBUnchanged();
    }

    @Test
    void badTemplateOverridesAreFieldErrorsAndWriteNothing() {
        ApiClient.Reply placeholder = refusedWithoutWrites("PUT", REMINDER_TEMPLATE,
                "{\"text\": \"Your code {code} ends at {expiresAt}\"}");
        assertEquals(List.of("text"), placeholder.errorFields());
        assertTrue(placeholder.body().contains("{code}") && placeholder.body().contains("{expiresAt}"), placeholder.body());

        assertEquals(List.of("language"), refusedWithoutWrites("PUT", "/v1/settings/sms/templates/SWA/EXPIRED",
                "{\"text\": \"{plan} imekwisha\"}").errorFields());
        assertEquals(List.of("template"), refusedWithoutWrites("PUT", "/v1/settings/sms/templates/sw/WELCOME",
                "{\"text\": \"Karibu\"}").errorFields());
        assertEquals(List.of("language", "template"), refusedWithoutWrites("DELETE",
                "/v1/settings/sms/templates/xyz/WELCOME", null).errorFields());
        assertEquals(List.of("text", "txt"), refusedWithoutWrites("PUT", REMINDER_TEMPLATE,
                "{\"txt\": \"{plan}\"}").errorFields());
        assertEquals(List.of("text"), refusedWithoutWrites("PUT", REMINDER_TEMPLATE,
                "{\"text\": \"" + "x".repeat(SmsTemplates.MAX_LENGTH + 1) + "\"}").errorFields());
        assertBUnchanged();
    }

    @Test
    void reminderLeadsOutOfBoundsOrOfTheWrongTypeAreFieldErrorsAndWriteNothing() {
        for (String body : List.of("{\"reminderLeadMinutes\": 0}", "{\"reminderLeadMinutes\": 10081}",
                "{\"reminderLeadMinutes\": -5}", "{\"reminderLeadMinutes\": " + Long.MAX_VALUE + "}",
                "{\"reminderLeadMinutes\": " + Long.MIN_VALUE + "}", "{\"reminderLeadMinutes\": 1.5}", "{\"reminderLeadMinutes\": \"60\"}", "{}")) {
            assertEquals(List.of("reminderLeadMinutes"), refusedWithoutWrites("PUT", "/v1/settings/reminders", body)
                    .errorFields(), body);
        }
        assertEquals(List.of("reminderLead"), refusedWithoutWrites("PUT", "/v1/settings/reminders",
                "{\"reminderLeadMinutes\": 60, \"reminderLead\": \"PT1H\"}").errorFields());
        assertBUnchanged();
    }
}
