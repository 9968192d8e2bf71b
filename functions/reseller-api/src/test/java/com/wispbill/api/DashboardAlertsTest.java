package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.messages.Alert;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/dashboard/alerts}: the caller's open alerts as the notifier stores them from the alerts
 * topic (through the same repository), newest first; resolved alerts, other resellers' and platform alerts
 * are not shown, and reading writes nothing.
 */
class DashboardAlertsTest {
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    private static TestStack stack;
    private static ApiClient api;
    private static TestStack.Tenant alpha;
    private static TestStack.Tenant bravo;

    @BeforeAll
    static void storeAlertsAsTheNotifierDoes() {
        stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        alpha = stack.onboard("Quebec Alerts", ApiKeyRole.RESELLER);
        bravo = stack.onboard("Romeo Alerts", ApiKeyRole.RESELLER);
        var alerts = stack.alerts();
        alerts.apply(alert("q-1", alpha, "ROUTER_DOWN#r1", Alert.Severity.CRITICAL, false, "Router r1 is not answering", 0));
        alerts.apply(alert("q-2", alpha, "DLQ#router-commands", Alert.Severity.WARNING, false, "Commands in the DLQ", 60));
        alerts.apply(alert("q-3", alpha, "PAYMENT_REVIEW#p1", Alert.Severity.WARNING, false, "Payment p1 needs review", 30));
        alerts.apply(alert("q-4", alpha, "PAYMENT_REVIEW#p1", Alert.Severity.INFO, true, "Payment p1 reviewed", 90));
        alerts.apply(alert("r-1", bravo, "ROUTER_DOWN#r9", Alert.Severity.CRITICAL, false, "Router r9 is not answering", 10));
        alerts.apply(new Alert("platform-1", Optional.empty(), "DLQ#notifications", Alert.Severity.WARNING, false,
                "Notifications in the DLQ", "", T0));
    }

    private static Alert alert(String id, TestStack.Tenant tenant, String key, Alert.Severity severity, boolean resolved,
                               String subject, int secondsAfterT0) {
        return new Alert(id, Optional.of(tenant.resellerId()), key, severity, resolved, subject, "detail of " + id,
                T0.plusSeconds(secondsAfterT0));
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("alerts").forEach(a -> ids.add(a.path("alertId").asText()));
        return ids;
    }

    @Test
    void theCallersOpenAlertsNewestFirstWithoutResolvedOnes() {
        JsonNode body = api.call("GET", "/v1/dashboard/alerts", alpha.key()).expect(200).json();
        assertEquals(List.of("q-2", "q-1"), ids(body));
        JsonNode newest = body.path("alerts").get(0);
        assertEquals("DLQ#router-commands", newest.path("key").asText());
        assertEquals("WARNING", newest.path("severity").asText());
        assertEquals("Commands in the DLQ", newest.path("subject").asText());
        assertEquals("detail of q-2", newest.path("detail").asText());
        assertEquals(T0.plusSeconds(60), Instant.parse(newest.path("raisedAt").asText()));
    }

    @Test
    void anotherResellersAndPlatformAlertsAreNotShown() {
        String alphas = api.call("GET", "/v1/dashboard/alerts", alpha.key()).expect(200).body();
        for (String foreign : List.of("r-1", "ROUTER_DOWN#r9", "platform-1", "DLQ#notifications", bravo.resellerId())) {
            assertFalse(alphas.contains(foreign), foreign);
        }
        assertEquals(List.of("r-1"), ids(api.call("GET", "/v1/dashboard/alerts", bravo.key()).expect(200).json()));
    }

    @Test
    void aResellerWithoutAlertsGetsAnEmptyListAndReadingWritesNothing() {
        TestStack.Tenant quiet = stack.onboard("Sierra Quiet", ApiKeyRole.RESELLER);
        TestStack.Snapshot before = stack.snapshot();
        assertEquals("{\"alerts\":[]}", api.call("GET", "/v1/dashboard/alerts", quiet.key()).expect(200).body());
        assertEquals(before, stack.snapshot());
    }
}
