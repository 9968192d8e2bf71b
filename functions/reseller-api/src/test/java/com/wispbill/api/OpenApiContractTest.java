package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import com.wispbill.api.http.Access;
import com.wispbill.adapters.http.HttpResponse;
import com.wispbill.api.http.Route;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document and the handler describe the same API: every route the handler serves is in
 * the document and every operation in the document is a route; and every route, sent to the local
 * HTTP API that the template's routes configure, reaches this handler (its own 401 problem, not the
 * gateway's 404).
 */
class OpenApiContractTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private static TestStack stack;
    private static List<Route> routes;
    private static JsonNode document;

    @BeforeAll
    static void setUp() throws IOException {
        stack = TestStack.get();
        routes = stack.api(TestStack.roomySettings(), Clock.systemUTC()).routes().routes();
        document = Json.MAPPER.readTree(ResellerApiRoutes.loadOpenApi());
    }

    private static Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (HTTP_METHODS.contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return operations;
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
        Set<String> served = routes.stream().map(r -> r.method() + " " + r.template())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(served, documentedOperations());
    }

    @Test
    void theDocumentIsOpenApi31WithSecurityAsTheRoutesNeedIt() {
        assertEquals("3.1.0", document.path("openapi").asText());
        for (Route route : routes) {
            JsonNode operation = document.path("paths").path(route.template()).path(route.method().toLowerCase(Locale.ROOT));
            assertTrue(operation.path("operationId").isTextual(), route.template());
            boolean open = operation.path("security").isArray() && operation.path("security").isEmpty();
            assertEquals(route.access() == Access.PUBLIC, open, "security of " + route.method() + " " + route.template());
            if (route.access() != Access.PUBLIC) {
                assertTrue(operation.path("responses").has("401") && operation.path("responses").has("429"),
                        route.template());
            }
            // The document states each route's level of the role table (RoleTable), as the dispatcher enforces it.
            assertEquals(route.access() == Access.PUBLIC ? "" : route.access().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    operation.path("x-wispbill-access").asText(), route.method() + " " + route.template());
            List<String> parameters = operation.path("parameters").findValuesAsText("name");
            for (String segment : route.template().split("/")) {
                if (segment.startsWith("{")) {
                    assertTrue(parameters.contains(segment.substring(1, segment.length() - 1)), route.template());
                }
            }
        }
    }

    @Test
    void theDocumentIsServedWithoutAKey() {
        ApiClient api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), Clock.systemUTC())));
        ApiClient.Reply reply = api.send("reseller-api-openapi.json", null, Map.of()).expect(200);
        assertEquals(HttpResponse.JSON, reply.contentType());
        assertEquals(document, reply.json());
    }

    @Test
    void everyRouteThroughTheTemplatesHttpApiReachesThisHandler() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (Route route : routes) {
            String path = route.template().replaceAll("\\{[A-Za-z]+}", "some-id");
            HttpRequest.Builder request = HttpRequest.newBuilder(stack.stack.httpApiEndpoint().resolve(path))
                    .method(route.method(), route.method().equals("GET") || route.method().equals("DELETE")
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
            var response = http.send(request.build(), BodyHandlers.ofString());
            if (route.template().equals("/v1/openapi.json")) {
                assertEquals(200, response.statusCode(), path);
                assertEquals(document, Json.MAPPER.readTree(response.body()));
            } else if (route.access() == Access.PUBLIC) {
                // signing in with an empty body: this handler's own field errors
                assertEquals(400, response.statusCode(), route.method() + " " + path + ": " + response.body());
                assertEquals(HttpResponse.PROBLEM_JSON, response.headers().firstValue("content-type").orElse(""));
            } else {
                assertEquals(401, response.statusCode(), route.method() + " " + path + ": " + response.body());
                assertEquals(HttpResponse.PROBLEM_JSON, response.headers().firstValue("content-type").orElse(""));
                assertEquals("Unauthorized", Json.MAPPER.readTree(response.body()).path("title").asText());
            }
        }
    }
}
