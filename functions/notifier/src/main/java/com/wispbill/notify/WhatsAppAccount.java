package com.wispbill.notify;

/**
 * A reseller's WhatsApp Business number as the Cloud API knows it: the phone number id and the
 * (system user) access token that may send from it. Read from Secrets Manager; never logged.
 */
public record WhatsAppAccount(String phoneNumberId, String accessToken) {
    @Override
    public String toString() {
        return "WhatsAppAccount[" + phoneNumberId + "]";
    }
}
