package com.wispbill.api.service;

import com.wispbill.domain.Validation;

/**
 * A WhatsApp Business number as Meta identifies it: the phone number id, the system user's access token,
 * the app's secret (signs the status webhooks) and the verify token the reseller chose for the webhook
 * handshake. The secret values are never shown ({@link #toString} hides them).
 */
public record WhatsAppConnection(String phoneNumberId, String accessToken, String appSecret, String verifyToken) {
    private static final String TOKEN = "[\\x21-\\x7E]";

    public WhatsAppConnection {
        Validation v = new Validation();
        v.check(phoneNumberId != null && phoneNumberId.matches("[0-9]{5,20}"), "phoneNumberId",
                "must be the number's phone number id from WhatsApp Manager (5-20 digits)");
        v.check(accessToken != null && accessToken.matches(TOKEN + "{20,1024}"), "accessToken",
                "must be the access token (20-1024 printable characters, no spaces)");
        v.check(appSecret != null && appSecret.matches(TOKEN + "{16,256}"), "appSecret",
                "must be the app secret (16-256 printable characters, no spaces)");
        v.check(verifyToken != null && verifyToken.matches(TOKEN + "{8,256}"), "verifyToken",
                "must be a token of your choice for the webhook handshake (8-256 printable characters, no spaces)");
        v.throwIfInvalid();
    }

    @Override
    public String toString() {
        return "WhatsAppConnection[phoneNumberId=" + phoneNumberId + ", secrets hidden]";
    }
}
