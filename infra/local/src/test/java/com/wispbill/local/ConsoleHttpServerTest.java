package com.wispbill.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's local stand-in for CloudFront, on a fixture console (test resources console-server-test/). */
class ConsoleHttpServerTest {

    private static final Map<String, String> HEADERS = Map.of("Content-Security-Policy", "default-src 'none'; script-src 'self'",
            "X-Frame-Options", "DENY");
    private static ConsoleHttpServer console;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        console = ConsoleHttpServer.start(0, ConsoleHttpServerTest.class.getClassLoader(), "console-server-test/",
                "http://127.0.0.1:4567", HEADERS);
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(console.origin() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRootIsIndexHtmlWithTheSecurityHeadersAndNoCaching() throws Exception {
        HttpResponse<String> index = get("/");

        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains("<title>Console test page</title>"), index.body());
        assertEquals(Optional.of("text/html; charset=utf-8"), index.headers().firstValue("Content-Type"));
        assertEquals(Optional.of("default-src 'none'; script-src 'self'"), index.headers().firstValue("Content-Security-Policy"));
        assertEquals(Optional.of("DENY"), index.headers().firstValue("X-Frame-Options"));
        assertEquals(Optional.of("no-cache"), index.headers().firstValue("Cache-Control"));
    }

    @Test
    void configJsNamesThisRunsApi() throws Exception {
        HttpResponse<String> config = get("/config.js");

        assertEquals(200, config.statusCode());
        assertEquals("window.WISPBILL_CONSOLE = {apiBaseUrl: \"http://127.0.0.1:4567\"};\n", config.body());
        assertEquals(Optional.of("text/javascript; charset=utf-8"), config.headers().firstValue("Content-Type"));
    }

    @Test
    void filesAreServedWithTheirTypesAndNothingElseIs() throws Exception {
        assertEquals(Optional.of("text/css; charset=utf-8"), get("/assets/app.css").headers().firstValue("Content-Type"));
        assertEquals(Optional.of("text/javascript; charset=utf-8"), get("/app.js").headers().firstValue("Content-Type"));
        for (String path : new String[] {"/missing.js", "/assets", "/assets/", "/../console-server-test/app.js", "/%2e%2e/com/wispbill/local/LocalRun.class"}) {
            assertEquals(404, get(path).statusCode(), path);
        }
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(console.origin() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void aConsoleThatIsNotBuiltIsSaidSo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ConsoleHttpServer.start(0,
                ConsoleHttpServerTest.class.getClassLoader(), "no-console-here/", "http://127.0.0.1:4567", Map.of()));
        assertTrue(e.getMessage().contains("The console is not built"), e.getMessage());
    }
}
