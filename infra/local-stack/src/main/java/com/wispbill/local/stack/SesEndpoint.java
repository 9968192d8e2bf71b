package com.wispbill.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The SES v2 {@code SendEmail} call ({@code POST /v2/email/outbound-emails}, REST JSON) with a simple
 * text message: validated as SES does (a sender, 1-50 recipients, a subject), recorded and answered
 * with a {@code MessageId}. Nothing is delivered; tests read {@link #sentEmails()}.
 */
public final class SesEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RECIPIENTS = 50;

    /** A response ready to be written. */
    record Response(int status, byte[] body) {}

    private final Clock clock;
    private final List<SentEmail> sent = new CopyOnWriteArrayList<>();

    public SesEndpoint(Clock clock) {
        this.clock = clock;
    }

    Response handle(String method, String path, byte[] body) {
        if (!"POST".equals(method) || !"/v2/email/outbound-emails".equals(path)) {
            return error(404, "NotFoundException", "The embedded SES serves SendEmail (POST /v2/email/outbound-emails) only");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "BadRequestException", "The request body is not JSON");
        }
        String from = root.path("FromEmailAddress").asText("");
        List<String> to = new ArrayList<>();
        root.path("Destination").path("ToAddresses").forEach(a -> to.add(a.asText()));
        JsonNode simple = root.path("Content").path("Simple");
        String subject = simple.path("Subject").path("Data").asText("");
        String text = simple.path("Body").path("Text").path("Data").asText("");
        if (!from.contains("@") || to.isEmpty() || to.size() > MAX_RECIPIENTS || to.stream().anyMatch(a -> !a.contains("@"))
                || subject.isEmpty()) {
            return error(400, "BadRequestException", "SendEmail needs FromEmailAddress, 1-50 ToAddresses and a Subject");
        }
        String messageId = UUID.randomUUID().toString();
        sent.add(new SentEmail(messageId, from, to, subject, text, clock.instant()));
        return new Response(200, ("{\"MessageId\":\"" + messageId + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static Response error(int status, String type, String message) {
        return new Response(status, JSON.createObjectNode().put("__type", type).put("message", message).toString()
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Every email accepted, oldest first. */
    public List<SentEmail> sentEmails() {
        return List.copyOf(sent);
    }

    public void clearSentEmails() {
        sent.clear();
    }
}
