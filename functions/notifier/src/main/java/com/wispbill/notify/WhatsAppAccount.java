package com.wispbill.notify;

/**
 * A reseller's WhatsApp Business number as the Cloud API knows it: the phone number id and the
 * (system user) access token that may send from it; the app secret that signs its webhooks and the
 * verify token of the webhook subscription handshake. Read from Secrets Manager; never logged.
 */
public record WhatsAppAccount(String phoneNumberId, String accessToken, String appSecret, String verifyToken) {
    @Override
    public String toString() {
        return "WhatsAppAccount[" + phoneNumberId + "]";
    }
}
