package com.wispbill.domain.payment;

import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.Validation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A hotspot login page's public handle: {@code /portal/{id}/...} routes sell the reseller's plans as
 * vouchers on {@code routerId}. The id is public (it is in the page), so it identifies but never
 * authorises anything beyond buying.
 *
 * <p>What it offers: {@code planIds} (empty: every active priced plan), {@code providers} (empty: every provider
 * the reseller connected; either way only connected ones are offered), the page's {@code branding} and
 * {@code language} (empty: the reseller's SMS language). {@code location}: the reseller's label for where it is.
 */
public record Portal(String id, String resellerId, String routerId, Instant createdAt, List<String> planIds,
                     List<PaymentProvider> providers, Optional<PortalBranding> branding, Optional<String> language,
                     Optional<String> location) {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{2,62}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    public static final int MAX_PLANS = 100;

    public Portal {
        planIds = planIds == null ? List.of() : List.copyOf(planIds);
        providers = providers == null ? List.of() : List.copyOf(providers);
        branding = Objects.requireNonNullElse(branding, Optional.empty());
        language = Objects.requireNonNullElse(language, Optional.empty());
        location = Objects.requireNonNullElse(location, Optional.empty());
        Validation v = new Validation();
        v.check(isValidId(id), "id", "must be 3-63 lower-case letters, digits or '-'");
        v.id(resellerId, "resellerId");
        v.id(routerId, "routerId");
        v.notNull(createdAt, "createdAt");
        v.check(planIds.size() <= MAX_PLANS, "planIds", "at most " + MAX_PLANS + " plans");
        for (int i = 0; i < planIds.size(); i++) {
            v.id(planIds.get(i), "planIds[" + i + "]");
        }
        v.check(planIds.stream().distinct().count() == planIds.size(), "planIds", "must not repeat a plan");
        v.check(providers.stream().distinct().count() == providers.size(), "providers", "must not repeat a provider");
        language.ifPresent(l -> v.check(LANGUAGE.matcher(l).matches(), "language", "must be a two-letter language code"));
        location.ifPresent(l -> v.check(!l.isBlank() && l.length() <= 200, "location", "must be 1-200 characters"));
        v.throwIfInvalid();
    }

    /** A portal with no choices made: every plan, every connected provider, the page's own branding. */
    public Portal(String id, String resellerId, String routerId, Instant createdAt) {
        this(id, resellerId, routerId, createdAt, List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static boolean isValidId(String id) {
        return id != null && SLUG.matcher(id).matches();
    }

    /** Whether the portal sells {@code planId}. */
    public boolean offersPlan(String planId) {
        return planIds.isEmpty() || planIds.contains(planId);
    }

    /** Whether the portal takes {@code provider} (if the reseller connected it). */
    public boolean offersProvider(PaymentProvider provider) {
        return providers.isEmpty() || providers.contains(provider);
    }
}
