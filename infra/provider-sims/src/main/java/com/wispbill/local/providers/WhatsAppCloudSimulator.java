package com.wispbill.local.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the WhatsApp Business Cloud API (the Graph API's messages endpoint), replacing
 * {@code https://graph.facebook.com}: {@code POST /{version}/{phone-number-id}/messages} with the
 * business number's bearer token takes template messages (name, language code, body text
 * parameters), records them and answers the message id ({@code wamid.…}). Only templates approved for
 * the number ({@link #approveTemplate}) with their number of body parameters are accepted, as Meta
 * accepts only approved templates.
 *
 * <p>Failures on demand ({@link #failNext}) answer the Graph API's error object with a 131xxx/130429
 * code; {@link #loseNextAnswer} takes a message and breaks the connection before the answer.
 * Status webhooks (sent, delivered, read, failed) and inbound messages are returned as signed
 * {@link Callback}s ({@code X-Hub-Signature-256}) to the number's webhook URL, which the caller may
 * deliver, alter or drop; {@link #verifyWebhook} performs the subscription handshake.
 */
public final class WhatsAppCloudSimulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MESSAGES_PATH = Pattern.compile("^/(v\\d+\\.\\d+)/([0-9]+)/messages$");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A business phone number registered with the stand-in. */
    private record Number(String phoneNumberId, String accessToken, String appSecret, URI webhookUrl,
                          Map<String, Integer> approvedTemplates) {
    }

    /** A message the stand-in accepted. */
    public record SentMessage(String id, String phoneNumberId, String to, String template, String language,
                              List<String> bodyParameters, Instant acceptedAt) {
    }

    /** An error the next request answers: the Graph API error code and the HTTP status it comes with. */
    private record Failure(int code, int httpStatus) {
    }

    private HttpServer server;
    private final Clock clock;
    private final Map<String, Number> numbers = new ConcurrentHashMap<>();
    private final List<SentMessage> sent = new CopyOnWriteArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final Set<String> answersToLose = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> requestCount = new ConcurrentHashMap<>();

    private WhatsAppCloudSimulator(Clock clock) {
        this.clock = clock;
    }

    /** Starts on an ephemeral loopback port; {@code clock} dates messages and status timestamps. */
    public static WhatsAppCloudSimulator start(Clock clock) {
        WhatsAppCloudSimulator simulator = new WhatsAppCloudSimulator(clock);
        simulator.server = LoopbackServer.start("whatsapp-sim", simulator::handle);
        return simulator;
    }

    public static WhatsAppCloudSimulator start() {
        return start(Clock.systemUTC());
    }

    /** Stands in for {@code https://graph.facebook.com}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A business phone number, its system-user token, the app's secret and the app's webhook URL. */
    public WhatsAppCloudSimulator number(String phoneNumberId, String accessToken, String appSecret, URI webhookUrl) {
        numbers.put(phoneNumberId, new Number(phoneNumberId, accessToken, appSecret, webhookUrl, new ConcurrentHashMap<>()));
        return this;
    }

    /** Meta approved template {@code name} in {@code language} for the number, with that many body parameters. */
    public WhatsAppCloudSimulator approveTemplate(String phoneNumberId, String name, String language, int bodyParameters) {
        require(phoneNumberId).approvedTemplates().put(name + "/" + language, bodyParameters);
        return this;
    }

    /**
     * The next {@code count} message requests are refused with Graph API error {@code code} (e.g.
     * 130429 throughput limit, 131048 spam rate limit, 131026 undeliverable, 131000 generic): HTTP 429
     * for the rate limits, 400 for the rest. Nothing is recorded for them.
     */
    public synchronized void failNext(int count, int code) {
        int status = code == 130429 || code == 131056 || code == 80007 ? 429 : 400;
        for (int i = 0; i < count; i++) {
            failures.add(new Failure(code, status));
        }
    }

    /** The next message to {@code toWaId} is accepted and recorded, but the connection breaks before the answer. */
    public void loseNextAnswer(String toWaId) {
        answersToLose.add(toWaId);
    }

    /** Every message accepted, oldest first. */
    public List<SentMessage> sent() {
        return List.copyOf(sent);
    }

    /** Messages accepted for {@code toWaId} (digits, no {@code +}). */
    public List<SentMessage> sentTo(String toWaId) {
        return sent.stream().filter(m -> m.to().equals(toWaId)).toList();
    }

    /** Message requests received, accepted or not. */
    public long requests() {
        return requestCount.values().stream().mapToLong(Long::longValue).sum();
    }

    // ------------------------------------------------------------------ webhooks

    /**
     * The status webhook Meta sends for {@code messageId}: {@code sent}, {@code delivered}, {@code read}
     * or {@code failed} (with error {@code 131026}, message undeliverable), signed with the app secret.
     */
    public Callback status(String messageId, String status) {
        if (!Set.of("sent", "delivered", "read", "failed").contains(status)) {
            throw new IllegalArgumentException("a status is sent, delivered, read or failed");
        }
        SentMessage message = sent.stream().filter(m -> m.id().equals(messageId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no message " + messageId));
        ObjectNode value = envelope(message.phoneNumberId());
        ObjectNode entry = value.putArray("statuses").addObject();
        entry.put("id", messageId);
        entry.put("status", status);
        entry.put("timestamp", Long.toString(clock.instant().getEpochSecond()));
        entry.put("recipient_id", message.to());
        if (status.equals("failed")) {
            entry.putArray("errors").addObject().put("code", 131026).put("title", "Message undeliverable");
        }
        return signed(message.phoneNumberId(), value);
    }

    /** The webhook Meta sends when customer {@code fromWaId} writes {@code text} to the business number. */
    public Callback inboundText(String phoneNumberId, String fromWaId, String text) {
        ObjectNode value = envelope(phoneNumberId);
        value.putArray("contacts").addObject().put("wa_id", fromWaId).putObject("profile").put("name", "Customer");
        ObjectNode message = value.putArray("messages").addObject();
        message.put("from", fromWaId);
        message.put("id", "wamid." + UUID.randomUUID().toString().replace("-", ""));
        message.put("timestamp", Long.toString(clock.instant().getEpochSecond()));
        message.put("type", "text");
        message.putObject("text").put("body", text);
        return signed(phoneNumberId, value);
    }

    /**
     * The subscription handshake Meta performs when the webhook URL is saved: a GET with
     * {@code hub.mode=subscribe}, the verify token and a random challenge. True when the receiver
     * answered 200 with exactly the challenge.
     */
    public boolean verifyWebhook(URI webhookUrl, String verifyToken) {
        String challenge = Long.toString(Math.abs(UUID.randomUUID().getLeastSignificantBits()));
        URI uri = URI.create(webhookUrl + "?hub.mode=subscribe&hub.verify_token="
                + URLEncoder.encode(verifyToken, StandardCharsets.UTF_8) + "&hub.challenge=" + challenge);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().equals(challenge);
        } catch (IOException e) {
            throw new UncheckedIOException("handshake with " + webhookUrl + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private ObjectNode envelope(String phoneNumberId) {
        ObjectNode value = JSON.createObjectNode();
        value.put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", "15550000000").put("phone_number_id", phoneNumberId);
        return value;
    }

    private Callback signed(String phoneNumberId, ObjectNode value) {
        Number number = require(phoneNumberId);
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "whatsapp_business_account");
        ObjectNode change = root.putArray("entry").addObject().put("id", "waba-" + phoneNumberId).putArray("changes").addObject();
        change.set("value", value);
        change.put("field", "messages");
        byte[] body = bytes(root);
        return new Callback(number.webhookUrl(), Map.of("Content-Type", "application/json",
                "X-Hub-Signature-256", Signing.whatsapp(body, number.appSecret())), body);
    }

    private Number require(String phoneNumberId) {
        Number number = numbers.get(phoneNumberId);
        if (number == null) {
            throw new IllegalArgumentException("no simulated WhatsApp number " + phoneNumberId);
        }
        return number;
    }

    // ------------------------------------------------------------------ the API

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = MESSAGES_PATH.matcher(exchange.getRequestURI().getPath());
            if (!exchange.getRequestMethod().equals("POST") || !path.matches()) {
                error(exchange, 400, 100, "Unsupported request - method type: " + exchange.getRequestMethod().toLowerCase());
                return;
            }
            String phoneNumberId = path.group(2);
            requestCount.merge(phoneNumberId, 1L, Long::sum);
            Number number = numbers.get(phoneNumberId);
            String authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
            if (number == null || !authorization.equals("Bearer " + number.accessToken())) {
                error(exchange, 401, 190, "Invalid OAuth access token - Cannot parse access token");
                return;
            }
            Failure failure = nextFailure();
            if (failure != null) {
                error(exchange, failure.httpStatus(), failure.code(), describe(failure.code()));
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(exchange.getRequestBody());
            } catch (IOException e) {
                error(exchange, 400, 100, "Invalid parameter");
                return;
            }
            accept(exchange, number, body);
        }
    }

    private void accept(HttpExchange exchange, Number number, JsonNode body) throws IOException {
        String to = body.path("to").asText("").replace("+", "");
        JsonNode template = body.path("template");
        if (!body.path("messaging_product").asText("").equals("whatsapp") || !to.matches("[0-9]{8,15}")
                || !body.path("type").asText("").equals("template")) {
            error(exchange, 400, 100, "Invalid parameter: messaging_product whatsapp, to (digits) and type template are required");
            return;
        }
        String name = template.path("name").asText("");
        String language = template.path("language").path("code").asText("");
        List<String> parameters = new ArrayList<>();
        for (JsonNode component : template.path("components")) {
            if (component.path("type").asText("").equals("body")) {
                for (JsonNode parameter : component.path("parameters")) {
                    parameters.add(parameter.path("text").asText(""));
                }
            }
        }
        Integer expected = number.approvedTemplates().get(name + "/" + language);
        if (expected == null) {
            error(exchange, 404, 132001, "Template name does not exist in the translation");
            return;
        }
        if (expected != parameters.size()) {
            error(exchange, 400, 132000, "Number of parameters does not match the expected number of params");
            return;
        }
        SentMessage message = new SentMessage("wamid." + UUID.randomUUID().toString().replace("-", ""),
                number.phoneNumberId(), to, name, language, List.copyOf(parameters), clock.instant());
        sent.add(message);
        if (answersToLose.remove(to)) {
            exchange.sendResponseHeaders(200, 1000);
            return; // closing with fewer bytes than announced breaks the answer
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("messaging_product", "whatsapp");
        answer.putArray("contacts").addObject().put("input", body.path("to").asText()).put("wa_id", to);
        answer.putArray("messages").addObject().put("id", message.id());
        send(exchange, 200, answer);
    }

    private synchronized Failure nextFailure() {
        return failures.poll();
    }

    private static String describe(int code) {
        return switch (code) {
            case 130429 -> "Rate limit hit";
            case 131048 -> "Spam rate limit hit";
            case 131056 -> "(Business Account, Consumer Account) pair rate limit hit";
            case 131026 -> "Message undeliverable";
            case 131047 -> "Re-engagement message";
            case 131000 -> "Something went wrong";
            default -> "Error " + code;
        };
    }

    private static void error(HttpExchange exchange, int status, int code, String message) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", "(#" + code + ") " + message);
        error.put("type", "OAuthException");
        error.put("code", code);
        error.putObject("error_data").put("messaging_product", "whatsapp").put("details", message);
        error.put("fbtrace_id", UUID.randomUUID().toString().substring(0, 12));
        send(exchange, status, root);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = bytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
