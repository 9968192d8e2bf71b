package com.wispbill.api.service;

import com.wispbill.adapters.repository.EnforcementStateRepository;
import com.wispbill.adapters.repository.SmsTemplateRepository;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Validation;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.domain.notify.SmsApprovals;
import com.wispbill.domain.notify.SmsSettings;
import com.wispbill.domain.notify.SmsTemplates;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The caller's settings that other functions act on: SMS language, sender id and template overrides
 * (read by the notifier) and the expiry reminder lead (read by the expiry sweeper), and the operator's SMS
 * approvals per reseller ({@link SmsApprovals}: which sender ids it may use, whether its texts may hold
 * links). Every rule is the domain's or the repository's; this class only names the request fields they
 * concern.
 */
public final class SettingsService {
    private static final long LARGEST_DURATION_MINUTES = Long.MAX_VALUE / 60;

    private final SmsTemplateRepository sms;
    private final EnforcementStateRepository enforcement;

    public SettingsService(SmsTemplateRepository sms, EnforcementStateRepository enforcement) {
        this.sms = sms;
        this.enforcement = enforcement;
    }

    /** One template as customers get it in a language: the override if any, else the built-in text. */
    public record TemplateText(SmsTemplate template, String language, String text, boolean override,
                               Set<String> placeholders) {
    }

    public record Sms(SmsSettings settings, SmsApprovals approvals, List<TemplateText> templates) {
    }

    public Sms sms(Reseller reseller) {
        SmsSettings settings = sms.settings(reseller.id());
        Map<SmsTemplate, String> overrides = sms.overrides(reseller.id(), settings.language());
        return new Sms(settings, sms.approvals(reseller.id()), Arrays.stream(SmsTemplate.values())
                .map(t -> text(settings.language(), t, overrides)).toList());
    }

    /**
     * New SMS settings: {@code language} (required) and {@code senderId} (empty: the platform's sender id;
     * else one the operator approved for this reseller). {@code inputErrors}: what reading the request
     * found, answered together with this service's own checks.
     */
    public record SetSms(String language, Optional<String> senderId, List<FieldError> inputErrors) {
        public SetSms {
            inputErrors = List.copyOf(inputErrors);
        }
    }

    /** The override text of one template; {@code inputErrors} as in {@link SetSms}. */
    public record SetTemplate(String text, List<FieldError> inputErrors) {
        public SetTemplate {
            inputErrors = List.copyOf(inputErrors);
        }
    }

    public Sms setSms(Reseller reseller, SetSms command) {
        Validation v = new Validation();
        v.addAll(command.inputErrors());
        SmsApprovals approvals = sms.approvals(reseller.id());
        command.senderId().filter(SmsSettings::isSenderId).filter(id -> !approvals.allowsSenderId(id)).ifPresent(id ->
                v.add(new FieldError("senderId", notApproved(approvals))));
        SmsSettings settings = v.build(() -> new SmsSettings(command.language(), command.senderId()),
                UnaryOperator.identity());
        try {
            sms.saveSettings(reseller.id(), settings);
        } catch (ValidationException e) {
            // The operator withdrew it between the read and the (conditional) write.
            throw new ValidationException("senderId", notApproved(sms.approvals(reseller.id())));
        }
        return sms(reseller);
    }

    private static String notApproved(SmsApprovals approvals) {
        return "is not approved for this account; the operator approves sender ids per reseller (approved: "
                + approvals.senderIds() + "); leave it out to send as the platform";
    }

    /** What the operator approved for {@code resellerId}. */
    public SmsApprovals approvals(String resellerId) {
        return sms.approvals(resellerId);
    }

    /**
     * Replaces the operator's approvals for {@code resellerId}; a sender id no longer approved stops being
     * used at the next SMS, and withdrawing links puts the built-in text back for overrides holding one.
     */
    public SmsApprovals setApprovals(String resellerId, SmsApprovals approvals) {
        sms.saveApprovals(resellerId, approvals);
        return sms.approvals(resellerId);
    }

    /** Stores the override of {@code templateName} in {@code language}. */
    public TemplateText setTemplate(Reseller reseller, String language, String templateName, SetTemplate command) {
        Validation path = new Validation();
        SmsTemplate template = parseTarget(language, templateName, path);
        Validation v = new Validation();
        v.addAll(command.inputErrors());
        String text = command.text();
        Optional<String> link = SmsApprovals.findLink(text);
        if (link.isPresent() && !sms.approvals(reseller.id()).linksAllowed()) {
            v.add(new FieldError("text", "contains a link (" + link.get() + "); links in SMS texts need the operator's"
                    + " approval for this account"));
        }
        String valid = v.build(() -> {
            path.throwIfInvalid();
            return SmsTemplates.validateOverride(template, text);
        }, field -> field.startsWith("templates.") ? "text" : field);
        sms.saveOverride(reseller.id(), language, template, valid);
        return text(language, template, sms.overrides(reseller.id(), language));
    }

    /** Back to the built-in text of {@code templateName} in {@code language} (also when there was no override). */
    public TemplateText removeTemplate(Reseller reseller, String language, String templateName) {
        Validation path = new Validation();
        SmsTemplate template = parseTarget(language, templateName, path);
        path.throwIfInvalid();
        sms.removeOverride(reseller.id(), language, template);
        return text(language, template, sms.overrides(reseller.id(), language));
    }

    public Duration reminderLead(Reseller reseller) {
        return enforcement.reminderLead(reseller.id());
    }

    /** {@code minutes}: whole minutes within the repository's bounds, reported as {@code reminderLeadMinutes}. */
    public Duration setReminderLead(Reseller reseller, long minutes) {
        try {
            // Clamped only so that a huge number cannot overflow Duration: it stays out of bounds for the repository.
            enforcement.setReminderLead(reseller.id(),
                    Duration.ofMinutes(Math.clamp(minutes, -LARGEST_DURATION_MINUTES, LARGEST_DURATION_MINUTES)));
        } catch (ValidationException e) {
            throw new ValidationException(e.errors().stream()
                    .map(err -> err.field().equals("reminderLead") ? new FieldError("reminderLeadMinutes", err.message()) : err)
                    .toList());
        }
        return enforcement.reminderLead(reseller.id());
    }

    private static TemplateText text(String language, SmsTemplate template, Map<SmsTemplate, String> overrides) {
        return new TemplateText(template, language, SmsTemplates.text(language, template, overrides),
                overrides.containsKey(template), SmsTemplates.parameters(template));
    }

    /** The path's language (the settings' rule) and template name, every problem recorded in {@code errors}. */
    private static SmsTemplate parseTarget(String language, String templateName, Validation errors) {
        try {
            new SmsSettings(language, Optional.empty());
        } catch (ValidationException e) {
            e.errors().forEach(errors::add);
        }
        try {
            return SmsTemplate.valueOf(templateName.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("template", "must be one of " + Arrays.toString(SmsTemplate.values())));
            return null;
        }
    }
}
