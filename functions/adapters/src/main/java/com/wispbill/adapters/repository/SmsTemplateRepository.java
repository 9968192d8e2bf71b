package com.wispbill.adapters.repository;

import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.notify.SmsSettings;
import java.util.Map;

/** A reseller's SMS language, sender id and per-language overrides of the built-in texts. */
public interface SmsTemplateRepository {
    /** The reseller's settings, {@link SmsSettings#DEFAULT} if never saved. */
    SmsSettings settings(String resellerId);

    void saveSettings(String resellerId, SmsSettings settings);

    /** The reseller's overrides in {@code language} (empty if none). */
    Map<SmsTemplate, String> overrides(String resellerId, String language);

    /** Stores (or replaces) one override after {@link com.wispbill.domain.notify.SmsTemplates#validateOverride}. */
    void saveOverride(String resellerId, String language, SmsTemplate template, String text);

    /** Goes back to the built-in text; nothing happens if there was no override. */
    void removeOverride(String resellerId, String language, SmsTemplate template);
}
