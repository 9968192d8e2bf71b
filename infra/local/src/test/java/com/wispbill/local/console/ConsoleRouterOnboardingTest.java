package com.wispbill.local.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.hotspot.testing.Browser;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The routers wizard on a phone, against the local run's spare simulated router (it answers at every tunnel
 * address, as a router that ran its setup script would through the hub): register a router without a host, make
 * its setup script and copy it, save its API login (never shown again), test the connection (the router driver
 * logs in and the page shows what it stored), then the scheduled poll reaches it and the page shows it up.
 */
class ConsoleRouterOnboardingTest {
    /** The poll runs every minute in real time; the bound only stops a broken run. */
    private static final Duration FIRST_POLL = Duration.ofSeconds(150);
    /** A WireGuard public key as the hub's would be (32 bytes in base64). */
    private static final String HUB_PUBLIC_KEY = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";

    private static ConsoleRun system;

    @BeforeAll
    static void start() throws Exception {
        system = ConsoleRun.start("--routers", "1");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aRouterOnboardedThroughTheWizardIsTestedAndShowsUp() throws Exception {
        Matcher spare = Pattern.compile("(spare-router) .* login (\\S+) / (\\S+)\\)").matcher(system.run.printed());
        assertTrue(spare.find(), "the run prints the spare router's login:\n" + system.run.printed());
        try (ConsoleBrowser page = system.asOwner(360, 780)) {
            var driver = page.browser.driver;

            page.open("/routers");
            page.awaitReady("routers");
            driver.findElement(By.id("new-router")).click();
            page.awaitReady("router-new");
            page.type("field-name", "Kibera tower");
            page.type("field-site", "Kibera");
            page.type("field-wifiName", "Kibera-WiFi");
            // The spare router serves the plain API (inside the tunnel).
            page.choose("field-transport", "plain");
            driver.findElement(By.id("create-router")).click();
            page.awaitReady("router-onboard");
            assertTrue(driver.getCurrentUrl().matches(".*#/routers/[^/]+/onboard"), driver.getCurrentUrl());

            // Step 2: the setup script, with a copy button; it is the router's to run, shown once.
            page.type("field-hubEndpoint", "hub.example.net:51820");
            page.type("field-hubPublicKey", HUB_PUBLIC_KEY);
            driver.findElement(By.id("make-script")).click();
            Browser.await(() -> "the setup script; the page shows: " + page.browser.text(),
                    () -> driver.findElement(By.id("setup-script")).getAttribute("value").contains("/interface wireguard"));
            driver.findElement(By.id("copy-script")).click();
            Browser.await(() -> "the copy confirmed; the page shows: " + page.browser.text(),
                    () -> page.browser.text().contains("Copied"));

            // Step 3: the router's login, write-only: saved, then gone from the page.
            page.type("field-username", spare.group(2));
            page.type("field-password", spare.group(3));
            driver.findElement(By.id("save-login")).click();
            Browser.await(() -> "the login saved; the page shows: " + page.browser.text(),
                    () -> driver.findElement(By.id("login-saved")).isDisplayed());
            assertEquals("", driver.findElement(By.id("field-password")).getAttribute("value"));
            assertFalse(driver.getPageSource().contains(spare.group(3)), "the router's password is not on the page");

            // Step 4: the connection test through the router driver, and its stored result.
            driver.findElement(By.id("test-connection")).click();
            Browser.await(() -> "the connection test's result; the page shows: " + page.browser.text(),
                    () -> {
                        // One read per check: the page re-renders between two reads (no result yet, then PENDING).
                        String status = driver.findElement(By.id("test-result")).getAttribute("data-status");
                        return status != null && !status.isEmpty() && !"PENDING".equals(status);
                    });
            WebElement result = driver.findElement(By.id("test-result"));
            assertEquals("OK", result.getAttribute("data-status"), result.getText());
            assertTrue(result.getText().contains(spare.group(1)), result.getText());

            // Step 5: health, once the scheduled poll has reached it.
            awaitLong(() -> "the router up; the page shows: " + page.browser.text(),
                    () -> !driver.findElements(By.cssSelector("#health-state .badge.ok")).isEmpty());
            driver.findElement(By.id("onboarding-done")).click();
            page.awaitReady("routers");
            Browser.await(() -> "the router listed up; the page shows: " + page.browser.text(), () -> driver.findElements(
                    By.xpath("//tr[.//a[text()='Kibera tower']]//span[contains(@class,'ok')]")).size() == 1);
        }
    }

    /** As {@link Browser#await}, with room for the poll schedule's minute. */
    private static void awaitLong(Supplier<String> what, BooleanSupplier condition) throws InterruptedException {
        Instant giveUp = Instant.now().plus(FIRST_POLL);
        while (Instant.now().isBefore(giveUp)) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // the page was re-rendering; ask again
            }
            Thread.sleep(250);
        }
        throw new AssertionError("gave up waiting: " + what.get());
    }
}
