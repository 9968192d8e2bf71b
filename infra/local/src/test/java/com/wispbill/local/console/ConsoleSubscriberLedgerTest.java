package com.wispbill.local.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.hotspot.testing.Browser;
import com.wispbill.local.routeros.RouterOsSimulator;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A cashier's day on a phone: a new customer, a PPPoE subscription on the demo router (its secret reaches the
 * router), renewed for cash; the ledger shows the sale, and its CSV export downloads and parses as RFC 4180 with the
 * same entry.
 */
class ConsoleSubscriberLedgerTest {
    private static final String USERNAME = "pppoe-kibera-7";
    private static final String MEMO = "cash at the shop, receipt 77";

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
    void aPppoeSubscriberRenewedForCashIsInTheLedgerAndItsCsvExport(@TempDir Path downloads) throws Exception {
        RouterOsSimulator router = system.run.demo().routers().getFirst();
        try (ConsoleBrowser page = system.asOwner(360, 780)) {
            var driver = page.browser.driver;
            driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                    "downloadPath", downloads.toAbsolutePath().toString()));

            page.open("/subscribers");
            page.awaitReady("subscribers");
            driver.findElement(By.id("new-customer")).click();
            // A wrong phone is refused next to the field, and nothing is made.
            page.type("field-phone", "12");
            driver.findElement(By.id("create-customer")).click();
            Browser.await(() -> "the phone's error; the page shows: " + page.browser.text(),
                    () -> driver.findElement(By.id("field-phone")).getAttribute("aria-invalid") != null
                            && driver.findElement(By.id("field-phone-error")).isDisplayed());
            page.type("field-phone", "+254712000777");
            page.type("field-name", "Amina Otieno");
            driver.findElement(By.id("create-customer")).click();
            page.awaitReady("subscriber");

            driver.findElement(By.id("new-subscription")).click();
            page.choose("field-kind", "PPPOE");
            driver.findElements(By.cssSelector("#field-planId option")).stream()
                    .filter(option -> option.getText().startsWith("1 hour")).findFirst().orElseThrow().click();
            page.type("field-username", USERNAME);
            page.type("field-password", "kibera-secret-7");
            page.type("field-staticIp", "10.20.0.7");
            page.type("field-macAddress", "aa:bb:cc:00:07:07");
            driver.findElement(By.id("create-subscription")).click();
            Browser.await(() -> "the subscription listed; the page shows: " + page.browser.text(),
                    () -> cell(driver, "User name").equals(USERNAME) && driver.findElements(By.id("subscription-form")).isEmpty());
            Browser.await(() -> "the PPPoE secret on " + router.state().identity(),
                    () -> router.state().pppSecret(USERNAME).isPresent());

            assertEquals("Active", cell(driver, "Status"));
            String expiresBefore = cell(driver, "Expires");
            driver.findElement(By.cssSelector("button[aria-label='Renew (cash): " + USERNAME + "']")).click();
            assertEquals("20.00", driver.findElement(By.id("field-amount")).getAttribute("value"), "the plan's price");
            page.type("field-memo", MEMO);
            driver.findElement(By.cssSelector(".dialog button[type=submit]")).click();
            Browser.await(() -> "the renewal; the page shows: " + page.browser.text(),
                    () -> driver.findElements(By.cssSelector(".dialog")).isEmpty() && !cell(driver, "Expires").equals(expiresBefore));

            page.open("/ledger");
            page.awaitReady("ledger");
            WebElement sale = driver.findElement(By.xpath("//tr[td[contains(., '" + MEMO + "')]]"));
            assertTrue(sale.getText().contains("Sale") && sale.getText().contains("20.00"), sale.getText());

            driver.findElement(By.id("export-ledger")).click();
            Path csv = awaitDownload(downloads);
            assertTrue(csv.getFileName().toString().matches("ledger-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv"), csv.toString());
            String text = Files.readString(csv, StandardCharsets.UTF_8);
            assertTrue(text.endsWith("\r\n"), "CRLF line ends");
            List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(text)).getRecords();
            CSVRecord row = rows.stream().filter(r -> r.get("memo").contains(MEMO)).findFirst()
                    .orElseThrow(() -> new AssertionError("the renewal is not in the export:\n" + text));
            assertEquals("SALE_GROSS", row.get("type"));
            assertEquals("2000", row.get("amountMinor"));
            assertEquals("KES", row.get("currency"));
        }
    }

    /** The subscriptions table's cell under {@code column} (the first row), as a phone shows it. */
    private static String cell(org.openqa.selenium.WebDriver driver, String column) {
        return driver.findElement(By.cssSelector("td[data-label='" + column + "']")).getText();
    }

    /** The one file the browser finished downloading into {@code directory}. */
    private static Path awaitDownload(Path directory) throws IOException {
        Browser.await("the CSV download", () -> finished(directory).size() == 1);
        return finished(directory).getFirst();
    }

    private static List<Path> finished(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> !f.getFileName().toString().endsWith(".crdownload")).sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
