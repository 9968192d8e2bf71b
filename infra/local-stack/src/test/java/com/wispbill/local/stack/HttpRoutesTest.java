package com.wispbill.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** API Gateway route selection (no servers). */
class HttpRoutesTest {

    private static LambdaFunction function(String id) {
        return new LambdaFunction(id, id, "arn:aws:lambda:us-east-1:000000000000:function:" + id, null, Duration.ofSeconds(3), 128,
                Map.of(), List.of(), true);
    }

    private final HttpRoutes routes = new HttpRoutes();

    HttpRoutesTest() {
        routes.add(new HttpRoutes.Route("POST", "/webhooks/{provider}", function("Webhook")));
        routes.add(new HttpRoutes.Route("GET", "/v1/plans/{planId}", function("GetPlan")));
        routes.add(new HttpRoutes.Route("GET", "/v1/plans/featured", function("Featured")));
        routes.add(new HttpRoutes.Route("ANY", "/v1/plans/{planId}", function("AnyPlan")));
        routes.add(new HttpRoutes.Route("ANY", "/v1/{proxy+}", function("Proxy")));
    }

    private String route(String method, String path) {
        return routes.resolve(method, path).map(m -> m.route().routeKey()).orElse("404");
    }

    @Test
    void theMostSpecificRouteWins() {
        assertEquals("GET /v1/plans/featured", route("GET", "/v1/plans/featured"));
        assertEquals("GET /v1/plans/{planId}", route("GET", "/v1/plans/p1"));
        assertEquals("ANY /v1/plans/{planId}", route("PATCH", "/v1/plans/p1"));
        assertEquals("ANY /v1/{proxy+}", route("GET", "/v1/routers/r1/health"));
        assertEquals("POST /webhooks/{provider}", route("post", "/webhooks/mpesa"));
        assertEquals("404", route("GET", "/webhooks/mpesa"));
        assertEquals("404", route("GET", "/v1"), "a greedy variable needs at least one segment");
        assertEquals("404", route("POST", "/webhooks/mpesa/extra"));
    }

    @Test
    void pathParametersAreDecoded() {
        assertEquals(Map.of("planId", "a b+c"), routes.resolve("GET", "/v1/plans/a%20b+c").orElseThrow().pathParameters());
        assertEquals(Map.of("proxy", "a/b%"), routes.resolve("GET", "/v1/a/b%25").orElseThrow().pathParameters());
    }

    @Test
    void defaultRouteCatchesTheRestAndDuplicatesAreRejected() {
        assertEquals("404", route("GET", "/other"));
        routes.add(new HttpRoutes.Route("ANY", null, function("Default")));
        assertEquals("$default", route("GET", "/other"));
        assertEquals("GET /v1/plans/{planId}", route("GET", "/v1/plans/p1"));
        StackException duplicate = assertThrows(StackException.class,
                () -> routes.add(new HttpRoutes.Route("POST", "/webhooks/{provider}", function("Other"))));
        assertTrue(duplicate.getMessage().contains("Webhook") && duplicate.getMessage().contains("Other"));
        assertThrows(StackException.class, () -> routes.add(new HttpRoutes.Route("GET", "/a/{rest+}/b", function("Bad"))));
    }
}
