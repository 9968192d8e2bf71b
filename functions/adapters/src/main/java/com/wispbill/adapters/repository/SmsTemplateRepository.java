package com.wispbill.adapters.repository;

import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.notify.SmsApprovals;
import com.wispbill.domain.notify.SmsSettings;
import java.util.Map;

/**
 * A reseller's SMS language, sender id and per-language overrides of the built-in texts, and what the
 * operator approved for them ({@link SmsApprovals}).
 */
public interface SmsTemplateRepository {
    /**
     * The reseller's settings, {@link SmsSettings#DEFAULT} if never saved. A sender id the operator no
     * longer approves is left out (the platform's is used), so withdrawing it takes effect at the next SMS.
     */
    SmsSettings settings(String resellerId);

    /**
     * Saves the reseller's choice; a sender id must be approved at the moment of the write (a condition on
     * the same item), else a {@link com.wispbill.domain.ValidationException} on {@code senderId}.
     */
    void saveSettings(String resellerId, SmsSettings settings);

    /** What the operator approved for the reseller, {@link SmsApprovals#NONE} if nothing. */
    SmsApprovals approvals(String resellerId);

    /**
     * Replaces the operator's approvals. Withdrawing links also puts the built-in text back for every
     * override (in any language) that holds one.
     */
    void saveApprovals(String resellerId, SmsApprovals approvals);

    /** The reseller's overrides in {@code language} (empty if none). */
    Map<SmsTemplate, String> overrides(String resellerId, String language);

    /** Stores (or replaces) one override after {@link com.wispbill.domain.notify.SmsTemplates#validateOverride}. */
    void saveOverride(String resellerId, String language, SmsTemplate template, String text);

    /** Goes back to the built-in text; nothing happens if there was no override. */
    void removeOverride(String resellerId, String language, SmsTemplate template);
}
