package com.wispbill.domain.notify;

import com.wispbill.domain.Validation;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import java.util.List;
import java.util.Map;

/**
 * A message template Meta approved for a reseller's WhatsApp number, mapped to one of our events:
 * its name and language code as approved. Its body's {@code {{1}}}, {@code {{2}}}, … are filled with
 * the event's parameters in the order {@link SmsTemplates#parameterOrder} names.
 */
public record WhatsAppTemplate(String name, String language) {
    public WhatsAppTemplate {
        Validation v = new Validation();
        v.check(name != null && name.matches("[a-z0-9_]{1,512}"), "name", "must be the approved template name (lower-case letters, digits, _)");
        v.check(language != null && language.matches("[a-z]{2,3}(_[A-Z]{2})?"), "language", "must be a language code such as en, sw or en_US");
        v.throwIfInvalid();
    }

    /** The body's parameters for {@code event}, in template order; a missing one refuses the message. */
    public static List<String> bodyParameters(SmsTemplate event, Map<String, String> parameters) {
        Validation v = new Validation();
        List<String> order = SmsTemplates.parameterOrder(event);
        for (String name : order) {
            String value = parameters.get(name);
            v.check(value != null && !value.isBlank(), "parameters." + name, "is required by the " + event + " template");
        }
        v.throwIfInvalid();
        return order.stream().map(parameters::get).toList();
    }
}
