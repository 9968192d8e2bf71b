package com.wispbill.hotspot.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven through chromedriver (Debian's packages), with a fresh profile, no
 * network of its own (no updates, sync or QUIC) and a phone's viewport (device emulation of the
 * given CSS size). For tests only.
 */
public final class Browser implements AutoCloseable {
    /** How long to wait for the page or the router before a test fails; generous for a loaded machine. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    public final ChromeDriver driver;
    private final Path profile;

    /** A browser whose viewport is {@code width} × {@code height} CSS pixels, as on a phone. */
    public Browser(int width, int height) throws IOException {
        Path chromium = RequiredTools.chromium();
        Path chromedriver = RequiredTools.chromedriver();
        profile = Files.createTempDirectory("hotspot-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + Math.max(width, 500) + "," + height);
        // A phone's viewport: a desktop window cannot be narrower than about 500 px, so emulate the device.
        options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
            Map.of("width", width, "height", height, "pixelRatio", 1.0, "touch", true)));
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

    /**
     * The visible elements that reach past the right edge of the viewport (tag, id or class, and their
     * right edge in CSS pixels): none means nothing on the page needs a horizontal scroll.
     */
    @SuppressWarnings("unchecked")
    public List<String> elementsPastTheRightEdge() {
        return (List<String>) driver.executeScript("""
            var width = document.documentElement.clientWidth, out = [];
            document.querySelectorAll('body *').forEach(function (e) {
              var r = e.getBoundingClientRect();
              if (r.width > 0 && r.height > 0 && r.right > width + 0.5) {
                out.push(e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') + ' right=' + r.right);
              }
            });
            return out;""");
    }

    /** Saves what the browser shows as a PNG, for a person to look at (e.g. under target/). */
    public Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
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
        while (!holds(condition)) {
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

    /** A page being replaced (a form submitted, a redirect) makes the condition false for now, not an error. */
    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (StaleElementReferenceException | NoSuchElementException e) {
            return false;
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
