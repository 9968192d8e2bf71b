package com.wispbill.domain.routercommand;

import com.wispbill.domain.Plan;
import com.wispbill.domain.RateLimit;
import com.wispbill.domain.Validation;
import java.util.Objects;
import java.util.Optional;

/**
 * The hotspot user profile {@code name} exists ({@code /ip/hotspot/user/profile}) with this rate limit
 * and number of devices that may be logged in with one user at the same time. No rate limit means
 * unlimited: an existing limit on the router is cleared.
 *
 * @param name        profile name
 * @param rateLimit   upload/download limit, if any
 * @param sharedUsers devices that may share one login, 1 to {@link Plan#MAX_SHARED_USERS}
 */
public record EnsureHotspotProfile(String name, Optional<RateLimit> rateLimit, int sharedUsers)
        implements RouterCommand {

    public EnsureHotspotProfile {
        rateLimit = Objects.requireNonNullElse(rateLimit, Optional.empty());
        Validation v = new Validation();
        RouterOsValues.name(v, name, "name");
        v.check(sharedUsers >= 1 && sharedUsers <= Plan.MAX_SHARED_USERS, "sharedUsers",
                "must be between 1 and " + Plan.MAX_SHARED_USERS);
        v.throwIfInvalid();
    }
}
