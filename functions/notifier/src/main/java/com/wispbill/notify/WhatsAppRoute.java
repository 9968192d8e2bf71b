package com.wispbill.notify;

import com.wispbill.adapters.ExpiringCache;
import com.wispbill.adapters.repository.WhatsAppMessageRepository;
import com.wispbill.adapters.repository.WhatsAppSettingsRepository;
import com.wispbill.domain.notify.WhatsAppMessage;
import java.time.Instant;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.notify.WhatsAppTemplate;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a notice goes by WhatsApp, and sending it: only when the customer opted in, the reseller
 * mapped an approved template to the event and connected a number. Otherwise the notice is an SMS.
 */
public final class WhatsAppRoute {
    /** No reseller has WhatsApp: every notice is an SMS. */
    public static final WhatsAppRoute NONE = new WhatsAppRoute(null, null, null, null);

    /**
     * How long a warm function keeps a reseller's number (its secret) and template map: a change through the
     * API applies within this time. A customer's opt-in and STOP are read for every notice (STOP must hold at once).
     */
    public static final Duration SETTINGS_TTL = Duration.ofMinutes(5);
    private static final int CACHED_RESELLERS = 1_000;

    /** A WhatsApp message ready to send. */
    public record Message(WhatsAppAccount account, WhatsAppTemplate template, List<String> bodyParameters) {
    }

    private final WhatsAppSettingsRepository settings;
    private final WhatsAppAccounts accounts;
    private final WhatsAppGateway gateway;
    private final WhatsAppMessageRepository messages;
    private final ExpiringCache<String, Optional<WhatsAppAccount>> cachedAccounts;
    private final ExpiringCache<String, Map<SmsTemplate, WhatsAppTemplate>> cachedTemplates;

    /** Reads the number and the templates for every notice (tests that change them between notices). */
    public WhatsAppRoute(WhatsAppSettingsRepository settings, WhatsAppAccounts accounts, WhatsAppGateway gateway,
                         WhatsAppMessageRepository messages) {
        this(settings, accounts, gateway, messages, Duration.ZERO, Clock.systemUTC());
    }

    /** Keeps each reseller's number and templates for {@code settingsTtl} (the function: {@link #SETTINGS_TTL}). */
    public WhatsAppRoute(WhatsAppSettingsRepository settings, WhatsAppAccounts accounts, WhatsAppGateway gateway,
                         WhatsAppMessageRepository messages, Duration settingsTtl, Clock clock) {
        this.settings = settings;
        this.accounts = accounts;
        this.gateway = gateway;
        this.messages = messages;
        this.cachedAccounts = new ExpiringCache<>(settingsTtl, CACHED_RESELLERS, clock);
        this.cachedTemplates = new ExpiringCache<>(settingsTtl, CACHED_RESELLERS, clock);
    }

    /** True when the customer wrote STOP and {@code sms} is a reminder: it is not sent on any channel. */
    public boolean stoppedReminder(SmsRequest sms) {
        return settings != null && WhatsAppMessage.isReminder(sms.template()) && settings.stopped(sms.resellerId(), sms.phoneE164());
    }

    /** The message to send instead of the SMS, or empty when the notice goes by SMS. */
    public Optional<Message> messageFor(SmsRequest sms) {
        if (settings == null || sms.smsOnly() || !settings.optedIn(sms.resellerId(), sms.phoneE164())) {
            return Optional.empty();
        }
        WhatsAppTemplate template = cachedTemplates.get(sms.resellerId(), settings::templates).get(sms.template());
        if (template == null) {
            return Optional.empty();
        }
        List<String> parameters = WhatsAppTemplate.bodyParameters(sms.template(), sms.parameters());
        return cachedAccounts.get(sms.resellerId(), accounts::account).map(account -> new Message(account, template, parameters));
    }

    /** Sends it; see {@link WhatsAppGateway#send} for what its exceptions mean. */
    public String send(SmsRequest sms, Message message) {
        return gateway.send(message.account(), sms.phoneE164(), message.template().name(), message.template().language(),
                message.bodyParameters());
    }

    /** Keeps the sent message for its status webhooks and the reseller's message list. */
    public void recordSent(SmsRequest sms, String messageId, Instant sentAt) {
        messages.recordSent(sms.resellerId(), sms.phoneE164(), messageId, sms.notificationId(), sms.template(), sms.parameters(),
                sentAt);
    }
}
