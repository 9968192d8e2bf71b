package com.wispbill.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wispbill.testing.StreamInvocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HTTP API functions read the request and write the response themselves: the same request object and
 * the same response JSON as Lambda's own serialisation.
 */
class HttpApiHandlerTest {
    private static final Path EVENTS = Path.of("../../events");

    /** Every sample event of an HTTP API function (payload format 2.0). */
    static Stream<Path> httpEvents() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.list(EVENTS)) {
            all.filter(f -> {
                try {
                    return Json.LENIENT.readTree(f.toFile()).path("version").asText().equals("2.0");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sorted().forEach(files::add);
        }
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("httpEvents")
    void theRequestReadsAsLambdasSerialisationReadsIt(Path file) throws IOException {
        APIGatewayV2HTTPEvent expected = EventLoader.loadApiGatewayHttpEvent(file.toString());
        APIGatewayV2HTTPEvent read = HttpApiHandler.read(Json.LENIENT.readTree(file.toFile()));

        assertEquals(expected.toString(), read.toString(), file.toString());
        assertEquals(expected, read, file.toString());
    }

    static Stream<APIGatewayV2HTTPResponse> responses() {
        return Stream.of(
                APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(Map.of("Content-Type", "application/json"))
                        .withBody("{\"ok\":true}").build(),
                APIGatewayV2HTTPResponse.builder().withStatusCode(302).withHeaders(Map.of("Location", "/x"))
                        .withMultiValueHeaders(Map.of("Vary", List.of("Origin", "Accept"))).withCookies(List.of("s=1; Secure"))
                        .build(),
                APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("JVBERi0=").withIsBase64Encoded(true).build(),
                APIGatewayV2HTTPResponse.builder().withStatusCode(204).build());
    }

    @ParameterizedTest
    @MethodSource("responses")
    void theResponseIsWhatLambdasSerialisationWrites(APIGatewayV2HTTPResponse response) throws IOException {
        ByteArrayOutputStream lambdas = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, getClass().getClassLoader()).toJson(response, lambdas);
        JsonNode expected = Json.LENIENT.readTree(lambdas.toByteArray());
        ((ObjectNode) expected).properties().removeIf(p -> p.getValue().isNull());

        HttpApiHandler answers = new HttpApiHandler() {
            @Override
            public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
                return response;
            }
        };
        assertEquals(expected, Json.LENIENT.readTree(StreamInvocation.invoke(answers, EVENTS.resolve("health-get.json"), null)));
    }
}
