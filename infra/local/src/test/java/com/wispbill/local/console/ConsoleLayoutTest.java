package com.wispbill.local.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import com.wispbill.local.StartedLocalRun;
import com.wispbill.local.demo.DemoContext;
import java.net.URI;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Every page of the console's registry ({@code console/src/pages/index.js}) and the sign-in page, at
 * 360×780 and 1280×800: nothing wider than the viewport, every control on screen and not covered once
 * scrolled to, and no serious or critical axe-core violation. A page is opened signed in as the demo
 * owner, or with the operator's key when only the operator may open it; a new page is covered by being
 * listed in the registry.
 */
class ConsoleLayoutTest {
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

    @Test
    void everyPageFitsPhoneAndDesktopAndPassesTheAccessibilityScan() throws Exception {
        String ownerSession = ownerSession();
        String operatorKey = run.demo().get(DemoContext.OPERATOR_KEY, String.class);
        Set<String> ownerRoutes = routesOf(ownerSession);
        List<String> problems = new ArrayList<>();
        int pagesChecked = 0;
        for (int[] size : ConsoleBrowser.SIZES) {
            String at = size[0] + "x" + size[1];
            try (ConsoleBrowser browser = new ConsoleBrowser(run.consoleUri(), size[0], size[1])) {
                browser.open("/");
                browser.awaitReady("sign-in");
                check(browser, "sign-in at " + at, problems);

                browser.useToken(ownerSession);
                List<Map<String, String>> pages = browser.pages();
                assertFalse(pages.isEmpty(), "the registry lists no page");
                for (Map<String, String> page : pages) {
                    String id = page.get("id");
                    browser.useToken(ownerRoutes.contains(page.get("route")) ? ownerSession : operatorKey);
                    String path = browser.samplePath(id);
                    assertNotNull(path, "page " + id + " gave no path to open");
                    browser.open(path);
                    browser.awaitReady(id);
                    check(browser, id + " at " + at, problems);
                    pagesChecked++;
                }
                List<org.openqa.selenium.WebElement> toggle = browser.browser.driver.findElements(By.cssSelector(".menu-toggle"));
                if (!toggle.isEmpty() && toggle.getFirst().isDisplayed()) {
                    toggle.getFirst().click();
                    check(browser, "the open menu at " + at, problems);
                }
            }
        }
        assertEquals(List.of(), problems, "layout or accessibility problems");
        assertFalse(pagesChecked == 0);
    }

    private static void check(ConsoleBrowser browser, String where, List<String> problems) throws Exception {
        // For a person to look at: target/console-layout/<page> at <size>.png
        browser.browser.screenshot(Path.of("target", "console-layout", where.replaceAll("[^A-Za-z0-9-]+", "-") + ".png"));
        browser.layoutProblems().forEach(p -> problems.add(where + ": " + p));
        browser.seriousAccessibilityViolations().forEach(v -> problems.add(where + ": " + v));
    }

    /** A session of the demo owner, as the sign-in page gets it (the own-account page then shows its forms). */
    private static String ownerSession() throws Exception {
        HttpResponse<String> signedIn = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(run.apiEndpoint() + "/v1/auth/sign-in")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(Map.of(
                        "email", DemoContext.OWNER_EMAIL, "password", run.demo().get(DemoContext.OWNER_PASSWORD, String.class)))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        return Json.MAPPER.readTree(signedIn.body()).path("token").asText();
    }

    /** GET /v1/me's routes for a credential: what the API lets it call. */
    private static Set<String> routesOf(String credential) throws Exception {
        HttpResponse<String> me = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(run.apiEndpoint() + "/v1/me")).header("Authorization", "Bearer " + credential).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, me.statusCode(), me.body());
        Set<String> routes = new HashSet<>();
        JsonNode list = Json.MAPPER.readTree(me.body()).path("routes");
        list.forEach(r -> routes.add(r.asText()));
        return routes;
    }
}
