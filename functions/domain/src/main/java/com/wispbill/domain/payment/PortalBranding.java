package com.wispbill.domain.payment;

import com.wispbill.domain.Validation;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the login page looks: the name shown as its title, a logo (an https URL, which must be in the hotspot's
 * walled garden, or a file name in the hotspot directory) and colours ({@code #rrggbb}). Left out: the page's
 * own config.js values.
 */
public record PortalBranding(Optional<String> name, Optional<String> logoUrl, Optional<String> accentColour,
                             Optional<String> backgroundColour, Optional<String> textColour) {
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern LOGO = Pattern.compile("https://[^\\s\"'<>]{1,500}|[A-Za-z0-9._-]{1,100}");

    public PortalBranding {
        name = Objects.requireNonNullElse(name, Optional.empty());
        logoUrl = Objects.requireNonNullElse(logoUrl, Optional.empty());
        accentColour = Objects.requireNonNullElse(accentColour, Optional.empty());
        backgroundColour = Objects.requireNonNullElse(backgroundColour, Optional.empty());
        textColour = Objects.requireNonNullElse(textColour, Optional.empty());
        Validation v = new Validation();
        name.ifPresent(n -> v.check(!n.isBlank() && n.length() <= 60 && n.chars().noneMatch(Character::isISOControl),
                "name", "must be 1-60 printable characters"));
        logoUrl.ifPresent(u -> v.check(LOGO.matcher(u).matches(), "logoUrl",
                "must be an https URL or a file name in the hotspot directory"));
        accentColour.ifPresent(c -> v.check(COLOUR.matcher(c).matches(), "accentColour", "must be #rrggbb"));
        backgroundColour.ifPresent(c -> v.check(COLOUR.matcher(c).matches(), "backgroundColour", "must be #rrggbb"));
        textColour.ifPresent(c -> v.check(COLOUR.matcher(c).matches(), "textColour", "must be #rrggbb"));
        v.throwIfInvalid();
    }
}
