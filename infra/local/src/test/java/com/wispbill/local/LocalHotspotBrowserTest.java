package com.wispbill.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.hotspot.testing.Browser;
import com.wispbill.local.routeros.RouterOsSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * What the README's "try it in your browser" says, done by headless Chromium on the local run: the
 * printed hotspot page, a plan bought with a local number, paid on the M-Pesa stand-in's phone page,
 * and the customer online on the simulated router once the router driver has put the voucher there.
 */
class LocalHotspotBrowserTest {
    private static LocalRun run;
    private static String printed;

    @BeforeAll
    static void start() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            run = LocalRun.start(LocalRun.Options.parse("--routers", "1", "--exit-after-start"),
                new PrintStream(captured, true, StandardCharsets.UTF_8), true);
        } finally {
            printed = captured.toString(StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    private static String printedValue(String regex) {
        Matcher m = Pattern.compile(regex).matcher(printed);
        assertTrue(m.find(), "printed: " + regex + "\n" + printed);
        return m.group(1);
    }

    @Test
    void buyingOnThePrintedHotspotPageAndPayingOnThePhonePageGetsTheCustomerOnline() throws Exception {
        String login = printedValue("Hotspot page +(http://\\S+/login)");
        String phone = printedValue("M-Pesa phone +(http://\\S+/mpesa/phone)");
        RouterOsSimulator router = run.demo().routers().getFirst();
        List<String> before = router.state().hotspotActive().stream().map(s -> s.id()).toList();
        try (Browser browser = new Browser(390, 844)) {
            browser.driver.get(login);
            Browser.await(() -> "the plans; the page shows: " + browser.text(),
                () -> !browser.driver.findElements(By.cssSelector("#plans input[type=radio]")).isEmpty());
            browser.driver.findElement(By.cssSelector("#plans input[type=radio]")).click();
            WebElement mpesa = browser.driver.findElement(By.cssSelector("#provider option[value=mpesa]"));
            if (browser.driver.findElement(By.id("provider")).isDisplayed()) {
                mpesa.click();
            }
            browser.driver.findElement(By.id("phone")).sendKeys("0712 000 222");
            browser.driver.findElement(By.id("pay")).click();
            Browser.await(() -> "the waiting screen; the page shows: " + browser.text(),
                () -> browser.driver.findElement(By.id("waiting")).isDisplayed());

            String page = browser.driver.getWindowHandle();
            browser.driver.switchTo().newWindow(WindowType.TAB);
            browser.driver.get(phone);
            browser.driver.findElement(By.cssSelector("button[id^=pay-]")).click();
            Browser.await(() -> "the stand-in's answer: " + browser.text(),
                () -> !browser.driver.findElements(By.id("answer")).isEmpty());
            assertTrue(browser.driver.findElement(By.id("answer")).getText().contains("WISPbill answered 200"),
                browser.text());
            browser.driver.close();
            browser.driver.switchTo().window(page);

            Browser.await(() -> "the customer online on " + router.state().identity() + "; the page shows: " + browser.text(),
                () -> router.state().hotspotActive().stream().anyMatch(s -> !before.contains(s.id())
                    && s.address().equals("10.5.50.10")));
        }
    }
}
