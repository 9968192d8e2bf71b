package com.wispbill.hotspot.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven through chromedriver (Debian's packages), with a fresh profile, no
 * network of its own (no updates, sync or QUIC) and a phone-sized window. For tests only.
 */
public final class Browser implements AutoCloseable {
    /** How long to wait for the page or the router before a test fails; generous for a loaded machine. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    public final ChromeDriver driver;
    private final Path profile;

    public Browser(int width, int height) throws IOException {
        Path chromium = RequiredTools.chromium();
        Path chromedriver = RequiredTools.chromedriver();
        profile = Files.createTempDirectory("hotspot-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PATIENCE);
    }

    /** How wide the page is laid out, in CSS pixels: more than {@link #viewportWidth()} means a horizontal scroll. */
    public long pageWidth() {
        return ((Number) driver.executeScript(
            "return Math.max(document.documentElement.scrollWidth, document.body ? document.body.scrollWidth : 0)")).longValue();
    }

    /** The width of the window's layout viewport, in CSS pixels. */
    public long viewportWidth() {
        return ((Number) driver.executeScript("return document.documentElement.clientWidth")).longValue();
    }

    /** The text of the page shown now, for failure messages. */
    public String text() {
        try {
            return driver.getCurrentUrl() + ": " + driver.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            return driver.getCurrentUrl() + " (no text: " + e.getMessage() + ")";
        }
    }

    /** Waits until {@code condition} holds; fails with {@code what} if it does not within {@link #PATIENCE}. */
    public static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("gave up waiting: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting: " + what, e);
            }
        }
    }

    public static void await(Supplier<String> what, BooleanSupplier condition) {
        try {
            await("", condition);
        } catch (AssertionError e) {
            throw new AssertionError("gave up waiting: " + what.get(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
