package com.wispbill.domain;

import java.util.Locale;

/** Payment providers we take callbacks from. {@link #slug()} is the path segment in {@code /webhooks/{provider}}. */
public enum PaymentProvider {
    MPESA,
    PAYSTACK,
    STRIPE,
    MIDTRANS;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The Secrets Manager secret of a reseller's credentials for this provider, {@code wispbill/providers/<resellerId>/<slug>}:
     * the API writes it, the payment functions read it.
     */
    public String secretName(String resellerId) {
        return "wispbill/providers/" + resellerId + "/" + slug();
    }

    /**
     * What a reseller's provider secret holds once the keys were removed. Secrets Manager has no conditional delete, so
     * a removal is a compare-and-swap write of this value like any other change of the keys; every reader takes it
     * for "no keys", as it does a missing secret ({@link #holdsKeys}).
     */
    public static final String REMOVED_KEYS = "{\"keysRemoved\":\"true\"}";

    /** Whether a provider secret's value is keys: not missing, not blank, not {@link #REMOVED_KEYS}. */
    public static boolean holdsKeys(String secretValue) {
        return secretValue != null && !secretValue.isBlank() && !secretValue.strip().equals(REMOVED_KEYS);
    }

    /** From a path segment or stored name, case-insensitive; unknown providers are a 404, not a 500, for the caller. */
    public static PaymentProvider fromSlug(String slug) {
        if (slug != null) {
            for (PaymentProvider p : values()) {
                if (p.name().equalsIgnoreCase(slug.strip())) {
                    return p;
                }
            }
        }
        throw new NotFoundException("Payment provider", String.valueOf(slug));
    }
}
