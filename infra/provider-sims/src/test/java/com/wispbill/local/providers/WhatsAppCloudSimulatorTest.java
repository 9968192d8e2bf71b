package com.wispbill.local.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhatsAppCloudSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private WhatsAppCloudSimulator cloud;
    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                String query = exchange.getRequestURI().getQuery();
                String answer = "";
                if (query != null && query.contains("hub.verify_token=right")) {
                    answer = query.replaceAll(".*hub.challenge=([0-9]+).*", "$1");
                }
                received.add(exchange.getRequestMethod());
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        receiver.start();
        cloud = WhatsAppCloudSimulator.start()
                .number("1065550001", "token-1", "app-secret", URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"))
                .approveTemplate("1065550001", "voucher_receipt", "sw", 2);
    }

    @AfterEach
    void stop() {
        cloud.close();
        receiver.stop(0);
    }

    private HttpResponse<String> post(String token, String template, String language, String... parameters) throws Exception {
        var body = JSON.createObjectNode().put("messaging_product", "whatsapp").put("to", "254712000111").put("type", "template");
        var t = body.putObject("template").put("name", template);
        t.putObject("language").put("code", language);
        var ps = t.putArray("components").addObject().put("type", "body").putArray("parameters");
        for (String p : parameters) {
            ps.addObject().put("type", "text").put("text", p);
        }
        return HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/v21.0/1065550001/messages"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anApprovedTemplateIsRecordedAndAnsweredWithItsMessageId() throws Exception {
        HttpResponse<String> response = post("token-1", "voucher_receipt", "sw", "ABCD-1234", "1 Day");

        assertEquals(200, response.statusCode(), response.body());
        String id = JSON.readTree(response.body()).path("messages").path(0).path("id").asText();
        WhatsAppCloudSimulator.SentMessage sent = cloud.sentTo("254712000111").getFirst();
        assertEquals(id, sent.id());
        assertEquals(List.of("ABCD-1234", "1 Day"), sent.bodyParameters());
        assertEquals("sw", sent.language());
    }

    @Test
    void aWrongTokenAnUnapprovedTemplateOrWrongParametersAreRefusedAndNothingIsRecorded() throws Exception {
        assertEquals(401, post("other", "voucher_receipt", "sw", "A", "B").statusCode());
        HttpResponse<String> unapproved = post("token-1", "voucher_receipt", "en", "A", "B");
        assertEquals(132001, JSON.readTree(unapproved.body()).path("error").path("code").asInt());
        assertEquals(400, post("token-1", "voucher_receipt", "sw", "A").statusCode());
        assertTrue(cloud.sent().isEmpty());
    }

    @Test
    void failuresOnDemandAnswerTheGraphErrorThenTheNextRequestIsAccepted() throws Exception {
        cloud.failNext(1, 130429);
        cloud.failNext(1, 131026);

        HttpResponse<String> throttled = post("token-1", "voucher_receipt", "sw", "A", "B");
        HttpResponse<String> undeliverable = post("token-1", "voucher_receipt", "sw", "A", "B");

        assertEquals(429, throttled.statusCode());
        assertEquals(130429, JSON.readTree(throttled.body()).path("error").path("code").asInt());
        assertEquals(400, undeliverable.statusCode());
        assertEquals(131026, JSON.readTree(undeliverable.body()).path("error").path("code").asInt());
        assertTrue(cloud.sent().isEmpty());
        assertEquals(200, post("token-1", "voucher_receipt", "sw", "A", "B").statusCode());
    }

    @Test
    void aLostAnswerStillRecordsTheMessage() {
        cloud.loseNextAnswer("254712000111");

        assertThrows(IOException.class, () -> post("token-1", "voucher_receipt", "sw", "A", "B"));
        assertEquals(1, cloud.sent().size());
    }

    @Test
    void statusWebhooksAreSignedWithTheAppSecretOverTheRawBody() throws Exception {
        post("token-1", "voucher_receipt", "sw", "A", "B");
        String id = cloud.sent().getFirst().id();

        Callback delivered = cloud.status(id, "delivered");
        Callback failed = cloud.status(id, "failed");

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("app-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(delivered.body()));
        assertTrue(MessageDigest.isEqual(expected.getBytes(), delivered.headers().get("X-Hub-Signature-256").getBytes()));
        JsonNode status = JSON.readTree(delivered.body()).path("entry").path(0).path("changes").path(0).path("value").path("statuses").path(0);
        assertEquals(id, status.path("id").asText());
        assertEquals("delivered", status.path("status").asText());
        assertEquals(131026, JSON.readTree(failed.body()).findPath("errors").path(0).path("code").asInt());
        assertTrue(delivered.deliver().accepted());
        assertEquals(List.of("POST"), received);
    }

    @Test
    void theHandshakeSucceedsOnlyWhenTheChallengeIsEchoed() {
        URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");

        assertTrue(cloud.verifyWebhook(hook, "right"));
        assertFalse(cloud.verifyWebhook(hook, "wrong"));
    }
}
