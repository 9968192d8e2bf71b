package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.domain.routercommand.EnsureHotspotProfile;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.hotspot.testing.Browser;
import com.wispbill.local.routeros.HotspotHttpServer;
import com.wispbill.domain.routersetup.HotspotPageScript;
import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.domain.notify.SmsSettings;
import com.wispbill.domain.payment.Portal;
import com.wispbill.domain.payment.PortalBranding;
import com.wispbill.payment.PaymentFixture.Tenant;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * Buying from the real {@code hotspot/login.html} on a phone-sized headless Chromium: the page is
 * served by a simulated router's hotspot, talks to the portal routes over HTTP, the customer pays or
 * cancels on the M-Pesa stand-in's phone page, the bought voucher's commands are put on the router, and the page logs the
 * customer in by itself.
 */
class PortalPurchaseBrowserTest {
    private final PaymentFixture f = PaymentFixture.get();
    private Tenant t;
    private RouterOsSimulator router;
    private HotspotHttpServer hotspot;
    private Browser browser;

    @BeforeEach
    void start() throws Exception {
        t = f.tenant("KES", 5000, EnumSet.of(PaymentProvider.MPESA, PaymentProvider.PAYSTACK));
        router = RouterOsSimulator.builder().identity(t.routerId()).start();
        hotspot = HotspotHttpServer.builder(router).directory(Path.of("../../hotspot"))
            .file("config.js", "var WISPBILL_API = \"" + f.api.toString().replaceAll("/$", "") + "\";"
                + " var PORTAL_ID = \"" + t.portalId() + "\";"
                + " var WISPBILL_PAGE = {language: \"en\", name: \"Mama Mboga Wi-Fi\", wifiName: \"MamaMboga-Free\"};")
            .start();
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        hotspot.close();
        router.close();
    }

    private WebElement byId(String id) {
        return browser.driver.findElement(By.id(id));
    }

    private void open(int width, int height) throws Exception {
        browser = new Browser(width, height);
        browser.driver.get(hotspot.loginUri().toString());
        Browser.await(() -> "the plans; the page shows: " + browser.text(),
            () -> !browser.driver.findElements(By.cssSelector("#plans input[type=radio]")).isEmpty());
    }

    private Payment startBuying(String phone) {
        browser.driver.findElement(By.cssSelector("#plans input[value='" + t.plan().id() + "']")).click();
        byId("phone").sendKeys(phone);
        byId("pay").click();
        Browser.await(() -> "the waiting screen; the page shows: " + browser.text(), () -> byId("waiting").isDisplayed());
        List<Payment> payments = f.repos.payments().list(t.id(), PageRequest.firstPage()).items();
        assertEquals(1, payments.size());
        return payments.getFirst();
    }

    /** The customer answers the STK prompt on the M-Pesa stand-in's phone page, in another tab. */
    private void answerOnThePhone(Payment payment, String answer) {
        String page = browser.driver.getWindowHandle();
        browser.driver.switchTo().newWindow(WindowType.TAB);
        browser.driver.get(f.simulator.mpesaPhoneUrl().toString());
        String reference = f.referenceOf(t, payment.id());
        assertTrue(byId("prompt-" + reference).getText().contains("KES 50.00"), byId("prompt-" + reference).getText());
        byId(answer + "-" + reference).click();
        Browser.await(() -> "the stand-in's answer; it shows: " + browser.text(), () -> !browser.driver.findElements(By.id("answer")).isEmpty());
        assertTrue(byId("answer").getText().contains("WISPbill answered 200"), byId("answer").getText());
        browser.driver.close();
        browser.driver.switchTo().window(page);
    }

    /**
     * The sale's commands put on the router as the router driver would (the driver itself cannot be on
     * this module's classpath: the embedded stack would wire it to the command queue the tests read).
     */
    private void applyRouterCommands(Payment payment) {
        Browser.await("the sale's router command", () -> !f.messages("RouterCommandsQueue", payment.id() + "-RC").isEmpty());
        for (RouterCommandEnvelope sent : f.routerCommands(t.routerId())) {
            switch (sent.command()) {
                case EnsureHotspotProfile p -> router.state().addHotspotUserProfile(Map.of("name", p.name(),
                    "shared-users", String.valueOf(p.sharedUsers())));
                case EnsureHotspotUser u -> {
                    Map<String, String> user = new HashMap<>(Map.of("name", u.name(), "password", u.password(), "profile", u.profile()));
                    u.limitUptime().ifPresent(d -> user.put("limit-uptime", String.valueOf(d.toSeconds())));
                    u.limitBytesTotal().ifPresent(b -> user.put("limit-bytes-total", String.valueOf(b)));
                    router.state().addHotspotUser(user);
                }
                default -> throw new AssertionError("unexpected command for a sale: " + sent);
            }
        }
    }

    @Test
    void thePageSellsThePortalTheRoutersSetupScriptNamedInItsConfig() throws Exception {
        // No config.js of the test's own: the one the setup script's section wrote on the router.
        String section = HotspotPageScript.generate(f.api.toString(), f.repos.portals().find(t.portalId()).orElseThrow(),
                Optional.of("MamaMboga-Free"));
        assertEquals(List.of(), router.state().runScript(section));
        try (HotspotHttpServer scripted = HotspotHttpServer.builder(router).directory(Path.of("../../hotspot")).start()) {
            browser = new Browser(390, 844);
            browser.driver.get(scripted.loginUri().toString());
            Browser.await(() -> "the portal's plans; the page shows: " + browser.text(),
                () -> !browser.driver.findElements(By.cssSelector("#plans input[value='" + t.plan().id() + "']")).isEmpty());
            assertEquals("Wi-Fi: MamaMboga-Free", byId("wifi-name").getText());
        }
    }

    @Test
    void aPortalOnARouterNeverReachedSaysSoAndOffersNothingToPay() throws Exception {
        String portalId = "unreached-" + t.portalId();
        f.repos.portals().create(new Portal(portalId, t.id(), "never-" + t.routerId(), f.clock.instant()));
        try (HotspotHttpServer unreached = HotspotHttpServer.builder(router).directory(Path.of("../../hotspot"))
                .file("config.js", HotspotPageScript.configJs(f.api.toString().replaceAll("/$", ""),
                        f.repos.portals().find(portalId).orElseThrow(), Optional.empty())).start()) {
            browser = new Browser(390, 844);
            browser.driver.get(unreached.loginUri().toString());
            Browser.await(() -> "the reason; the page shows: " + browser.text(), () -> byId("plans").getText().contains("never reached"));
            assertTrue(byId("plans").getText().contains("You have not been charged"), byId("plans").getText());
            assertTrue(browser.driver.findElements(By.cssSelector("#plans input[type=radio]")).isEmpty());
        }
    }

    @Test
    void thePageTakesThePortalsBrandingOverItsConfig() throws Exception {
        f.repos.portals().update(new Portal(t.portalId(), t.id(), t.routerId(),
                f.clock.instant(), List.of(), List.of(), Optional.of(new PortalBranding(
                        Optional.of("Kibera Net"), Optional.empty(), Optional.of("#aa3300"), Optional.empty(), Optional.empty())),
                Optional.empty(), Optional.empty()));
        open(390, 844);
        assertEquals("Kibera Net", byId("brand-name").getText());
        assertEquals("#aa3300", browser.driver.executeScript(
                "return document.documentElement.style.getPropertyValue('--accent').trim();"));
    }

    @Test
    void buyingWithALocalNumberAndApprovingInTheMpesaStandInLogsTheCustomerIn() throws Exception {
        open(390, 844);
        String plan = byId("plans").getText();
        assertTrue(plan.contains("5 GB") && !plan.contains("5000000000"), plan);
        assertEquals(List.of("mpesa", "paystack"), browser.driver.findElements(By.cssSelector("#provider option")).stream()
            .map(o -> o.getAttribute("value")).toList(), "only the providers the reseller set up");
        assertEquals("Mama Mboga Wi-Fi", byId("brand-name").getText());
        assertEquals("Wi-Fi: MamaMboga-Free", byId("wifi-name").getText());

        Payment payment = startBuying("0712 000 222");
        assertEquals("+254712000222", payment.customerPhone());
        assertTrue(byId("waiting-message").getText().contains("KES 50.00"), byId("waiting-message").getText());

        answerOnThePhone(payment, "pay");
        applyRouterCommands(payment);
        String code = f.repos.grants().find(t.id(), payment.id()).orElseThrow().voucherCode().orElseThrow();

        Browser.await(() -> "a session for the bought code; the page shows: " + browser.text(),
            () -> router.state().hotspotActive().stream().anyMatch(s -> s.user().equals(code)));
        Browser.await("the status page", () -> browser.driver.getCurrentUrl().endsWith("/status"));
    }

    @Test
    void payingOnAHostedCheckoutBringsTheCustomerBackToThePageWhichLogsThemIn() throws Exception {
        f.simulator.localCheckoutPages(true);
        try {
            open(390, 844);
            browser.driver.findElement(By.cssSelector("#provider option[value=paystack]")).click();
            browser.driver.findElement(By.cssSelector("#plans input[value='" + t.plan().id() + "']")).click();
            byId("email").sendKeys("customer@example.com");
            byId("phone").sendKeys("0712 000 555");
            byId("pay").click();

            Browser.await(() -> "the stand-in's checkout; the browser shows: " + browser.text(),
                () -> !browser.driver.findElements(By.id("checkout-pay")).isEmpty());
            assertTrue(browser.text().contains("KES 50.00"), browser.text());
            byId("checkout-pay").click();
            Browser.await(() -> "back on the hotspot page; the browser shows: " + browser.text(),
                () -> browser.driver.getCurrentUrl().startsWith(hotspot.baseUri().toString()));
            Payment payment = f.repos.payments().list(t.id(), PageRequest.firstPage()).items().getFirst();
            assertEquals(PaymentProvider.PAYSTACK, payment.provider());
            assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), payment.id()).status());
            applyRouterCommands(payment);
            String code = f.repos.grants().find(t.id(), payment.id()).orElseThrow().voucherCode().orElseThrow();
            Browser.await(() -> "a session for the bought code; the page shows: " + browser.text(),
                () -> router.state().hotspotActive().stream().anyMatch(s -> s.user().equals(code)));
        } finally {
            f.simulator.localCheckoutPages(false);
        }
    }

    @Test
    void aPaymentCancelledOnThePhoneSaysSoAndOffersToTryAgain() throws Exception {
        open(390, 844);
        Payment payment = startBuying("0712 000 333");
        answerOnThePhone(payment, "cancel");

        Browser.await(() -> "the failure; the page shows: " + browser.text(), () -> byId("failed").isDisplayed());
        assertEquals(PaymentStatus.CANCELLED, f.repos.payments().get(t.id(), payment.id()).status());
        assertTrue(byId("failed-message").getText().startsWith("Payment cancelled"), byId("failed-message").getText());
        byId("retry").click();
        assertTrue(byId("buy").isDisplayed());
        assertTrue(byId("pay").isEnabled(), "the plan stays chosen");
        assertTrue(router.state().hotspotActive().isEmpty());
    }

    @Test
    void cancellingStopsWaiting() throws Exception {
        open(390, 844);
        startBuying("0712 000 444");
        byId("cancel").click();

        assertTrue(byId("buy").isDisplayed());
        assertFalse(byId("waiting").isDisplayed());
        assertTrue(byId("buy-error").getText().startsWith("Payment cancelled"), byId("buy-error").getText());
        assertEquals(null, browser.driver.executeScript("return localStorage.getItem('wispbill.payment')"));
    }

    @Test
    void thePageOpensInTheResellersLanguageOverConfigJsUntilTheCustomerChoosesAndATooShortNumberIsMarked() throws Exception {
        f.repos.smsSettings().saveSettings(t.id(), new SmsSettings("sw", Optional.empty()));
        open(390, 844);
        Browser.await("the reseller's language", () -> "Nunua kifurushi".equals(byId("buy-heading").getText()));
        assertEquals("sw", byId("buy-heading").findElement(By.xpath("/html")).getAttribute("lang"), "config.js says en");

        browser.driver.findElement(By.cssSelector("#plans input[value='" + t.plan().id() + "']")).click();
        byId("phone").sendKeys("0712 345");
        byId("pay").click();
        Browser.await("the phone refused", () -> "true".equals(byId("phone").getAttribute("aria-invalid")));
        assertTrue(byId("buy-error").getText().contains("9 digits after +254"), byId("buy-error").getText());
        assertEquals(0, f.repos.payments().list(t.id(), PageRequest.firstPage()).items().size());

        byId("lang-en").click();
        browser.driver.navigate().refresh();
        Browser.await("the page again", () -> !browser.driver.findElements(By.id("buy-heading")).isEmpty());
        Browser.await("the plans", () -> !browser.driver.findElements(By.cssSelector("#plans input[type=radio]")).isEmpty());
        assertEquals("Buy a plan", byId("buy-heading").getText(), "the customer's choice wins over the reseller's");
    }

    @Test
    void swahiliWhenChosenAndNothingScrollsSidewaysAt360Pixels() throws Exception {
        open(360, 740);
        byId("lang-sw").click();

        assertEquals("sw", byId("lang-sw").findElement(By.xpath("/html")).getAttribute("lang"));
        assertEquals("Nunua kifurushi", byId("buy-heading").getText());
        assertEquals("Lipa KES 50.00", Optional.of(byId("plans")).map(p -> {
            p.findElement(By.cssSelector("input[type=radio]")).click();
            return byId("pay").getText();
        }).orElseThrow());
        assertEquals("mfano 0712 345 678", byId("phone-hint").getText());
        browser.screenshot(Path.of("target/hotspot-page-360px-sw.png"));
        assertEquals(360, browser.viewportWidth());
        assertTrue(browser.pageWidth() <= browser.viewportWidth(),
            "page " + browser.pageWidth() + " px wide in a " + browser.viewportWidth() + " px viewport");
        assertEquals(List.of(), browser.elementsPastTheRightEdge());
        // The choice is kept: the page opens in Swahili again.
        browser.driver.navigate().refresh();
        Browser.await("the page again", () -> !browser.driver.findElements(By.id("buy-heading")).isEmpty());
        assertEquals("Nunua kifurushi", byId("buy-heading").getText());
    }
}
