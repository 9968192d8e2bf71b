package com.wispbill.local.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import com.wispbill.api.auth.Totp;
import com.wispbill.hotspot.testing.Browser;
import com.wispbill.local.StartedLocalRun;
import com.wispbill.local.demo.DemoContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console end to end in headless Chromium on the local run (one start for the class): the demo
 * owner's overview with the demo's sale and bandwidth, a cashier without the books, a 50-voucher batch
 * ordered to READY and printed, a plan created, edited and taken off sale, a voucher found and revoked and
 * a batch voided, the lockout after wrong passwords, the TOTP step, a session ended from another browser,
 * a one-time sign-in link, and the Swahili strings.
 */
class ConsoleFlowsTest {
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

    private static String ownerKey() {
        return run.demo().get(DemoContext.API_KEY, String.class);
    }

    private static String ownerPassword() {
        return run.demo().get(DemoContext.OWNER_PASSWORD, String.class);
    }

    private static HttpResponse<String> call(String method, String path, String credential, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(run.apiEndpoint() + path))
                .header("Authorization", "Bearer " + credential)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(String path, String credential) throws Exception {
        HttpResponse<String> answer = call("GET", path, credential, null);
        assertEquals(200, answer.statusCode(), path + ": " + answer.body());
        return Json.MAPPER.readTree(answer.body());
    }

    private static String text(ConsoleBrowser browser, String css) {
        return browser.browser.driver.findElement(By.cssSelector(css)).getText();
    }

    @Test
    void theOwnerSeesTheDemosSaleAndBandwidthOnTheOverview() throws Exception {
        JsonNode revenue = get("/v1/dashboard/today", ownerKey()).path("revenue");
        assertTrue(revenue.path("sales").asLong() >= 1, "the demo sold a voucher today: " + revenue);
        JsonNode revenueDays = get("/v1/dashboard/revenue?days=30", ownerKey()).path("days");
        assertEquals(revenue.path("day").asText(), revenueDays.get(29).path("day").asText(), "the last of the 30 days is today");
        assertEquals(revenue.path("gross"), revenueDays.get(29).path("gross"), "today's revenue, read per day: " + revenueDays.get(29));
        // Usage reaches the counters as the routers are polled; wait until the API shows some.
        AtomicLong bandwidth = new AtomicLong();
        Browser.await("the demo's bandwidth on the API", () -> {
            try {
                long total = 0;
                for (JsonNode day : get("/v1/dashboard/bandwidth", ownerKey()).path("days")) {
                    total += day.path("totalBytes").asLong();
                }
                bandwidth.set(total);
                return total > 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        try (ConsoleBrowser browser = new ConsoleBrowser(run.consoleUri(), 360, 780)) {
            browser.signIn(DemoContext.OWNER_EMAIL, ownerPassword());
            browser.awaitReady("overview");
            long gross = revenue.path("gross").path("amountMinor").asLong();
            String amount = String.format("%,d.%02d", gross / 100, gross % 100);
            assertTrue(text(browser, "#revenue-today").contains(amount), "revenue today shows " + amount + ": " + browser.browser.text());
            assertTrue(text(browser, "#sales-today").contains(Long.toString(revenue.path("sales").asLong())), browser.browser.text());
            String shownBandwidth = text(browser, "#bandwidth-total");
            assertFalse(shownBandwidth.contains(" 0 B") || shownBandwidth.endsWith("\n0 B"),
                    "bandwidth (" + bandwidth.get() + " B on the API) shows: " + shownBandwidth);
            assertFalse(browser.browser.driver.findElements(By.cssSelector("#bandwidth-chart canvas")).isEmpty(), "bandwidth chart");
            assertFalse(browser.browser.driver.findElements(By.cssSelector("#revenue-chart canvas")).isEmpty(), "revenue chart");
            // The chart is one bar per local day of the last 30 (its figures are also its hidden table): today's is the sale.
            List<WebElement> chartDays = browser.browser.driver.findElements(By.cssSelector("#revenue-chart tbody tr"));
            assertEquals(30, chartDays.size(), "30 days charted");
            String todayRow = chartDays.get(29).getAttribute("textContent");
            assertTrue(todayRow.contains(revenueDays.get(29).path("day").asText()) && todayRow.contains(amount),
                    "today's bar is the demo's sale of " + amount + ": " + todayRow);
            long monthGross = 0;
            for (JsonNode day : revenueDays) {
                monthGross += day.path("gross").path("amountMinor").asLong();
            }
            String month = String.format("%,d.%02d", monthGross / 100, monthGross % 100);
            assertTrue(text(browser, "#revenue-month").contains(month), "30 days' revenue shows " + month + ": " + browser.browser.text());
        }
    }

    @Test
    void aCashierSellsButSeesNoBooksAndTheirRoutesAnswer403() throws Exception {
        try (ConsoleBrowser browser = new ConsoleBrowser(run.consoleUri(), 1280, 800)) {
            browser.signIn(DemoContext.CASHIER_EMAIL, run.demo().get(DemoContext.CASHIER_PASSWORD, String.class));
            List<String> nav = browser.browser.driver.findElements(By.cssSelector("nav a[href^='#/']")).stream()
                    .map(a -> a.getAttribute("href").replaceAll("^.*#", "")).toList();
            assertTrue(nav.contains("/vouchers"), "the cashier sells and prints: " + nav);
            assertFalse(nav.stream().anyMatch(p -> p.startsWith("/ledger") || p.startsWith("/settings") || p.startsWith("/balance")),
                    "no books, no settings: " + nav);
            browser.awaitReady("overview");
            assertTrue(browser.browser.driver.findElements(By.id("revenue-today")).isEmpty(), "no revenue for a cashier");

            String token = browser.token();
            assertTrue(token.startsWith("wbs_"), "a session token");
            for (String path : List.of("/v1/ledger", "/v1/balance", "/v1/payments", "/v1/exports/ledger", "/v1/dashboard/today",
                    "/v1/dashboard/revenue",
                    "/v1/settings/sms", "/v1/staff")) {
                assertEquals(403, call("GET", path, token, null).statusCode(), path);
            }
            assertEquals(200, call("GET", "/v1/voucher-batches", token, null).statusCode());
        }
    }

    @Test
    void aFiftyVoucherBatchReachesReadyAndPrintsASheetOfFiftyCodes() throws Exception {
        try (ConsoleBrowser browser = new ConsoleBrowser(run.consoleUri(), 1280, 800)) {
            browser.signIn(DemoContext.OWNER_EMAIL, ownerPassword());
            browser.go("/vouchers");
            browser.awaitReady("vouchers");
            browser.browser.driver.findElement(By.id("new-batch")).click();
            browser.browser.driver.findElement(By.cssSelector("#field-planId option[value='"
                    + run.demo().get(DemoContext.SHORT_PLAN_ID, String.class) + "']")).click();
            WebElement quantity = browser.browser.driver.findElement(By.id("field-quantity"));
            quantity.clear();
            quantity.sendKeys("50");
            browser.browser.driver.findElement(By.id("order-batch")).click();
            Browser.await(() -> "the batch READY; the page shows: " + browser.browser.text(), () -> "100".equals(
                    browser.browser.driver.findElement(By.cssSelector("#batch-progress [role=progressbar]")).getAttribute("aria-valuenow")));
            assertTrue(text(browser, "#batch-progress").contains("Ready"), browser.browser.text());

            String console = browser.browser.driver.getWindowHandle();
            browser.browser.driver.findElement(By.id("print-watched")).click();
            Browser.await("the sheet's tab", () -> browser.browser.driver.getWindowHandles().size() == 2);
            String sheet = browser.browser.driver.getWindowHandles().stream().filter(h -> !h.equals(console)).findFirst().orElseThrow();
            browser.browser.driver.switchTo().window(sheet);
            Browser.await(() -> "50 cards; the tab shows: " + browser.browser.text(),
                    () -> browser.browser.driver.findElements(By.cssSelector(".card .code")).size() == 50);
            Set<String> printed = new HashSet<>();
            browser.browser.driver.findElements(By.cssSelector(".card .code")).forEach(c -> printed.add(c.getText().replaceAll("[^A-Za-z0-9]", "")));
            assertEquals(50, printed.size(), "50 different codes");
            // Laid out by the sheet's own CSS although the tab has the console's style-src 'self'.
            WebElement card = browser.browser.driver.findElement(By.cssSelector(".card"));
            assertEquals("flex", card.getCssValue("display"), "the sheet's CSS applies to its cards");
            assertEquals("dashed", card.getCssValue("border-top-style"), "the cards' cut lines");

            JsonNode batches = get("/v1/voucher-batches", ownerKey()).path("items");
            String batchId = null;
            for (JsonNode b : batches) {
                if (b.path("quantity").asInt() == 50 && "READY".equals(b.path("status").asText())) {
                    batchId = b.path("id").asText();
                }
            }
            Set<String> issued = new HashSet<>();
            for (JsonNode v : get("/v1/voucher-batches/" + batchId + "/vouchers?limit=100", ownerKey()).path("items")) {
                issued.add(v.path("code").asText().replaceAll("[^A-Za-z0-9]", ""));
            }
            assertEquals(issued, printed, "the sheet holds the batch's codes");
        }
    }

    @Test
    void aPlanIsCreatedEditedAndTakenOffSaleFromThePlansPage() throws Exception {
        String name = "Console plan " + UUID.randomUUID().toString().substring(0, 6);
        try (ConsoleBrowser browser = new ConsoleBrowser(run.consoleUri(), 360, 780)) {
            browser.signIn(DemoContext.OWNER_EMAIL, ownerPassword());
            browser.go("/plans");
            browser.awaitReady("plans");
            browser.browser.driver.findElement(By.id("new-plan")).click();
            browser.browser.driver.findElement(By.id("field-name")).sendKeys(name);
            browser.browser.driver.findElement(By.id("field-price")).sendKeys("75.50");
            browser.browser.driver.findElement(By.id("save-plan")).click();
            JsonNode plan = awaitPlan(name, p -> p.path("price").path("amountMinor").asLong() == 7550);
            assertEquals("PT24H", plan.path("validity").path("duration").asText(), plan.toString());
            String planId = plan.path("id").asText();

            Browser.await(() -> "the new plan listed; the page shows: " + browser.browser.text(),
                    () -> !browser.browser.driver.findElements(By.id("edit-" + planId)).isEmpty());
            browser.browser.driver.findElement(By.id("edit-" + planId)).click();
            WebElement price = browser.browser.driver.findElement(By.id("field-price"));
            price.clear();
            price.sendKeys("80");
            browser.browser.driver.findElement(By.id("save-plan")).click();
            awaitPlan(name, p -> p.path("price").path("amountMinor").asLong() == 8000);

            Browser.await(() -> "the plan's off-sale button; the page shows: " + browser.browser.text(),
                    () -> !browser.browser.driver.findElements(By.id("deactivate-" + planId)).isEmpty()
                            && browser.browser.driver.findElements(By.id("plan-form")).isEmpty());
            browser.browser.driver.findElement(By.id("deactivate-" + planId)).click();
            browser.browser.driver.findElement(By.cssSelector(".dialog button[type=submit]")).click();
            awaitPlan(name, p -> !p.path("active").asBoolean());
        }
    }

    /** The plan named {@code name} once it satisfies {@code condition} on the API. */
    private static JsonNode awaitPlan(String name, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        Browser.await(() -> "plan " + name + " as expected on the API: " + found[0], () -> {
            try {
                for (JsonNode p : get("/v1/plans?limit=100", ownerKey()).path("items")) {
                    if (name.equals(p.path("name").asText())) {
                        found[0] = p;
                        return condition.test(p);
                    }
                }
                return false;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return found[0];
    }

    @Test
    void aVoucherIsFoundByItsPrintedCodeAndRevokedWithAReasonAndABatchIsVoided() throws Exception {
        String routerId = run.demo().get(DemoContext.routerIdOf(run.demo().routers().getFirst()), String.class);
        HttpResponse<String> ordered = call("POST", "/v1/voucher-batches", ownerKey(), Json.MAPPER.writeValueAsString(Map.of(
                "planId", run.demo().get(DemoContext.SHORT_PLAN_ID, String.class), "routerIds", List.of(routerId), "quantity", 3)));
        assertEquals(202, ordered.statusCode(), ordered.body());
        String batchId = Json.MAPPER.readTree(ordered.body()).path("id").asText();
        Browser.await("batch " + batchId + " READY", () -> {
            try {
                return "READY".equals(get("/v1/voucher-batches/" + batchId, ownerKey()).path("status").asText());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<JsonNode> unsold = unsoldVouchers(batchId);
        assertTrue(unsold.size() >= 2, "the batch has unsold vouchers: " + unsold);
        JsonNode voucher = unsold.getFirst();
        try (ConsoleBrowser browser = new ConsoleBrowser(run.consoleUri(), 1280, 800)) {
            browser.signIn(DemoContext.OWNER_EMAIL, ownerPassword());
            browser.go("/vouchers");
            browser.awaitReady("vouchers");
            browser.browser.driver.findElement(By.id("field-code")).sendKeys(voucher.path("displayCode").asText().toLowerCase());
            browser.browser.driver.findElement(By.id("find-voucher")).click();
            Browser.await(() -> "the voucher's details; the page shows: " + browser.browser.text(),
                    () -> text(browser, "#voucher-details").contains("Unused"));
            browser.browser.driver.findElement(By.id("revoke-voucher")).click();
            browser.browser.driver.findElement(By.id("field-revokeReason")).sendKeys("card lost");
            browser.browser.driver.findElement(By.cssSelector(".dialog button[type=submit]")).click();
            Browser.await(() -> "revoked; the page shows: " + browser.browser.text(),
                    () -> text(browser, "#voucher-details").contains("card lost"));
            JsonNode revoked = get("/v1/vouchers/" + voucher.path("id").asText(), ownerKey());
            assertEquals("REVOKED", revoked.path("status").asText());
            assertEquals("card lost", revoked.path("revokeReason").asText());

            browser.browser.driver.findElement(By.id("void-" + batchId)).click();
            browser.browser.driver.findElement(By.cssSelector(".dialog button[type=submit]")).click();
            Browser.await(() -> "the batch voided; the page shows: " + browser.browser.text(),
                    () -> browser.browser.driver.findElements(By.cssSelector(".dialog")).isEmpty());
            assertEquals(List.of(), unsoldVouchers(batchId), "no unsold voucher left in the batch");
        }
    }

    /** The batch's unsold vouchers (NEW, shown as ACTIVE once the batch is on its router; a batch of one page). */
    private static List<JsonNode> unsoldVouchers(String batchId) throws Exception {
        List<JsonNode> unsold = new java.util.ArrayList<>();
        get("/v1/voucher-batches/" + batchId + "/vouchers?limit=100", ownerKey()).path("items").forEach(v -> {
            if (List.of("NEW", "ACTIVE").contains(v.path("status").asText())) {
                unsold.add(v);
            }
        });
        return unsold;
    }

    @Test
    void fiveWrongPasswordsLockTheAccountAndTheSignInPageSaysSo() throws Exception {
        String email = "lockout-" + UUID.randomUUID().toString().substring(0, 8) + "@demo.wispbill.local";
        String password = "right-" + UUID.randomUUID();
        HttpResponse<String> created = call("POST", "/v1/staff", ownerKey(), Json.MAPPER.writeValueAsString(
                Map.of("email", email, "name", "Lockout test", "role", "CASHIER", "password", password)));
        assertEquals(201, created.statusCode(), created.body());

        try (ConsoleBrowser browser = new ConsoleBrowser(run.consoleUri(), 360, 780)) {
            browser.open("/");
            browser.awaitReady("sign-in");
            String answer = "";
            for (int attempt = 1; attempt <= 5; attempt++) {
                answer = signInAnswer(browser, email, "wrong-" + attempt);
            }
            assertTrue(answer.contains("locked"), "after 5 wrong passwords: " + answer);
            String withTheRightPassword = signInAnswer(browser, email, password);
            assertTrue(withTheRightPassword.contains("locked"), "locked even with the right password: " + withTheRightPassword);
            assertEquals("sign-in", browser.browser.driver.findElement(By.tagName("main")).getAttribute("data-ready"));
        }
    }

    /** Submits the sign-in form and returns the message of this answer (a new element each answer). */
    private static String signInAnswer(ConsoleBrowser browser, String email, String password) {
        List<WebElement> before = browser.browser.driver.findElements(By.cssSelector(".form-error"));
        browser.submitSignIn(email, password);
        Browser.await(() -> "an answer to signing in; the page shows: " + browser.browser.text(), () -> {
            List<WebElement> now = browser.browser.driver.findElements(By.cssSelector(".form-error"));
            return !now.isEmpty() && (before.isEmpty() || !now.getFirst().equals(before.getFirst()));
        });
        return browser.browser.driver.findElement(By.cssSelector(".form-error")).getText();
    }

    @Test
    void signingOutEverywhereEndsTheSessionInAnotherBrowserAtOnce() throws Exception {
        try (ConsoleBrowser phone = new ConsoleBrowser(run.consoleUri(), 360, 780);
             ConsoleBrowser desk = new ConsoleBrowser(run.consoleUri(), 1280, 800)) {
            phone.signIn(DemoContext.OWNER_EMAIL, ownerPassword());
            String phoneToken = phone.token();
            assertEquals(200, call("GET", "/v1/me", phoneToken, null).statusCode());

            desk.signIn(DemoContext.OWNER_EMAIL, ownerPassword());
            String deskToken = desk.token();
            assertNotEquals(phoneToken, deskToken);
            desk.browser.driver.findElement(By.id("sign-out-everywhere")).click();
            desk.awaitReady("sign-in");
            assertEquals(null, desk.token());

            assertEquals(401, call("GET", "/v1/me", phoneToken, null).statusCode(), "the phone's session is revoked");
            assertEquals(401, call("GET", "/v1/me", deskToken, null).statusCode(), "and the desk's own");
            phone.go("/plans");
            phone.awaitReady("sign-in");
            assertTrue(phone.browser.text().contains("Your session ended"), phone.browser.text());
        }
    }

    @Test
    void anAccountWithAnAuthenticatorAppIsAskedForItsCodeAfterThePassword() throws Exception {
        String email = "totp-" + UUID.randomUUID().toString().substring(0, 8) + "@demo.wispbill.local";
        String password = "right-" + UUID.randomUUID();
        assertEquals(201, call("POST", "/v1/staff", ownerKey(), Json.MAPPER.writeValueAsString(
                Map.of("email", email, "name", "TOTP test", "role", "MANAGER", "password", password))).statusCode());
        HttpResponse<String> signedIn = HTTP.send(HttpRequest.newBuilder(URI.create(run.apiEndpoint() + "/v1/auth/sign-in"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        Json.MAPPER.writeValueAsString(Map.of("email", email, "password", password)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        String session = Json.MAPPER.readTree(signedIn.body()).path("token").asText();
        HttpResponse<String> enrolment = call("POST", "/v1/auth/totp", session, "{}");
        assertTrue(enrolment.statusCode() == 200 || enrolment.statusCode() == 201, enrolment.body());
        String secret = Json.MAPPER.readTree(enrolment.body()).path("secret").asText();
        // The step before this one: the browser's code below (the step after) is then still unused.
        String confirmCode = Totp.code(secret, Totp.step(Instant.now()) - 1);
        HttpResponse<String> confirmed = call("POST", "/v1/auth/totp/confirm", session,
                Json.MAPPER.writeValueAsString(Map.of("code", confirmCode)));
        assertTrue(confirmed.statusCode() / 100 == 2, confirmed.body());

        try (ConsoleBrowser browser = new ConsoleBrowser(run.consoleUri(), 360, 780)) {
            browser.open("/");
            browser.awaitReady("sign-in");
            browser.submitSignIn(email, password);
            Browser.await(() -> "the TOTP field; the page shows: " + browser.browser.text(),
                    () -> browser.browser.driver.findElement(By.id("field-totp")).isDisplayed());
            browser.browser.driver.findElement(By.id("field-totp")).sendKeys(Totp.code(secret, Totp.step(Instant.now()) + 1));
            browser.browser.driver.findElement(By.id("sign-in")).click();
            browser.awaitReady("overview");
            assertEquals(email, Json.MAPPER.readTree(call("GET", "/v1/me", browser.token(), null).body()).path("staff").path("email").asText());
        }
    }

    @Test
    void theLanguageSwitchShowsTheConsoleInSwahili() throws Exception {
        try (ConsoleBrowser browser = new ConsoleBrowser(run.consoleUri(), 1280, 800)) {
            browser.signIn(DemoContext.OWNER_EMAIL, ownerPassword());
            assertEquals("Overview", browser.browser.driver.findElement(By.id("nav-overview")).getText());
            browser.browser.driver.findElement(By.cssSelector("#language option[value=sw]")).click();
            Browser.await(() -> "Swahili; the page shows: " + browser.browser.text(),
                    () -> "Muhtasari".equals(browser.browser.driver.findElement(By.id("nav-overview")).getText()));
            assertEquals("sw", browser.browser.driver.findElement(By.tagName("html")).getAttribute("lang"));
            assertTrue(browser.browser.text().contains("Mapato ya leo"), browser.browser.text());
        }
    }

    @Test
    void aSignInLinkOpensTheConsoleSignedInOnce() throws Exception {
        String ownerStaffId = run.demo().get(DemoContext.OWNER_STAFF_ID, String.class);
        HttpResponse<String> made = call("POST", "/v1/staff/" + ownerStaffId + "/sign-in-links", ownerKey(), "{}");
        assertTrue(made.statusCode() == 200 || made.statusCode() == 201, made.body());
        String linkToken = Json.MAPPER.readTree(made.body()).path("linkToken").asText();
        try (ConsoleBrowser browser = new ConsoleBrowser(run.consoleUri(), 360, 780)) {
            browser.open("/link/" + linkToken);
            browser.awaitReady("overview");
            assertTrue(browser.token().startsWith("wbs_"));
            browser.useToken("");
            browser.open("/link/" + linkToken);
            browser.awaitReady("sign-in");
            assertTrue(browser.browser.text().contains("expired or was used already"), browser.browser.text());
        }
    }
}
