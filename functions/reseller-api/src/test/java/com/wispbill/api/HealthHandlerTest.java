package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Json;
import com.wispbill.api.adapters.AwsProbes;
import com.wispbill.api.health.HealthCheck;
import com.wispbill.local.stack.TemplateDocument;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * GET /health through the template's HTTP API on the embedded stack: no key, every dependency named
 * with "ok", the build version; a dependency that does not answer makes it 503 and names it.
 */
class HealthHandlerTest {

    @Test
    void answersWithoutAKeyWhenEveryDependencyAnswers() throws Exception {
        TestStack world = TestStack.get();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(world.stack.httpApiEndpoint() + "/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertEquals("ok", body.get("status").asText());
        assertTrue(body.get("version").asText().matches("\\d+\\.\\d+\\.\\d+.*"), body.toString());
        List<String> names = List.of("entityTable", "usageTable", "routerCommandsQueue", "voucherBatchesQueue",
                "usageSamplesQueue", "notificationsQueue", "secretsManager");
        assertEquals(names, iterable(body.get("checks").fieldNames()));
        names.forEach(n -> assertEquals("ok", body.get("checks").get(n).asText(), n));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void aDependencyThatDoesNotAnswerMakesIt503AndIsNamed() throws Exception {
        TestStack world = TestStack.get();
        String missingQueue = world.commandQueueUrl.replace("router-commands", "no-such-queue");
        HealthHandler handler = new HealthHandler(new HealthCheck(List.of(
                AwsProbes.table("entityTable", AwsClients.newDynamoDbClient(), world.tables.entityTable()),
                AwsProbes.queue("routerCommandsQueue", AwsClients.newSqsClient(), missingQueue)), HealthHandler.buildVersion()));

        APIGatewayV2HTTPResponse response = handler.handleRequest(
                EventLoader.loadApiGatewayHttpEvent("../../events/health-get.json"), null);

        assertEquals(503, response.getStatusCode());
        JsonNode body = Json.MAPPER.readTree(response.getBody());
        assertEquals("unavailable", body.get("status").asText());
        assertEquals("ok", body.at("/checks/entityTable").asText());
        assertEquals("unreachable", body.at("/checks/routerCommandsQueue").asText());
        assertFalse(response.getBody().contains("no-such-queue"), "names dependencies, not their addresses");
    }

    /**
     * The role may read only the partition no item has (template.yaml, HealthFunction): every DynamoDB call the
     * table probes make is an action of a statement whose LeadingKeys condition names the key it reads.
     */
    @Test
    void theTableProbesReadOnlyThePartitionTheHealthRoleMayRead() {
        TestStack world = TestStack.get();
        List<String> calls = new CopyOnWriteArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                String key = context.request() instanceof GetItemRequest get ? get.key().get("PK").s() : "(no key)";
                calls.add("dynamodb:" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " " + key);
            }
        };
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)).build()) {
            HealthCheck.Report report = new HealthCheck(List.of(
                    AwsProbes.table("entityTable", dynamoDb, world.tables.entityTable()),
                    AwsProbes.table("usageTable", dynamoDb, world.tables.usageTable())), "test").run();
            assertTrue(report.healthy(), report.toString());
        }

        List<String> allowed = new java.util.ArrayList<>();
        TemplateDocument template = TemplateDocument.load(Path.of("../../template.yaml"));
        for (Object statement : (List<?>) ((Map<?, ?>) ((List<?>) template.resources().get("HealthFunction").properties()
                .get("Policies")).get(0)).get("Statement")) {
            Map<?, ?> s = (Map<?, ?>) statement;
            Object condition = s.get("Condition") instanceof Map<?, ?> c && c.get("ForAllValues:StringEquals") instanceof Map<?, ?> eq
                    ? eq.get("dynamodb:LeadingKeys") : null;
            for (Object action : (List<?>) s.get("Action")) {
                if (condition instanceof List<?> keys) {
                    keys.forEach(k -> allowed.add(action + " " + k));
                }
            }
        }
        assertEquals(2, calls.size(), calls.toString());
        calls.forEach(call -> assertTrue(allowed.contains(call), call + " is not among what the role may do: " + allowed));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
