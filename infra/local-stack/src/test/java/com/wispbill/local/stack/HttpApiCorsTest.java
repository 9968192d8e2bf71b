package com.wispbill.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP API's CorsConfiguration served as API Gateway serves it, with the local console's origin
 * in place of the CloudFront distribution's domain, and the distribution's security headers for the
 * local stand-in (cors-template.yaml).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiCorsTest {

    private static final String CONSOLE = "http://127.0.0.1:4999";

    private EmbeddedStack stack;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void startStack() throws Exception {
        Path template = Path.of(HttpApiCorsTest.class.getResource("/cors-template.yaml").toURI());
        stack = EmbeddedStack.start(EmbeddedStack.options().template(template).schedulesEnabled(false).consoleOrigin(CONSOLE)
                .parameter("ApiOrigin", "http://127.0.0.1:4998"));
    }

    @AfterAll
    void stopStack() {
        stack.close();
    }

    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.httpApiEndpoint() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<String> header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name);
    }

    @Test
    void theDistributionsDomainIsServedAsTheLocalConsolesOriginNextToTheCustomDomain() {
        assertEquals(List.of(CONSOLE, "https://console.example.com"), stack.httpApiCorsOrigins());
    }

    @Test
    void aPreflightFromTheConsoleIsAnsweredByTheApiWithTheConfiguredHeaders() throws Exception {
        HttpResponse<String> preflight = send("OPTIONS", "/echo", "Origin", CONSOLE,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");

        assertEquals(204, preflight.statusCode());
        assertEquals(Optional.of(CONSOLE), header(preflight, "Access-Control-Allow-Origin"));
        assertEquals(Optional.of("GET,POST"), header(preflight, "Access-Control-Allow-Methods"));
        assertEquals(Optional.of("authorization,content-type"), header(preflight, "Access-Control-Allow-Headers"));
        assertEquals(Optional.of("600"), header(preflight, "Access-Control-Max-Age"));
        assertEquals(Optional.empty(), header(preflight, "Access-Control-Allow-Credentials"));
    }

    @Test
    void aRouteOfAnApiWithoutCorsConfigurationKeepsTheFunctionsOwnCorsHeaders() throws Exception {
        // Served on the same port as the console's API, as every API is here; on AWS a separate API
        // (the hotspot portal's, called from any router's login page).
        HttpResponse<String> response = send("GET", "/public/echo?ownCors=true", "Origin", "http://10.5.50.1");

        assertEquals(200, response.statusCode());
        assertEquals(List.of("*"), response.headers().allValues("Access-Control-Allow-Origin"));
        HttpResponse<String> preflight = send("OPTIONS", "/public/echo", "Origin", CONSOLE, "Access-Control-Request-Method", "GET");
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), preflight.headers().toString());
    }

    @Test
    void aPreflightFromAnotherOriginGetsNoCorsHeaders() throws Exception {
        HttpResponse<String> preflight = send("OPTIONS", "/echo", "Origin", "http://127.0.0.1:5000",
                "Access-Control-Request-Method", "GET");

        assertEquals(204, preflight.statusCode());
        assertTrue(preflight.headers().map().keySet().stream().noneMatch(HttpApiCors::isCorsHeader), preflight.headers().toString());
    }

    @Test
    void aRequestFromTheConsoleGetsTheOriginAndExposedHeadersAndTheFunctionsOwnCorsHeadersAreDropped() throws Exception {
        HttpResponse<String> response = send("GET", "/echo?ownCors=true", "Origin", CONSOLE);

        assertEquals(200, response.statusCode());
        assertEquals(List.of(CONSOLE), response.headers().allValues("Access-Control-Allow-Origin"));
        assertEquals(Optional.of("x-next-cursor"), header(response, "Access-Control-Expose-Headers"));
        assertTrue(response.body().contains("\"routeKey\":\"GET /echo\""), response.body());
    }

    @Test
    void aRequestFromAnotherOriginOrWithoutOneGetsNoCorsHeaders() throws Exception {
        for (HttpResponse<String> response : List.of(send("GET", "/echo?ownCors=true", "Origin", "https://evil.example"),
                send("GET", "/echo"))) {
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().map().keySet().stream().noneMatch(HttpApiCors::isCorsHeader), response.headers().toString());
        }
    }

    @Test
    void theCustomDomainIsAllowedAsConfigured() throws Exception {
        HttpResponse<String> response = send("GET", "/echo", "Origin", "https://console.example.com");

        assertEquals(Optional.of("https://console.example.com"), header(response, "Access-Control-Allow-Origin"));
    }

    @Test
    void theResponseHeadersPolicyGivesTheHeadersCloudFrontAddsResolvedWithTheStacksParameters() {
        assertEquals(Map.of("Content-Security-Policy", "default-src 'none'; connect-src 'self' http://127.0.0.1:4998",
                        "Strict-Transport-Security", "max-age=63072000; includeSubDomains",
                        "X-Content-Type-Options", "nosniff",
                        "X-Frame-Options", "DENY",
                        "Referrer-Policy", "no-referrer"),
                stack.cloudFrontSecurityHeaders("HeadersPolicy"));
    }

    @Test
    void anOptionsRequestThatIsNoPreflightGoesToTheRoutes() throws Exception {
        assertEquals(404, send("OPTIONS", "/echo", "Origin", CONSOLE).statusCode()); // no OPTIONS route
    }
}
