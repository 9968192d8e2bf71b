package com.wispbill.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * The JSON of a reseller's WhatsApp secret ({@code wispbill/whatsapp/<resellerId>}): the one home of its
 * field names, written by the reseller API and read by the notifier and the WhatsApp webhook.
 */
public final class WhatsAppSecretJson {
    private WhatsAppSecretJson() {
    }

    /** The secret's fields; an absent one reads as empty. {@link #toString} shows no secret. */
    public record Fields(String phoneNumberId, String accessToken, String appSecret, String verifyToken) {
        @Override
        public String toString() {
            return "WhatsAppSecret[phoneNumberId=" + phoneNumberId + ", secrets hidden]";
        }
    }

    public static String write(Fields fields) {
        return Json.MAPPER.createObjectNode()
                .put("phoneNumberId", fields.phoneNumberId())
                .put("accessToken", fields.accessToken())
                .put("appSecret", fields.appSecret())
                .put("verifyToken", fields.verifyToken())
                .toString();
    }

    /** @throws IllegalArgumentException when the secret is not a JSON object */
    public static Fields read(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return new Fields(root.path("phoneNumberId").asText(""), root.path("accessToken").asText(""),
                root.path("appSecret").asText(""), root.path("verifyToken").asText(""));
    }
}
