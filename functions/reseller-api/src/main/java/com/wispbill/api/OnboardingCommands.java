package com.wispbill.api;

import com.wispbill.adapters.http.JsonInput;
import com.wispbill.api.service.PortalService;
import com.wispbill.api.service.ProviderKeysService;
import com.wispbill.api.service.RouterLifecycle;
import com.wispbill.api.service.RouterLogin;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.payment.PortalBranding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bodies of the onboarding and support routes (router changes and logins, portals, provider keys, revoke and void
 * reasons) read into their services' commands, the way {@link RequestCommands} reads the others.
 */
final class OnboardingCommands {
    private OnboardingCommands() {
    }

    /** Every field optional: those given change. */
    static RouterLifecycle.UpdateRouter updateRouter(JsonInput body) {
        return new RouterLifecycle.UpdateRouter(body.optionalString("name"), body.optionalString("host"),
                body.optionalInt("apiPort"), body.optionalBoolean("useTls"), body.optionalBoolean("allowPlainApi"),
                body.optionalString("hotspotServer"), body.optionalString("site"), body.optionalString("wifiName"),
                body.optionalString("zone"), body.errors());
    }

    /** {@code username}, {@code password} (required), {@code caCertificatePem} (optional). */
    static RouterLogin routerLogin(JsonInput body) {
        String username = body.string("username");
        String password = body.string("password");
        Optional<String> ca = body.optionalString("caCertificatePem");
        return new RouterLogin(username, password, ca, body.errors());
    }

    /** A portal's terms; {@code id} only when {@code creating}. */
    static PortalService.PortalTerms portal(JsonInput body, boolean creating) {
        Optional<String> id = creating ? body.optionalString("id") : Optional.empty();
        String routerId = body.string("routerId");
        List<String> planIds = body.has("planIds") ? body.stringList("planIds") : List.of();
        List<String> providers = body.has("providers") ? body.stringList("providers") : List.of();
        Optional<PortalBranding> branding = body.optionalObject("branding").flatMap(b -> {
            Optional<String> name = b.optionalString("name");
            Optional<String> logoUrl = b.optionalString("logoUrl");
            Optional<String> accent = b.optionalString("accentColour");
            Optional<String> background = b.optionalString("backgroundColour");
            Optional<String> text = b.optionalString("textColour");
            try {
                return Optional.of(new PortalBranding(name, logoUrl, accent, background, text));
            } catch (ValidationException e) {
                b.addAll(e);
                return Optional.empty();
            }
        });
        Optional<String> language = body.optionalString("language");
        Optional<String> location = body.optionalString("location");
        return new PortalService.PortalTerms(id, routerId, planIds == null ? List.of() : planIds,
                providers == null ? List.of() : providers, branding, language, location, body.errors());
    }

    /** The provider's own key fields ({@link ProviderKeysService#fieldsOf}); any other field is unknown. */
    static Map<String, String> providerKeys(JsonInput body, PaymentProvider provider) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String field : ProviderKeysService.fieldsOf(provider)) {
            body.optionalString(field).ifPresent(v -> keys.put(field, v));
        }
        return keys;
    }

    /** An optional {@code reason} (an empty body is no reason). */
    static Optional<String> reason(JsonInput body) {
        Optional<String> reason = body.optionalString("reason");
        body.finish();
        return reason;
    }
}
