package com.wispbill.local.console;

import com.wispbill.hotspot.testing.Browser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Headless Chromium at a given size on the console: open a page by its hash path, sign in, wait for a
 * page's data ({@code <main data-ready="<id>">}), and the layout and accessibility checks every page
 * gets.
 */
public final class ConsoleBrowser implements AutoCloseable {
    /** Phone and desktop, the sizes the issue names. */
    public static final List<int[]> SIZES = List.of(new int[] {360, 780}, new int[] {1280, 800});

    public final Browser browser;
    private final URI console;

    public ConsoleBrowser(URI console, int width, int height) throws IOException {
        this.console = console;
        this.browser = new Browser(width, height);
    }

    /** Opens {@code #<path>} (e.g. "/plans"); the page loads anew, so the shell reads the session again. */
    public void open(String hashPath) {
        // A new document each time: from the console to the console with only the hash changed, the
        // browser would stay in the same document.
        browser.driver.get("about:blank");
        browser.driver.get(console + "#" + hashPath);
    }

    /** Replaces what the control with {@code id} holds with {@code text}, typed as a person would. */
    public void type(String id, String text) {
        WebElement field = browser.driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Picks the option of the select {@code id} whose value is {@code value}. */
    public void choose(String id, String value) {
        browser.driver.findElement(By.cssSelector("#" + id + " option[value='" + value + "']")).click();
    }

    /** Moves to {@code #<path>} in the page already open, as a click on a link does. */
    public void go(String hashPath) {
        browser.driver.executeScript("location.hash = arguments[0]", hashPath);
    }

    /** Signs in through the sign-in page and waits for the first page's data. */
    public void signIn(String email, String password) {
        open("/");
        Browser.await(() -> "the sign-in page; it shows: " + browser.text(),
                () -> browser.driver.findElement(By.id("field-email")).isDisplayed());
        submitSignIn(email, password);
        Browser.await(() -> "a page after signing in as " + email + "; it shows: " + browser.text(),
                () -> !browser.driver.findElements(By.cssSelector("main[data-ready]:not([data-ready=sign-in])")).isEmpty());
    }

    /** Types the email and password into the sign-in page shown and presses Sign in. */
    public void submitSignIn(String email, String password) {
        WebElement emailField = browser.driver.findElement(By.id("field-email"));
        emailField.clear();
        emailField.sendKeys(email);
        WebElement passwordField = browser.driver.findElement(By.id("field-password"));
        passwordField.clear();
        passwordField.sendKeys(password);
        browser.driver.findElement(By.id("sign-in")).click();
    }

    /** Waits until page {@code id} has loaded its data. */
    public void awaitReady(String id) {
        Browser.await(() -> "page " + id + " ready; it shows: " + browser.text(),
                () -> !browser.driver.findElements(By.cssSelector("main[data-ready='" + id + "']")).isEmpty());
    }

    /** The session token the console holds (sessionStorage), or null. */
    public String token() {
        return (String) browser.driver.executeScript("return sessionStorage.getItem('wispbill.session')");
    }

    /** Puts a credential in the console's session (an operator's API key reaches the operator's pages). */
    public void useToken(String token) {
        browser.driver.executeScript("sessionStorage.setItem('wispbill.session', arguments[0])", token);
    }

    /** The registry's pages ({@code pages/index.js}) as the built console lists them: id, path, route. */
    @SuppressWarnings("unchecked")
    public List<Map<String, String>> pages() {
        return (List<Map<String, String>>) browser.driver.executeScript("return window.wispbillConsole.pages()");
    }

    /** A path that opens page {@code id}: its own, or for a path with parameters the one its descriptor samples. */
    public String samplePath(String id) {
        return (String) browser.driver.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "window.wispbillConsole.samplePath(arguments[0]).then(done, function (e) { done(null); });", id);
    }

    /**
     * What breaks the layout: elements past the right edge (a horizontal scroll), and controls that
     * cannot be reached: outside the viewport's width, or covered by something else once scrolled to.
     */
    @SuppressWarnings("unchecked")
    public List<String> layoutProblems() {
        List<String> problems = new java.util.ArrayList<>(browser.elementsPastTheRightEdge());
        if (browser.pageWidth() > browser.viewportWidth()) {
            problems.add("page is " + browser.pageWidth() + " px wide in a " + browser.viewportWidth() + " px viewport");
        }
        problems.addAll((List<String>) browser.driver.executeScript("""
            var width = document.documentElement.clientWidth, out = [];
            var controls = document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])');
            controls.forEach(function (e) {
              var r = e.getBoundingClientRect();
              if (r.width <= 1 || r.height <= 1) return; // not shown, or visually hidden until focused
              var name = e.tagName + (e.id ? '#' + e.id : '') + ' "' + (e.textContent || e.value || '').trim().slice(0, 30) + '"';
              if (r.left < -0.5 || r.right > width + 0.5) { out.push(name + ' outside the viewport: ' + r.left + '..' + r.right); return; }
              e.scrollIntoView({block: 'center', inline: 'nearest'});
              r = e.getBoundingClientRect();
              var hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
              var label = hit && hit.closest('label');
              if (!hit || !(hit === e || e.contains(hit) || (label && label.control === e))) {
                out.push(name + ' covered by ' + (hit ? hit.tagName + (hit.className ? '.' + hit.className : '') : 'nothing'));
              }
            });
            window.scrollTo(0, 0);
            return out;"""));
        return problems;
    }

    /** axe-core's serious and critical violations on the page shown (rule, impact and where). */
    @SuppressWarnings("unchecked")
    public List<String> seriousAccessibilityViolations() throws IOException {
        browser.driver.executeScript(axeSource());
        List<Map<String, Object>> violations = (List<Map<String, Object>>) browser.driver.executeAsyncScript("""
            var done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations']}).then(function (r) {
              done(r.violations.map(function (v) {
                return {id: v.id, impact: v.impact || '', help: v.help,
                        targets: v.nodes.slice(0, 5).map(function (n) { return n.target.join(' '); }).join(', ')};
              }));
            }, function (e) { done([{id: 'axe-failed', impact: 'critical', help: String(e), targets: ''}]); });""");
        return violations.stream().filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .map(v -> v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " at " + v.get("targets")).toList();
    }

    private static String axeSource() throws IOException {
        try (InputStream in = ConsoleBrowser.class.getClassLoader().getResourceAsStream("console-test/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("console-test/axe.min.js is not on the classpath: build the console module (npm run build)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws IOException {
        browser.close();
    }
}
