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
