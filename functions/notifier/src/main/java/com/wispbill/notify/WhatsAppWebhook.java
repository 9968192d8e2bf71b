package com.wispbill.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.repository.WhatsAppMessageRepository;
import com.wispbill.adapters.repository.WhatsAppSettingsRepository;
import com.wispbill.domain.Ids;
import com.wispbill.domain.PhoneNumbers;
import com.wispbill.domain.Signatures;
import com.wispbill.domain.messages.NotificationQueue;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.notify.WhatsAppMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reseller's WhatsApp webhook: the subscription handshake, and the signed notifications Meta
 * POSTs (delivery statuses of our messages, customers' messages). Nothing is read from a body whose
 * {@code X-Hub-Signature-256} is not the HMAC-SHA256 of exactly those bytes under the app secret.
 */
public final class WhatsAppWebhook {
    private static final Logger LOG = LoggerFactory.getLogger(WhatsAppWebhook.class);

    /** What became of a notification. */
    public enum Result {
        /** Verified and applied (statuses of unknown messages are ignored). */
        ACCEPTED,
        /** No number connected for the reseller, or a bad signature: nothing read, nothing stored. */
        UNAUTHORIZED
    }

    private final WhatsAppAccounts accounts;
    private final WhatsAppMessageRepository messages;
    private final WhatsAppSettingsRepository settings;
    private final NotificationQueue notifications;
    private final Clock clock;

    /** {@code notifications}: where the SMS instead of a failed WhatsApp message is queued for the notifier. */
    public WhatsAppWebhook(WhatsAppAccounts accounts, WhatsAppMessageRepository messages, WhatsAppSettingsRepository settings,
                           NotificationQueue notifications, Clock clock) {
        this.accounts = accounts;
        this.messages = messages;
        this.settings = settings;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** The challenge to echo when {@code mode} is subscribe and {@code verifyToken} is the reseller's; else empty. */
    public Optional<String> handshake(String resellerId, String mode, String verifyToken, String challenge) {
        if (!"subscribe".equals(mode) || verifyToken == null || challenge == null || !Ids.isValid(resellerId)) {
            return Optional.empty();
        }
        return accounts.account(resellerId)
                .filter(a -> !a.verifyToken().isEmpty() && Signatures.textEquals(a.verifyToken(), verifyToken))
                .map(a -> challenge);
    }

    public Result receive(String resellerId, byte[] body, String signature) {
        if (!Ids.isValid(resellerId)) {
            return Result.UNAUTHORIZED;
        }
        Optional<WhatsAppAccount> account = accounts.account(resellerId);
        if (account.isEmpty() || !signedWith(body, account.get().appSecret(), signature)) {
            return Result.UNAUTHORIZED;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            LOG.warn("whatsapp webhook of {}: signed body is not JSON, ignored", resellerId);
            return Result.ACCEPTED;
        }
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                value.path("statuses").forEach(status -> applyStatus(resellerId, status));
                value.path("messages").forEach(message -> applyMessage(resellerId, message));
            }
        }
        return Result.ACCEPTED;
    }

    private void applyStatus(String resellerId, JsonNode status) {
        Optional<String> phone = phone(status.path("recipient_id").asText(""));
        Optional<WhatsAppMessage.Status> to = WhatsAppMessage.Status.fromWebhook(status.path("status").asText(""));
        String id = status.path("id").asText("");
        if (phone.isEmpty() || to.isEmpty() || id.isEmpty()) {
            return;
        }
        Instant at = Instant.ofEpochSecond(status.path("timestamp").asLong(0));
        boolean applied = messages.applyStatus(resellerId, phone.get(), id, to.get(), at);
        LOG.info("whatsapp status {} {} of reseller {}: {}", id, to.get(), resellerId, applied ? "stored" : "unknown or stale, ignored");
        if (to.get() == WhatsAppMessage.Status.FAILED) {
            fallBackToSms(resellerId, phone.get(), id);
        }
    }

    /**
     * A message Meta accepted and then failed: its notice goes as one SMS. Queued for every failed status
     * of a message stored FAILED (also a redelivered one, so a queue send that failed the first time is
     * made up for), always under the same notification id: the notifier's once-per-id claim sends it once.
     */
    private void fallBackToSms(String resellerId, String phone, String messageId) {
        messages.failed(resellerId, phone, messageId).ifPresent(failed -> {
            notifications.send(new SmsRequest(WhatsAppMessage.smsFallbackId(failed.notificationId()), resellerId, phone,
                    failed.template(), failed.parameters(), clock.instant(), true));
            LOG.info("whatsapp {} of reseller {} failed: notice {} queued as SMS", messageId, resellerId, failed.notificationId());
        });
    }

    /** A customer's "STOP" ends WhatsApp and reminders for them; anything else is not ours to read. */
    private void applyMessage(String resellerId, JsonNode message) {
        Optional<String> phone = phone(message.path("from").asText(""));
        String text = message.path("text").path("body").asText("").strip().toUpperCase(Locale.ROOT);
        if (phone.isPresent() && text.equals("STOP")) {
            settings.stop(resellerId, phone.get());
            LOG.info("whatsapp STOP from a customer of reseller {}: opted out", resellerId);
        }
    }

    private static Optional<String> phone(String waId) {
        String e164 = "+" + waId;
        return PhoneNumbers.isE164(e164) ? Optional.of(e164) : Optional.empty();
    }

    /** {@code signature} is {@code sha256=<hex HMAC-SHA256 of the raw body, keyed with the app secret>}. */
    private static boolean signedWith(byte[] body, String appSecret, String signature) {
        return signature != null && signature.startsWith(SIGNATURE_PREFIX)
                && Signatures.hexEquals(Signatures.hmac("HmacSHA256", appSecret, body), signature.substring(SIGNATURE_PREFIX.length()));
    }

    private static final String SIGNATURE_PREFIX = "sha256=";
}
