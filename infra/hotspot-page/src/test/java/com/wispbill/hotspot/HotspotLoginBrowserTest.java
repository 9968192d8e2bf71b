package com.wispbill.hotspot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.voucher.VoucherProvisioning;
import com.wispbill.hotspot.testing.Browser;
import com.wispbill.local.routeros.HotspotHttpServer;
import com.wispbill.local.routeros.HotspotHttpServer.LoginBy;
import com.wispbill.local.routeros.HotspotSession;
import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.router.operations.RouterOperations;
import com.wispbill.router.routeros.MikrotikRouterOsConnector;
import com.wispbill.router.routeros.RouterOsCredentials;
import com.wispbill.router.routeros.RouterOsEndpoint;
import com.wispbill.router.routeros.RouterOsSession;
import com.wispbill.router.routeros.RouterOsTransport;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The real {@code hotspot/login.html}, served by the simulated router's hotspot as RouterOS serves it,
 * driven in headless Chromium: printed vouchers typed the way people type them log in (PAP and CHAP),
 * a wrong code shows the router's error.
 */
class HotspotLoginBrowserTest {
    private static final Path HOTSPOT_DIRECTORY = Path.of("../../hotspot");
    private static final RouterOsCredentials API_LOGIN = new RouterOsCredentials("wispbill", "api-secret");

    private static RouterOsSimulator router;
    private static Browser browser;
    private static String unreachablePortal;
    private HotspotHttpServer hotspot;

    @BeforeAll
    static void start() throws Exception {
        router = RouterOsSimulator.builder().identity("hs-browser").credentials(API_LOGIN.username(), API_LOGIN.password())
            .start();
        // Printed vouchers of a 2-hour plan, put on the router by the router driver exactly as a batch is.
        Clock clock = Clock.fixed(Instant.parse("2026-12-05T09:00:00Z"), ZoneOffset.UTC);
        Plan plan = Plan.builder().id("plan-2h").resellerId("reseller-a").name("2 hours").price(Money.of(2000, "KES"))
            .validity(Duration.ofDays(1)).timeLimit(Duration.ofHours(2)).createdAt(clock.instant()).build();
        try (RouterOsSession session = new MikrotikRouterOsConnector().open(new RouterOsEndpoint("router-1", router.host(),
            router.port(), RouterOsTransport.plainText()), API_LOGIN)) {
            RouterOperations operations = new RouterOperations(session);
            operations.apply(VoucherProvisioning.profile(plan));
            for (String code : List.of("SFMSMF83GR", "S0MSMF13GR")) {
                operations.apply(VoucherProvisioning.user(Voucher.create(code, "reseller-a", "batch-1", plan.id(),
                    "router-1", clock), plan));
            }
        }
        // A subscriber account the operator made on the router.
        router.addHotspotUserBehindBillingsBack("mwangi-home", "Pa55 word", "default");
        try (ServerSocket closed = new ServerSocket(0)) {
            unreachablePortal = "http://127.0.0.1:" + closed.getLocalPort();
        }
        browser = new Browser(390, 844);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (router != null) {
            router.close();
        }
    }

    @AfterEach
    void logOut() {
        if (hotspot != null) {
            hotspot.close();
        }
        router.state().hotspotActive().forEach(s -> router.state().logoutHotspotUser(s.user()));
    }

    private void openLoginPage(LoginBy loginBy) throws IOException {
        // The portal is not part of these tests: config.js points the page at a port nothing listens on.
        hotspot = HotspotHttpServer.builder(router).directory(HOTSPOT_DIRECTORY)
            .file("config.js", "var WISPBILL_API = \"" + unreachablePortal + "\"; var PORTAL_ID = \"hs-browser\";")
            .loginBy(loginBy).start();
        browser.driver.get(hotspot.loginUri().toString());
    }

    private WebElement byId(String id) {
        return browser.driver.findElement(By.id(id));
    }

    private void typeCode(String typed) {
        byId("username").clear();
        byId("username").sendKeys(typed);
        browser.driver.findElement(By.cssSelector("form[name=login] button[type=submit]")).click();
    }

    private Optional<HotspotSession> session(String user) {
        return router.state().hotspotActive().stream().filter(s -> s.user().equals(user)).findFirst();
    }

    @ParameterizedTest(name = "{1} typed as \"{0}\", {2}")
    @CsvSource({
        "sfms-mf83-gr, SFMSMF83GR, HTTP_PAP",
        "sfms-mf83-gr, SFMSMF83GR, HTTP_CHAP",
        "SFMS MF83 GR, SFMSMF83GR, HTTP_PAP",
        "SFMS MF83 GR, SFMSMF83GR, HTTP_CHAP",
        "SOMS-MFL3-GR, S0MSMF13GR, HTTP_PAP",
        "soms mfl3 gr, S0MSMF13GR, HTTP_CHAP",
    })
    void aPrintedVoucherTypedAsPeopleTypeItLogsIn(String typed, String code, LoginBy loginBy) throws IOException {
        openLoginPage(loginBy);
        typeCode(typed);

        Browser.await(() -> code + " has no session; the page shows: " + browser.text(),
            () -> session(code).isPresent());
        HotspotSession session = session(code).orElseThrow();
        assertEquals(loginBy.routerOsName(), session.loginBy());
        assertEquals(hotspot.clientIp(), session.address());
        Browser.await("the status page", () -> browser.driver.getCurrentUrl().endsWith("/status"));
        assertTrue(byId("status").getText().contains(code), byId("status").getText());
    }

    @ParameterizedTest
    @EnumSource(LoginBy.class)
    void aWrongCodeShowsTheRoutersError(LoginBy loginBy) throws IOException {
        openLoginPage(loginBy);
        typeCode("SFMS-MF83-GX");

        Browser.await(() -> "the router's answer; the page shows: " + browser.text(),
            () -> !browser.driver.findElements(By.id("login-error")).isEmpty() && !byId("login-error").getText().isEmpty());
        assertEquals("invalid username or password", byId("login-error").getText());
        assertTrue(router.state().hotspotActive().isEmpty());
    }

    @Test
    void aCodeThatCannotBeOneIsExplainedWithoutAskingTheRouter() throws IOException {
        openLoginPage(LoginBy.HTTP_CHAP);
        String page = browser.driver.getCurrentUrl();
        typeCode("SFMS-MF83-GU");

        assertEquals("Character 12 is not used in voucher codes: they have digits and letters except U.",
            byId("login-error").getText());
        assertEquals(page, browser.driver.getCurrentUrl());
        assertTrue(router.state().hotspotActive().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(LoginBy.class)
    void aSubscriberAccountLogsInWithItsNameAndPasswordAsTyped(LoginBy loginBy) throws IOException {
        openLoginPage(loginBy);
        byId("account").findElement(By.tagName("summary")).click();
        byId("account-password").sendKeys("Pa55 word");
        typeCode("mwangi-home");

        Browser.await(() -> "no session; the page shows: " + browser.text(), () -> session("mwangi-home").isPresent());
        assertEquals(loginBy.routerOsName(), session("mwangi-home").orElseThrow().loginBy());
    }

    @Test
    void theRouterGetsTheCodeAsUserNameAndPasswordFromAQrCodeToo() throws IOException {
        openLoginPage(LoginBy.HTTP_PAP);
        // What the printed QR code opens (docs/vouchers.md).
        browser.driver.get(hotspot.loginUri() + "?username=SFMSMF83GR&password=SFMSMF83GR");
        Browser.await("a session", () -> session("SFMSMF83GR").isPresent());
        assertEquals("http-pap", session("SFMSMF83GR").orElseThrow().loginBy());
    }
}
