package com.wispbill.adapters.repository;

import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.notify.WhatsAppTemplate;
import java.util.Map;

/**
 * A reseller's WhatsApp side that is not secret: which approved template serves which event, and
 * which customers opted in to WhatsApp. The number's credentials live in Secrets Manager.
 */
public interface WhatsAppSettingsRepository {
    /** The reseller's approved templates by event; empty when WhatsApp is not set up. */
    Map<SmsTemplate, WhatsAppTemplate> templates(String resellerId);

    void saveTemplate(String resellerId, SmsTemplate event, WhatsAppTemplate template);

    /** True when the customer at {@code phoneE164} opted in to WhatsApp messages from the reseller. */
    boolean optedIn(String resellerId, String phoneE164);

    void optIn(String resellerId, String phoneE164);

    /** The reseller recorded that the customer no longer wants WhatsApp: SMS again, reminders still sent. */
    void optOut(String resellerId, String phoneE164);

    /** The customer wrote STOP: no WhatsApp any more, and no reminders on any channel. */
    void stop(String resellerId, String phoneE164);

    /** True when the customer wrote STOP (and did not opt in again since). */
    boolean stopped(String resellerId, String phoneE164);
}
