package com.wispbill.local.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.wispbill.adapters.Json;
import com.wispbill.hotspot.testing.Browser;
import com.wispbill.local.StartedLocalRun;
import com.wispbill.local.demo.DemoContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * Staff and exports in headless Chromium on the console as {@code ./dev run} serves it: a new password set in one
 * browser signs the account out in another on its next request and keeps the first; the authenticator set-up shows
 * a QR code that scans as its otpauth URI beside the key as text; the operator disables and enables another
 * reseller's staff and an owner changes a role; the platform's owner is offered no action on an operator's account;
 * the export buttons download CSV that parses. The pages these steps
 * open keep their layout at 360 and 1280 px and pass axe in the states shown here (ConsoleLayoutTest sees their
 * first state only).
 */
class ConsoleStaffAndExportsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "correct horse battery staple";
    private static StartedLocalRun run;
    private static String ownerKey;

    @BeforeAll
    static void start() throws Exception {
        run = StartedLocalRun.start("--routers", "1");
        ownerKey = run.demo().get(DemoContext.API_KEY, String.class);
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    private static HttpResponse<String> api(String method, String path, String credential, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(run.apiEndpoint() + path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (credential != null) {
                request.header("Authorization", "Bearer " + credential);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> answer, int status) {
        assertEquals(status, answer.statusCode(), answer.uri() + ": " + answer.body());
        try {
            return Json.MAPPER.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new account of the demo reseller with {@link #PASSWORD}; returns it as the API shows it. */
    private static JsonNode newStaff(String role, String name) {
        String email = role.toLowerCase() + "-" + UUID.randomUUID() + "@demo.example";
        return json(api("POST", "/v1/staff", ownerKey, "{\"email\": \"" + email + "\", \"name\": \"" + name
                + "\", \"role\": \"" + role + "\", \"password\": \"" + PASSWORD + "\"}"), 201);
    }

    private static void click(ConsoleBrowser page, By what) {
        WebElement control = page.browser.driver.findElement(what);
        page.browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", control);
        control.click();
    }

    private static boolean shown(ConsoleBrowser page, By what) {
        List<WebElement> found = page.browser.driver.findElements(what);
        return !found.isEmpty() && found.getFirst().isDisplayed();
    }

    /**
     * What a person at 360 or 1280 px cannot reach or read here: layout problems and axe's serious findings (in a
     * state without a toast or a dialog, which cover controls on purpose).
     */
    private static void assertUsable(ConsoleBrowser page, String state) throws IOException {
        assertEquals(List.of(), page.layoutProblems(), state + ": layout");
        assertEquals(List.of(), page.seriousAccessibilityViolations(), state + ": accessibility");
    }

    @Test
    void aNewPasswordInOneBrowserSignsTheOtherOutOnItsNextRequestAndKeepsThisOne() throws Exception {
        JsonNode manager = newStaff("MANAGER", "Wanjiru Manager");
        String email = manager.path("email").asText();
        String newPassword = "a brand new passphrase 42";
        try (ConsoleBrowser phone = new ConsoleBrowser(run.consoleUri(), 360, 780);
             ConsoleBrowser desk = new ConsoleBrowser(run.consoleUri(), 1280, 800)) {
            phone.signIn(email, PASSWORD);
            desk.signIn(email, PASSWORD);
            String deskToken = desk.token();

            phone.open("/account");
            phone.awaitReady("account");
            phone.type("field-currentPassword", PASSWORD);
            phone.type("field-newPassword", newPassword);
            click(phone, By.id("change-password"));
            Browser.await(() -> "the password changed; the phone shows: " + phone.browser.text(),
                    () -> phone.browser.driver.findElement(By.id("field-currentPassword")).getAttribute("value").isEmpty()
                            && phone.browser.text().contains("Password changed"));

            // the other browser: its next request is refused and it is back at sign-in, its session gone
            desk.go("/plans");
            Browser.await(() -> "the desk signed out; it shows: " + desk.browser.text(),
                    () -> shown(desk, By.id("field-email")) && desk.token() == null);
            assertEquals(401, api("GET", "/v1/me", deskToken, null).statusCode());

            // this browser goes on, with the same session
            phone.open("/plans");
            phone.awaitReady("plans");
            assertEquals(email, json(api("GET", "/v1/me", phone.token(), null), 200).path("staff").path("email").asText());

            desk.submitSignIn(email, newPassword);
            Browser.await(() -> "signed in with the new password; it shows: " + desk.browser.text(),
                    () -> !desk.browser.driver.findElements(By.cssSelector("main[data-ready]:not([data-ready=sign-in])")).isEmpty());
        }
    }

    @Test
    void settingUpAnAuthenticatorShowsAQrCodeThatScansAsItsUriAndTheKeyAsText() throws Exception {
        JsonNode owner = newStaff("OWNER", "Otieno Owner");
        for (int[] size : ConsoleBrowser.SIZES) {
            try (ConsoleBrowser page = new ConsoleBrowser(run.consoleUri(), size[0], size[1])) {
                page.signIn(owner.path("email").asText(), PASSWORD);
                page.open("/account");
                page.awaitReady("account");
                click(page, By.id("start-totp"));
                Browser.await(() -> "the QR code; the page shows: " + page.browser.text(), () -> shown(page, By.id("totp-qr")));
                String secret = page.browser.driver.findElement(By.id("totp-secret")).getText().strip();
                String uri = page.browser.driver.findElement(By.cssSelector("a[href^='otpauth://']")).getAttribute("href");
                assertTrue(secret.matches("[A-Z2-7]{16,}") && uri.contains("secret=" + secret), secret + " / " + uri);

                WebElement qr = page.browser.driver.findElement(By.id("totp-qr"));
                page.browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", qr);
                // A screenshot taken while the page still scrolls or paints reads as no code: look again, as a
                // phone's camera does, until a code is read; what it reads must be the URI.
                String[] read = new String[1];
                Browser.await("a QR code readable from the screen at " + size[0] + " px", () -> {
                    try {
                        read[0] = scan(qr.getScreenshotAs(OutputType.BYTES));
                        return true;
                    } catch (com.google.zxing.ReaderException unreadable) {
                        return false;
                    }
                });
                assertEquals(uri, read[0], "what a phone's camera reads from the screen");
                assertUsable(page, "account with the authenticator set-up, " + size[0] + " px");
            }
        }
    }

    @Test
    void theOperatorDisablesAndEnablesAnotherResellersStaffAndAnOwnerChangesARole() throws Exception {
        JsonNode cashier = newStaff("CASHIER", "Achieng Cashier");
        String staffId = cashier.path("staffId").asText();
        String cashierSession = json(api("POST", "/v1/auth/sign-in", null, "{\"email\": \"" + cashier.path("email").asText()
                + "\", \"password\": \"" + PASSWORD + "\"}"), 200).path("token").asText();
        String operator = run.demo().get(DemoContext.OPERATOR_KEY, String.class);
        String resellerId = run.demo().get(DemoContext.RESELLER_ID, String.class);
        String resellerName = json(api("GET", "/v1/resellers/" + resellerId, operator, null), 200).path("name").asText();
        try (ConsoleBrowser page = new ConsoleBrowser(run.consoleUri(), 360, 780)) {
            page.open("/");
            page.awaitReady("sign-in");
            page.useToken(operator);
            page.open("/operator");
            page.awaitReady("operator");
            click(page, By.cssSelector("button[aria-label='Manage " + resellerName + "']"));
            Browser.await(() -> "the reseller's staff; the page shows: " + page.browser.text(),
                    () -> page.browser.text().contains("Achieng Cashier"));
            assertUsable(page, "operator with a reseller's staff, 360 px");

            click(page, By.cssSelector("button[aria-label='Disable: Achieng Cashier']"));
            click(page, By.cssSelector(".dialog button[type=submit]"));
            Browser.await("the cashier disabled", () -> api("GET", "/v1/me", cashierSession, null).statusCode() == 401
                    && statusOf(staffId).equals("DISABLED"));
            Browser.await(() -> "the Enable button; the page shows: " + page.browser.text(),
                    () -> shown(page, By.cssSelector("button[aria-label='Enable: Achieng Cashier']")));
            click(page, By.cssSelector("button[aria-label='Enable: Achieng Cashier']"));
            click(page, By.cssSelector(".dialog button[type=submit]"));
            Browser.await("the cashier enabled", () -> statusOf(staffId).equals("ACTIVE"));
        }

        try (ConsoleBrowser page = new ConsoleBrowser(run.consoleUri(), 1280, 800)) {
            page.open("/");
            page.awaitReady("sign-in");
            page.useToken(ownerKey);
            page.open("/settings/staff");
            page.awaitReady("staff");
            click(page, By.cssSelector("button[aria-label='Change role: Achieng Cashier']"));
            page.choose("field-new-role", "MANAGER");
            click(page, By.cssSelector(".dialog button[type=submit]"));
            Browser.await("the cashier made a manager", () -> roleOf(staffId).equals("MANAGER"));
        }
    }

    /**
     * The staff page of the platform's reseller offers its owner nothing on an OPERATOR row (the API refuses it all:
     * disable, enable, end sessions, a sign-in link, the role) and still everything on a cashier's row; an operator
     * gets the buttons on the same row.
     */
    @Test
    void thePlatformsOwnerIsOfferedNoActionOnAnOperatorAccountAndAnOperatorIs() throws Exception {
        String operator = run.demo().get(DemoContext.OPERATOR_KEY, String.class);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String ownerEmail = "platform-owner-" + suffix + "@platform.example";
        String operatorName = "Olu Operator " + suffix;
        String cashierName = "Pendo Cashier " + suffix;
        for (String[] account : List.of(new String[] {ownerEmail, "Platform Owner " + suffix, "OWNER"},
                new String[] {"operator-" + suffix + "@platform.example", operatorName, "OPERATOR"},
                new String[] {"cashier-" + suffix + "@platform.example", cashierName, "CASHIER"})) {
            json(api("POST", "/v1/staff", operator, "{\"email\": \"" + account[0] + "\", \"name\": \"" + account[1]
                    + "\", \"role\": \"" + account[2] + "\", \"password\": \"" + PASSWORD + "\"}"), 201);
        }
        List<String> actions = List.of("Disable", "Enable", "End sessions", "Sign-in link", "Change role");

        try (ConsoleBrowser page = new ConsoleBrowser(run.consoleUri(), 1280, 800)) {
            page.signIn(ownerEmail, PASSWORD);
            page.open("/settings/staff");
            page.awaitReady("staff");
            Browser.await(() -> "the platform's staff; the page shows: " + page.browser.text(),
                    () -> page.browser.text().contains(operatorName) && page.browser.text().contains(cashierName));
            for (String action : actions) {
                assertTrue(page.browser.driver.findElements(By.cssSelector("button[aria-label='" + action + ": " + operatorName
                        + "']")).isEmpty(), action + " is offered on the operator's row");
            }
            for (String action : List.of("Disable", "End sessions", "Sign-in link", "Change role")) {
                assertTrue(shown(page, By.cssSelector("button[aria-label='" + action + ": " + cashierName + "']")),
                        action + " on the cashier's row");
            }
            assertUsable(page, "staff of the platform's reseller as its owner, 1280 px");
        }

        try (ConsoleBrowser page = new ConsoleBrowser(run.consoleUri(), 1280, 800)) {
            page.open("/");
            page.awaitReady("sign-in");
            page.useToken(operator);
            page.open("/settings/staff");
            page.awaitReady("staff");
            Browser.await(() -> "the operator's Disable on the operator's row; the page shows: " + page.browser.text(),
                    () -> shown(page, By.cssSelector("button[aria-label='Disable: " + operatorName + "']")));
            for (String action : List.of("End sessions", "Sign-in link")) {
                assertTrue(shown(page, By.cssSelector("button[aria-label='" + action + ": " + operatorName + "']")), action);
            }
        }
    }

    private static String statusOf(String staffId) {
        return staffOf(staffId).path("status").asText();
    }

    private static String roleOf(String staffId) {
        return staffOf(staffId).path("role").asText();
    }

    private static JsonNode staffOf(String staffId) {
        for (JsonNode member : json(api("GET", "/v1/staff", ownerKey, null), 200).path("items")) {
            if (member.path("staffId").asText().equals(staffId)) {
                return member;
            }
        }
        throw new AssertionError("no staff member " + staffId);
    }

    @Test
    void theExportButtonsOfSubscribersAndVouchersDownloadTheirCsv(@TempDir Path downloads) throws Exception {
        String phone = "+254712" + (100000 + (int) (Math.random() * 800000));
        json(api("POST", "/v1/customers", ownerKey, "{\"phone\": \"" + phone + "\", \"name\": \"Export Customer\"}"), 201);
        String batchId = run.demo().get(DemoContext.BATCH_ID, String.class);
        try (ConsoleBrowser page = new ConsoleBrowser(run.consoleUri(), 360, 780)) {
            page.browser.driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                    "downloadPath", downloads.toAbsolutePath().toString()));
            page.open("/");
            page.awaitReady("sign-in");
            page.useToken(ownerKey);

            page.open("/subscribers");
            page.awaitReady("subscribers");
            click(page, By.id("export-customers"));
            Path customers = awaitDownload(downloads, "customers.csv");
            CSVRecord row = records(customers).stream().filter(r -> r.get("phone").equals(phone)).findFirst()
                    .orElseThrow(() -> new AssertionError("the new customer is not in " + read(customers)));
            assertEquals("Export Customer", row.get("name"));

            page.open("/payments");
            page.awaitReady("payments");
            assertTrue(shown(page, By.id("export-payments")), "payments have their export too");

            page.open("/vouchers");
            page.awaitReady("vouchers");
            click(page, By.id("export-" + batchId));
            Path vouchers = awaitDownload(downloads, "vouchers-" + batchId + ".csv");
            List<CSVRecord> rows = records(vouchers);
            assertTrue(!rows.isEmpty() && rows.stream().allMatch(r -> r.get("batchId").equals(batchId)), read(vouchers));
            assertUsable(page, "vouchers with their export buttons, 360 px");
        }
    }

    private static List<CSVRecord> records(Path csv) throws IOException {
        String text = read(csv);
        assertTrue(text.endsWith("\r\n"), "CRLF line ends");
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file {@code name} once the browser finished downloading it into {@code directory}. */
    private static Path awaitDownload(Path directory, String name) {
        Browser.await(() -> name + " downloaded; the folder has " + finished(directory),
                () -> finished(directory).contains(directory.resolve(name)));
        return directory.resolve(name);
    }

    private static List<Path> finished(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> !f.getFileName().toString().endsWith(".crdownload")).sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a QR code from a screenshot as a scanner app would. */
    private static String scan(byte[] png) throws com.google.zxing.ReaderException {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(),
                image.getHeight(), pixels))), Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
