package com.wispbill.adapters.dynamodb;

/**
 * Key formats of the notifier's items (kept beside {@link Keys}, same '#' rules; documented in
 * docs/notifier.md):
 * <ul>
 *   <li>SMS settings: {@code RESELLER#<rid>} / {@code SMSSETTINGS}</li>
 *   <li>SMS template overrides: {@code RESELLER#<rid>} / {@code SMSTEMPLATES#<lang>}</li>
 *   <li>SMS delivery record: {@code RESELLER#<rid>} / {@code SMS#<notificationId>}</li>
 *   <li>SMS sent per day (daily quota): {@code RESELLER#<rid>} / {@code SMSDAY#<UTC date>}</li>
 *   <li>WhatsApp templates by event: {@code RESELLER#<rid>} / {@code WHATSAPPTEMPLATES}</li>
 *   <li>WhatsApp opt-in of a customer: {@code RESELLER#<rid>} / {@code WHATSAPPOPTIN#<E.164 phone>}</li>
 *   <li>WhatsApp message and its status: {@code RESELLER#<rid>} / {@code WAMSG#<E.164 phone>#<wamid>}</li>
 *   <li>alert email addresses: {@code RESELLER#<rid>} / {@code ALERTEMAILS}, or {@code PLATFORM#ALERTS} / {@code ALERTEMAILS}</li>
 *   <li>alert: {@code RESELLER#<rid>} / {@code ALERT#<key>}, or {@code PLATFORM#ALERTS} / {@code ALERT#<key>}</li>
 * </ul>
 */
final class NotifierKeys {
    static final String SMS_SETTINGS = "SMSSETTINGS";
    static final String WHATSAPP_TEMPLATES = "WHATSAPPTEMPLATES";
    static final String ALERT_EMAILS = "ALERTEMAILS";
    static final String ALERT_PREFIX = "ALERT#";
    /** Partition of alerts that concern no single reseller. */
    static final String PLATFORM_ALERTS = "PLATFORM#ALERTS";

    private NotifierKeys() {
    }

    static String smsTemplatesSk(String language) {
        return "SMSTEMPLATES#" + language;
    }

    static String smsDeliverySk(String notificationId) {
        return "SMS#" + notificationId;
    }

    static String smsDaySk(java.time.LocalDate day) {
        return "SMSDAY#" + day;
    }

    static String whatsAppOptInSk(String phoneE164) {
        return "WHATSAPPOPTIN#" + phoneE164;
    }

    static String whatsAppMessageSk(String phoneE164, String messageId) {
        return "WAMSG#" + phoneE164 + "#" + messageId;
    }

    static String alertSk(String key) {
        return ALERT_PREFIX + key;
    }
}
