package com.wispbill.local.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import com.wispbill.hotspot.testing.Browser;
import com.wispbill.local.StartedLocalRun;
import com.wispbill.local.demo.DemoContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The settings and operator pages in headless Chromium, on the console as {@code ./dev run} serves it
 * (its own origin: every call crosses to the API under the template's CORS and the distribution's
 * Content-Security-Policy). What a form saves is read back from the API; bad input shows the API's
 * field error and changes nothing.
 */
class ConsoleSettingsAndOperatorTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static StartedLocalRun run;

    @BeforeAll
    static void start() throws Exception {
        run = StartedLocalRun.start("--routers", "1");
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    private static HttpResponse<String> api(String method, String path, String credential) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(run.apiEndpoint() + path)).header("Authorization", "Bearer " + credential)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode read(String path, String credential) {
        try {
            HttpResponse<String> answer = api("GET", path, credential);
            assertEquals(200, answer.statusCode(), path + ": " + answer.body());
            return Json.MAPPER.readTree(answer.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ConsoleBrowser signedIn(String credential, String path, String page, int width, int height) throws Exception {
        ConsoleBrowser browser = new ConsoleBrowser(run.consoleUri(), width, height);
        browser.open("/");
        browser.useToken(credential);
        browser.open(path);
        browser.awaitReady(page);
        return browser;
    }

    private static void type(ConsoleBrowser browser, String id, String text) {
        WebElement field = browser.browser.driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static void click(ConsoleBrowser browser, String id) {
        WebElement button = browser.browser.driver.findElement(By.id(id));
        browser.browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
        button.click();
    }

    private static String awaitShown(ConsoleBrowser browser, String id) {
        Browser.await(() -> "#" + id + "; the page shows: " + browser.browser.text(),
                () -> !browser.browser.driver.findElements(By.id(id)).isEmpty()
                        && browser.browser.driver.findElement(By.id(id)).isDisplayed());
        return browser.browser.driver.findElement(By.id(id)).getText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theLinkTheRunPrintsOpensTheConsoleSignedInAsTheDemoOwner() throws Exception {
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("Console +(http://127\\.0\\.0\\.1:\\d+/#/link/\\S+)")
                .matcher(run.printed());
        assertTrue(link.find(), run.printed());
        try (ConsoleBrowser browser = new ConsoleBrowser(run.consoleUri(), 360, 780)) {
            browser.browser.driver.get(link.group(1));
            browser.awaitReady("overview");
            assertTrue(browser.token().startsWith("wbs_"), "a staff session, not a key");
            assertTrue(read("/v1/me", browser.token()).path("staff").path("email").asText().equals(DemoContext.OWNER_EMAIL));
        }
    }

    @Test
    void theOwnerSetsRemindersAlertEmailsAndAnSmsTextAndBadInputChangesNothing() throws Exception {
        String owner = run.demo().get(DemoContext.API_KEY, String.class);
        try (ConsoleBrowser browser = signedIn(owner, "/settings", "settings", 360, 780)) {
            type(browser, "field-reminder-hours", "2");
            click(browser, "save-reminders");
            Browser.await("the reminder lead saved", () -> read("/v1/settings/reminders", owner).path("reminderLeadMinutes").asLong() == 120);

            type(browser, "field-alert-emails", "ops@demo.example\nnot-an-address");
            click(browser, "save-alert-emails");
            assertTrue(awaitShown(browser, "field-alert-emails-error").length() > 0);
            assertEquals(List.of(), texts(read("/v1/settings/alert-emails", owner).path("addresses")), "nothing saved");
            type(browser, "field-alert-emails", "ops@demo.example\nowner@demo.example");
            click(browser, "save-alert-emails");
            Browser.await("the alert addresses saved", () -> texts(read("/v1/settings/alert-emails", owner).path("addresses"))
                    .equals(List.of("ops@demo.example", "owner@demo.example")));

            type(browser, "field-template-expired", "Muda wako umekwisha {nosuch}");
            click(browser, "template-expired-save");
            assertTrue(awaitShown(browser, "field-template-expired-error").length() > 0);
            type(browser, "field-template-expired", "Muda wako umekwisha. Karibu tena.");
            click(browser, "template-expired-save");
            Browser.await("the EXPIRED text saved", () -> {
                for (JsonNode template : read("/v1/settings/sms", owner).path("templates")) {
                    if (template.path("template").asText().equals("EXPIRED")) {
                        return template.path("override").asBoolean() && template.path("text").asText().equals("Muda wako umekwisha. Karibu tena.");
                    }
                }
                return false;
            });
        }
    }

    private static HttpResponse<String> putProviderKeys(String credential, String provider, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(run.apiEndpoint() + "/v1/providers/" + provider))
                .header("Authorization", "Bearer " + credential).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode provider(String credential, String name) {
        for (JsonNode item : read("/v1/providers", credential).path("items")) {
            if (item.path("provider").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no provider " + name);
    }

    private static String storedPaystackKey() {
        String resellerId = run.demo().get(DemoContext.RESELLER_ID, String.class);
        try {
            return Json.MAPPER.readTree(run.demo().secrets().getSecretValue(b -> b.secretId(
                    com.wispbill.domain.PaymentProvider.PAYSTACK.secretName(resellerId))).secretString()).path("secretKey").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitStoredPaystackKey(String key) {
        Browser.await(() -> "the stored Paystack key to be " + key + ", it is " + storedPaystackKey(),
                () -> storedPaystackKey().equals(key));
    }

    @Test
    void theOwnerReplacesProviderKeysOverWhatThePageShowedAndIsToldWhenSomeoneElseSavedFirst() throws Exception {
        String owner = run.demo().get(DemoContext.API_KEY, String.class);
        URI nowhere = URI.create("http://127.0.0.1:9/webhooks");
        for (String key : List.of("sk_test_console_first", "sk_test_console_other", "sk_test_console_mine")) {
            run.demo().providers().paystackMerchant(key, nowhere);
        }
        try (ConsoleBrowser browser = signedIn(owner, "/providers", "providers", 1280, 800)) {
            // The demo's Paystack is connected: the page replaces its keys over the version it shows.
            click(browser, "set-paystack");
            type(browser, "field-paystack-secretKey", "sk_test_console_first");
            click(browser, "save-paystack");
            awaitStoredPaystackKey("sk_test_console_first");
            Browser.await("the card back after the save", () -> !browser.browser.driver.findElements(By.id("set-paystack")).isEmpty());

            // The page shows the keys at this version; meanwhile someone else replaces them over the same version.
            click(browser, "set-paystack");
            String shown = provider(owner, "paystack").path("version").asText();
            assertEquals(200, putProviderKeys(owner, "paystack", "{\"secretKey\": \"sk_test_console_other\", \"version\": \""
                    + shown + "\"}").statusCode());
            type(browser, "field-paystack-secretKey", "sk_test_console_mine");
            click(browser, "save-paystack");
            Browser.await(() -> "the stale save's message; the page shows: " + browser.browser.text(),
                    () -> browser.browser.text().contains("Someone else changed these keys"));
            assertEquals("sk_test_console_other", storedPaystackKey(), "nothing saved over the other person's keys");

            // The page read the keys' version again: saving now replaces them.
            click(browser, "save-paystack");
            awaitStoredPaystackKey("sk_test_console_mine");
        }
    }

    private static String storedStripeSecret() {
        String resellerId = run.demo().get(DemoContext.RESELLER_ID, String.class);
        return run.demo().secrets().getSecretValue(b -> b.secretId(
                com.wispbill.domain.PaymentProvider.STRIPE.secretName(resellerId))).secretString();
    }

    private static void disconnect(ConsoleBrowser browser, String provider) {
        click(browser, "disconnect-" + provider);
        Browser.await("the confirmation", () -> !browser.browser.driver.findElements(By.cssSelector(".dialog button.danger")).isEmpty());
        browser.browser.driver.findElement(By.cssSelector(".dialog button.danger")).click();
    }

    @Test
    void theOwnerRemovesProviderKeysOnlyAsThePageShowedThemAndIsToldWhenSomeoneElseChangedThemFirst() throws Exception {
        String owner = run.demo().get(DemoContext.API_KEY, String.class);
        run.demo().providers().stripeMerchant("sk_test_console_stripe_other", URI.create("http://127.0.0.1:9/webhooks"),
                "whsec_console_other");
        try (ConsoleBrowser browser = signedIn(owner, "/providers", "providers", 1280, 800)) {
            // The demo's Stripe is connected and the page shows it at this version; meanwhile someone else replaces the keys.
            String shown = provider(owner, "stripe").path("version").asText();
            assertEquals(200, putProviderKeys(owner, "stripe", "{\"secretKey\": \"sk_test_console_stripe_other\", "
                    + "\"webhookSecret\": \"whsec_console_other\", \"version\": \"" + shown + "\"}").statusCode());
            disconnect(browser, "stripe");
            assertTrue(awaitShown(browser, "stale-removal-stripe").contains("nothing was removed"));
            assertTrue(provider(owner, "stripe").path("connected").asBoolean(), "the other person's keys stay");
            assertTrue(storedStripeSecret().contains("sk_test_console_stripe_other"));

            // The page read the keys' version again: disconnecting now removes them.
            disconnect(browser, "stripe");
            Browser.await("Stripe disconnected", () -> !provider(owner, "stripe").path("connected").asBoolean());
            assertEquals(com.wispbill.domain.PaymentProvider.REMOVED_KEYS, storedStripeSecret());
            Browser.await(() -> "the card shows it; the page shows: " + browser.browser.text(),
                    () -> browser.browser.driver.findElements(By.id("disconnect-stripe")).isEmpty());
        }
    }

    @Test
    void theOperatorCreatesAResellerSetsItsQuotaIssuesAndRevokesAKeyApprovesASenderAndSuspendsIt() throws Exception {
        String operator = run.demo().get(DemoContext.OPERATOR_KEY, String.class);
        try (ConsoleBrowser browser = signedIn(operator, "/operator", "operator", 1280, 800)) {
            assertTrue(browser.browser.text().contains("Demo Hotspots Ltd"), browser.browser.text());

            click(browser, "new-reseller");
            type(browser, "field-reseller-name", "Kisumu WiFi");
            type(browser, "field-reseller-zone", "Mars/Olympus");
            click(browser, "create-reseller");
            assertTrue(awaitShown(browser, "field-reseller-zone-error").length() > 0);
            assertEquals(0, countNamed(operator, "Kisumu WiFi"), "nothing created");
            type(browser, "field-reseller-zone", "Africa/Nairobi");
            click(browser, "create-reseller");
            assertTrue(awaitShown(browser, "reseller-panel-title").contains("Kisumu WiFi"));
            String resellerId = idNamed(operator, "Kisumu WiFi");

            type(browser, "field-quota-limit", "500");
            click(browser, "save-quota");
            assertTrue(awaitShown(browser, "quota-now").contains("500"), browser.browser.text());

            click(browser, "issue-key");
            String secret = awaitShown(browser, "issued-secret");
            JsonNode me = read("/v1/me", secret);
            assertEquals(resellerId, me.path("reseller").path("id").asText());
            String prefix = read("/v1/resellers/" + resellerId + "/api-keys", operator).path("items").get(0).path("visiblePrefix").asText();
            browser.browser.driver.findElement(By.cssSelector("button[aria-label='Revoke key " + prefix + "']")).click();
            browser.browser.driver.findElement(By.cssSelector(".dialog button[type=submit]")).click();
            Browser.await("the revoked key refused", () -> {
                try {
                    return api("GET", "/v1/me", secret).statusCode() == 401;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });

            type(browser, "field-approved-senders", "KISUMU");
            click(browser, "save-approvals");
            Browser.await("the sender id approved", () -> texts(read("/v1/resellers/" + resellerId + "/sms-approvals", operator)
                    .path("senderIds")).equals(List.of("KISUMU")));

            click(browser, "toggle-reseller");
            Browser.await("the reseller suspended", () -> read("/v1/resellers/" + resellerId, operator).path("status").asText()
                    .equals("SUSPENDED"));
        }
    }

    private static int countNamed(String operator, String name) {
        int count = 0;
        for (JsonNode reseller : read("/v1/resellers?limit=100", operator).path("items")) {
            if (reseller.path("name").asText().equals(name)) {
                count++;
            }
        }
        return count;
    }

    private static String idNamed(String operator, String name) {
        for (JsonNode reseller : read("/v1/resellers?limit=100", operator).path("items")) {
            if (reseller.path("name").asText().equals(name)) {
                return reseller.path("id").asText();
            }
        }
        throw new AssertionError("no reseller " + name);
    }
}
