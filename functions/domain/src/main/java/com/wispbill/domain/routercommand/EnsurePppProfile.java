package com.wispbill.domain.routercommand;

import com.wispbill.domain.RateLimit;
import com.wispbill.domain.Validation;
import java.util.Objects;
import java.util.Optional;

/**
 * The PPP profile {@code name} exists ({@code /ppp/profile}) with this rate limit. No rate limit means
 * unlimited: an existing limit on the router is cleared.
 *
 * @param name      profile name
 * @param rateLimit upload/download limit, if any
 */
public record EnsurePppProfile(String name, Optional<RateLimit> rateLimit) implements RouterCommand {

    public EnsurePppProfile {
        rateLimit = Objects.requireNonNullElse(rateLimit, Optional.empty());
        Validation v = new Validation();
        RouterOsValues.name(v, name, "name");
        v.throwIfInvalid();
    }
}
