package com.wispbill.local.routeros;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.local.routeros.HotspotHttpServer.LoginBy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HotspotHttpServerTest {
    /** A page that shows the variables the way a reseller's login.html uses them. */
    private static final String PAGE = """
        <form action="$(link-login-only)" method="post">
        [mac=$(mac)][ip=$(ip)][identity=$(identity)][dst=$(link-orig)]
        [chap-id=$(chap-id)][chap-challenge=$(chap-challenge)]
        $(if chap-id)[mode=chap]$(else)[mode=pap]$(endif)
        $(if error)[error=$(error)]$(endif)[user=$(username)]
        </form>
        """;
    private static final Pattern CHAP = Pattern.compile("\\[chap-id=((?:\\\\[0-7]{3}))]\\[chap-challenge=((?:\\\\[0-7]{3}){16})]");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(20)).build();
    private RouterOsSimulator router;
    private RawApiClient api;

    @BeforeEach
    void start() throws IOException {
        router = RouterOsSimulator.builder().identity("hs-test").start();
        router.state().addHotspotUserProfile(Map.of("name", "wb-2h", "shared-users", "1"));
        router.state().addHotspotUser(Map.of("name", "SFMSMF83GR", "password", "SFMSMF83GR", "profile", "wb-2h"));
        api = RawApiClient.loggedIn(router);
    }

    @AfterEach
    void stop() throws IOException {
        api.close();
        router.close();
    }

    private HotspotHttpServer hotspot(LoginBy first, LoginBy... more) throws IOException {
        return HotspotHttpServer.builder(router).file("login.html", PAGE).loginBy(first, more)
            .client("10.5.50.23", "AA:BB:CC:00:11:22").start();
    }

    @Test
    void servesTheLoginPageWithTheVariablesFilledAsRouterOsDoes() throws Exception {
        try (HotspotHttpServer hotspot = hotspot(LoginBy.HTTP_CHAP)) {
            String page = get(hotspot.baseUri() + "/login?dst=" + URLEncoder.encode("http://example.com/a?b=1", StandardCharsets.UTF_8)).body();
            assertTrue(page.contains("action=\"" + hotspot.baseUri() + "/login\""), page);
            assertTrue(page.contains("[mac=AA:BB:CC:00:11:22][ip=10.5.50.23][identity=hs-test][dst=http://example.com/a?b=1]"), page);
            assertTrue(CHAP.matcher(page).find(), page);
            assertTrue(page.contains("[mode=chap]") && !page.contains("[mode=pap]") && !page.contains("[error="), page);
            // The challenge stays until a login uses it, so the page can be loaded again.
            assertArrayEquals(chap(page), chap(get(hotspot.loginUri().toString()).body()));
        }
        try (HotspotHttpServer hotspot = hotspot(LoginBy.HTTP_PAP)) {
            String page = get(hotspot.loginUri().toString()).body();
            assertTrue(page.contains("[chap-id=][chap-challenge=]") && page.contains("[mode=pap]"), page);
        }
    }

    @Test
    void papLoginWithTheRightPasswordStartsTheSessionThePollReads() throws Exception {
        try (HotspotHttpServer hotspot = hotspot(LoginBy.HTTP_PAP)) {
            get(hotspot.loginUri().toString());
            HttpResponse<String> reply = post(hotspot, "SFMSMF83GR", "SFMSMF83GR", "http://example.com/");
            assertEquals(302, reply.statusCode());
            assertEquals("http://example.com/", reply.headers().firstValue("Location").orElseThrow());

            List<Map<String, String>> active = RawApiClient.rows(api.call("/ip/hotspot/active/print"));
            assertEquals(1, active.size());
            assertEquals("SFMSMF83GR", active.getFirst().get("user"));
            assertEquals("10.5.50.23", active.getFirst().get("address"));
            assertEquals("AA:BB:CC:00:11:22", active.getFirst().get("mac-address"));
            assertEquals("http-pap", active.getFirst().get("login-by"));
            // Logged in: the login page sends the browser to the status page, which names the user.
            assertEquals(hotspot.baseUri() + "/status", get(hotspot.loginUri().toString()).headers().firstValue("Location").orElseThrow());
            assertTrue(get(hotspot.baseUri() + "/status").body().contains("Welcome SFMSMF83GR!"));
        }
    }

    @Test
    void chapLoginSendsMd5OfIdPasswordAndChallenge() throws Exception {
        try (HotspotHttpServer hotspot = hotspot(LoginBy.HTTP_CHAP)) {
            String[] chap = chap(get(hotspot.loginUri().toString()).body());
            HttpResponse<String> reply = post(hotspot, "SFMSMF83GR", chapResponse(chap, "SFMSMF83GR"), "");
            assertEquals(302, reply.statusCode(), reply.body());
            assertEquals(hotspot.baseUri() + "/status", reply.headers().firstValue("Location").orElseThrow());
            HotspotSession session = router.state().hotspotActive().getFirst();
            assertEquals("http-chap", session.loginBy());
        }
    }

    @Test
    void aWrongPasswordServesThePageAgainWithTheRoutersErrorAndStartsNothing() throws Exception {
        try (HotspotHttpServer hotspot = hotspot(LoginBy.HTTP_CHAP, LoginBy.HTTP_PAP)) {
            String[] chap = chap(get(hotspot.loginUri().toString()).body());
            // The CHAP response of an empty password (what the old page sent) is refused.
            HttpResponse<String> reply = post(hotspot, "SFMSMF83GR", chapResponse(chap, ""), "");
            assertEquals(200, reply.statusCode());
            assertTrue(reply.body().contains("[error=invalid username or password][user=SFMSMF83GR]"), reply.body());
            // A used challenge is gone: the page served with the error has a new one.
            String[] next = chap(reply.body());
            assertFalse(List.of(next).equals(List.of(chap)));
            assertTrue(post(hotspot, "NOSUCHCODE", "NOSUCHCODE", "").body().contains("[error=invalid username or password]"));
            assertTrue(post(hotspot, "SFMSMF83GR", "sfmsmf83gr", "").body().contains("[error=invalid username or password]"));
            assertTrue(router.state().hotspotActive().isEmpty());
            assertTrue(RawApiClient.rows(api.call("/ip/hotspot/active/print")).isEmpty());
        }
    }

    @Test
    void chapOnlyRefusesAPlainPassword() throws Exception {
        try (HotspotHttpServer hotspot = hotspot(LoginBy.HTTP_CHAP)) {
            get(hotspot.loginUri().toString());
            String body = post(hotspot, "SFMSMF83GR", "SFMSMF83GR", "").body();
            assertTrue(body.contains("[error=web browser did not send challenge response (try refreshing, then try again)]"), body);
            assertTrue(router.state().hotspotActive().isEmpty());
        }
    }

    @Test
    void disabledUsersLimitsAndSharedUsersAreEnforcedWithRouterOsMessages() throws Exception {
        try (HotspotHttpServer hotspot = hotspot(LoginBy.HTTP_PAP)) {
            router.state().addHotspotUser(Map.of("name", "SHARED0001", "password", "SHARED0001", "profile", "wb-2h"));
            router.login("SHARED0001", "10.5.50.99", "AA:BB:CC:00:00:99");
            assertTrue(post(hotspot, "SHARED0001", "SHARED0001", "").body()
                .contains("[error=no more sessions are allowed for user SHARED0001]"));

            router.state().addHotspotUser(Map.of("name", "TIMEUP0001", "password", "TIMEUP0001", "limit-uptime", "1m"));
            router.login("TIMEUP0001", "10.5.50.98", "AA:BB:CC:00:00:98");
            router.advance(Duration.ofMinutes(2), 0, 0);
            assertTrue(post(hotspot, "TIMEUP0001", "TIMEUP0001", "").body()
                .contains("[error=user TIMEUP0001 has reached uptime limit]"));

            router.state().setHotspotUser("SFMSMF83GR", Map.of("disabled", "true"));
            assertTrue(post(hotspot, "SFMSMF83GR", "SFMSMF83GR", "").body().contains("[error=invalid username or password]"));
            assertTrue(router.state().hotspotActive().stream().noneMatch(s -> s.address().equals("10.5.50.23")));
        }
    }

    @Test
    void logoutEndsTheClientsSessionAndStaticFilesComeFromTheDirectory() throws Exception {
        try (HotspotHttpServer hotspot = HotspotHttpServer.builder(router).file("login.html", PAGE)
            .file("app.js", "var x = '$(ip)';").loginBy(LoginBy.HTTP_PAP).start()) {
            assertEquals(302, post(hotspot, "SFMSMF83GR", "SFMSMF83GR", "").statusCode());
            assertEquals(1, router.state().hotspotActive().size());
            assertTrue(get(hotspot.baseUri() + "/logout").body().contains("you have just logged off"));
            assertTrue(router.state().hotspotActive().isEmpty());
            HttpResponse<String> script = get(hotspot.baseUri() + "/app.js");
            assertEquals("var x = '$(ip)';", script.body(), "only pages are filled");
            assertTrue(script.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
            assertEquals(404, get(hotspot.baseUri() + "/../pom.xml").statusCode());
            assertEquals(404, get(hotspot.baseUri() + "/missing.css").statusCode());
        }
    }

    @Test
    void templateConditionalsNestAndCompare() {
        Map<String, String> v = Map.of("a", "1", "b", "", "c", "x");
        assertEquals("[A][c=x][not b]", HotspotPageTemplate.render(
            "$(if a)[A]$(if c == x)[c=x]$(elif a)[no]$(else)[no]$(endif)$(endif)$(if b)[B]$(elif c == y)[no]$(else)[not b]$(endif)", v));
        assertEquals("[1][]&lt;b&gt;", HotspotPageTemplate.render("[$(a)][$(unknown)]$(t)", Map.of("a", "1", "t", "<b>")));
    }

    private HttpResponse<String> get(String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(HotspotHttpServer hotspot, String username, String password, String dst) throws Exception {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&dst=" + URLEncoder.encode(dst, StandardCharsets.UTF_8)
            + "&popup=true";
        return http.send(HttpRequest.newBuilder(hotspot.loginUri()).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String[] chap(String page) {
        Matcher m = CHAP.matcher(page);
        assertTrue(m.find(), page);
        return new String[] {m.group(1), m.group(2)};
    }

    /** What a CHAP login page computes, from the escaped bytes in the page (independent of the server's code). */
    private static String chapResponse(String[] chap, String password) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(unescape(chap[0]));
        bytes.writeBytes(password.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(unescape(chap[1]));
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes.toByteArray()));
    }

    private static byte[] unescape(String octal) {
        String[] parts = octal.substring(1).split("\\\\");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 8);
        }
        return out;
    }
}
