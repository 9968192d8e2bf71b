package com.wispbill.domain.routercommand;

import com.wispbill.domain.Validation;
import java.util.Objects;

/**
 * The PPPoE secret {@code name} exists ({@code /ppp/secret}, service {@code pppoe}) with this password,
 * profile and comment. As with {@link EnsureHotspotUser}, the disabled flag of an existing secret is
 * not touched: only {@link DisablePppSecret} and {@link EnablePppSecret} change it.
 *
 * @param name     PPP account name (the subscriber's login)
 * @param password PPP password, required
 * @param profile  name of the {@code /ppp/profile} that sets the speed
 * @param comment  free text shown on the router; may be empty
 */
public record EnsurePppSecret(String name, String password, String profile, String comment) implements RouterCommand {

    public EnsurePppSecret {
        comment = Objects.requireNonNullElse(comment, "");
        Validation v = new Validation();
        RouterOsValues.name(v, name, "name");
        RouterOsValues.password(v, password, "password", false);
        RouterOsValues.name(v, profile, "profile");
        RouterOsValues.comment(v, comment, "comment");
        v.throwIfInvalid();
    }

    @Override
    public String toString() {
        return "EnsurePppSecret[name=" + name + ", password=" + LogSafe.maskPassword(password)
                + ", profile=" + profile + ", comment=" + comment + "]";
    }
}
