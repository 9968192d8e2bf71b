package com.wispbill.api.service;

import com.wispbill.adapters.repository.AlertEmailRepository;
import com.wispbill.adapters.repository.WhatsAppSettingsRepository;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.notify.WhatsAppTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the notifier reads besides the SMS settings: the reseller's WhatsApp number (write-only credentials), its approved WhatsApp templates per event,
 * which customers opted in to WhatsApp, and the addresses alerts are emailed to. The items are the ones the
 * notifier reads (its repositories), so a change here applies at the next notice.
 */
public final class NoticeSettingsService {
    private final WhatsAppSettingsRepository whatsApp;
    private final AlertEmailRepository alertEmails;
    private final CustomerService customers;
    private final WhatsAppCredentials credentials;

    public NoticeSettingsService(WhatsAppSettingsRepository whatsApp, AlertEmailRepository alertEmails,
                                 CustomerService customers, WhatsAppCredentials credentials) {
        this.credentials = credentials;
        this.whatsApp = whatsApp;
        this.alertEmails = alertEmails;
        this.customers = customers;
    }

    /** The connected number's phone number id; empty when none is connected. Never the secrets. */
    public Optional<String> whatsAppNumber(Reseller reseller) {
        return credentials.phoneNumberId(reseller.id());
    }

    /** Connects (or replaces) the reseller's WhatsApp Business number; the notifier uses it from its next notice. */
    public Optional<String> connectWhatsApp(Reseller reseller, WhatsAppConnection connection) {
        credentials.save(reseller.id(), connection);
        return credentials.phoneNumberId(reseller.id());
    }

    public Map<SmsTemplate, WhatsAppTemplate> whatsAppTemplates(Reseller reseller) {
        return whatsApp.templates(reseller.id());
    }

    /** Maps each given event to its approved template; events not given keep their mapping. */
    public Map<SmsTemplate, WhatsAppTemplate> setWhatsAppTemplates(Reseller reseller, Map<SmsTemplate, WhatsAppTemplate> templates) {
        templates.forEach((event, template) -> whatsApp.saveTemplate(reseller.id(), event, template));
        return whatsApp.templates(reseller.id());
    }

    /** Records the customer's choice for WhatsApp; another reseller's customer reads as missing. Returns the choice. */
    public boolean setWhatsAppOptIn(Reseller reseller, String customerId, boolean optedIn) {
        String phone = customers.get(reseller, customerId).phone();
        if (optedIn) {
            whatsApp.optIn(reseller.id(), phone);
        } else {
            whatsApp.optOut(reseller.id(), phone);
        }
        return whatsApp.optedIn(reseller.id(), phone);
    }

    public List<String> alertEmails(Reseller reseller) {
        return alertEmails.addresses(Optional.of(reseller.id()));
    }

    /** Replaces the addresses (the repository's rules: at most 10, each an email address; none stops the emails). */
    public List<String> setAlertEmails(Reseller reseller, List<String> addresses) {
        alertEmails.save(Optional.of(reseller.id()), addresses);
        return alertEmails.addresses(Optional.of(reseller.id()));
    }

    /** The operator's addresses for platform alerts ({@code PLATFORM#ALERTS}). */
    public List<String> platformAlertEmails() {
        return alertEmails.addresses(Optional.empty());
    }

    /** Replaces the operator's addresses for platform alerts; the same rules as a reseller's. */
    public List<String> setPlatformAlertEmails(List<String> addresses) {
        alertEmails.save(Optional.empty(), addresses);
        return alertEmails.addresses(Optional.empty());
    }
}
