package com.wispbill.domain.payment;

import com.wispbill.domain.Validation;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A hotspot login page's public handle: {@code /portal/{id}/...} routes sell the reseller's plans as
 * vouchers on {@code routerId}. The id is public (it is in the page), so it identifies but never
 * authorises anything beyond buying.
 */
public record Portal(String id, String resellerId, String routerId, Instant createdAt) {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{2,62}");

    public Portal {
        Validation v = new Validation();
        v.check(isValidId(id), "id", "must be 3-63 lower-case letters, digits or '-'");
        v.id(resellerId, "resellerId");
        v.id(routerId, "routerId");
        v.notNull(createdAt, "createdAt");
        v.throwIfInvalid();
    }

    public static boolean isValidId(String id) {
        return id != null && SLUG.matcher(id).matches();
    }
}
