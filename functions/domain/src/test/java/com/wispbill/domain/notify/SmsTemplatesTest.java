package com.wispbill.domain.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.ValidationException;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SmsTemplatesTest {

    @Test
    void everyBuiltInLanguageHasEveryTemplateUsingExactlyItsParameters() {
        assertEquals(Set.of("en", "sw", "id"), SmsTemplates.builtInLanguages());
        Pattern placeholder = Pattern.compile("\\{([a-zA-Z]+)}");
        for (String language : SmsTemplates.builtInLanguages()) {
            for (SmsTemplate template : SmsTemplate.values()) {
                String text = SmsTemplates.builtIn(language, template).orElseThrow();
                Matcher m = placeholder.matcher(text);
                java.util.Set<String> used = new java.util.HashSet<>();
                while (m.find()) {
                    used.add(m.group(1));
                }
                assertEquals(SmsTemplates.parameters(template), used, language + " " + template);
                assertTrue(text.length() <= SmsTemplates.MAX_LENGTH);
            }
        }
    }

    @Test
    void overrideWinsThenTheLanguageThenEnglish() {
        assertEquals("X {plan}", SmsTemplates.text("sw", SmsTemplate.EXPIRED, Map.of(SmsTemplate.EXPIRED, "X {plan}")));
        assertTrue(SmsTemplates.text("sw", SmsTemplate.EXPIRED, Map.of()).startsWith("Huduma yako"));
        assertTrue(SmsTemplates.text("fr", SmsTemplate.EXPIRED, Map.of()).startsWith("Your {plan} access"));
    }

    @Test
    void renderingReplacesPlaceholdersLiterallyAndRefusesMissingValues() {
        assertEquals("Code $1\\x for A", SmsTemplates.render("Code {code} for {plan}", Map.of("code", "$1\\x", "plan", "A")));
        ValidationException e = assertThrows(ValidationException.class,
                () -> SmsTemplates.render("Code {code} for {plan}", Map.of("plan", "A")));
        assertTrue(e.hasErrorFor("parameters.code"));
    }

    @Test
    void overridesAreCheckedForBlankLengthAndUnknownPlaceholders() {
        assertEquals("Hi {plan}", SmsTemplates.validateOverride(SmsTemplate.EXPIRED, "  Hi {plan} "));
        assertThrows(ValidationException.class, () -> SmsTemplates.validateOverride(SmsTemplate.EXPIRED, " "));
        assertThrows(ValidationException.class, () -> SmsTemplates.validateOverride(SmsTemplate.EXPIRED, "x".repeat(460)));
        assertThrows(ValidationException.class, () -> SmsTemplates.validateOverride(SmsTemplate.EXPIRED, "{code}"));
        assertThrows(ValidationException.class, () -> SmsTemplates.validateOverride(null, "text"));
    }

    @Test
    void settingsValidateLanguageAndSenderId() {
        assertEquals("en", SmsSettings.DEFAULT.language());
        new SmsSettings("sw", Optional.of("KIBANDA1"));
        assertThrows(ValidationException.class, () -> new SmsSettings("EN", Optional.empty()));
        assertThrows(ValidationException.class, () -> new SmsSettings("en", Optional.of("123456")));
        assertThrows(ValidationException.class, () -> new SmsSettings("en", Optional.of("TWELVECHARSX")));
        assertThrows(ValidationException.class, () -> new SmsSettings(null, Optional.empty()));
    }
}
