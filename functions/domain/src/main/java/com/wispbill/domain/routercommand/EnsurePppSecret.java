package com.wispbill.domain.routercommand;

import com.wispbill.domain.Validation;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The PPPoE secret {@code name} exists ({@code /ppp/secret}, service {@code pppoe}) with this password,
 * profile and comment. As with {@link EnsureHotspotUser}, the disabled flag of an existing secret is
 * not touched: only {@link DisablePppSecret} and {@link EnablePppSecret} change it.
 *
 * @param name     PPP account name (the subscriber's login)
 * @param password PPP password, required
 * @param profile  name of the {@code /ppp/profile} that sets the speed
 * @param comment  free text shown on the router; may be empty
 * @param remoteAddress the subscriber's static IPv4 address ({@code remote-address}); absent: the profile's pool
 * @param callerId the MAC address the secret is bound to ({@code caller-id}, upper case); absent: any device
 */
public record EnsurePppSecret(String name, String password, String profile, String comment,
                              Optional<String> remoteAddress, Optional<String> callerId) implements RouterCommand {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern MAC = Pattern.compile("([0-9A-F]{2}:){5}[0-9A-F]{2}");

    public EnsurePppSecret {
        comment = Objects.requireNonNullElse(comment, "");
        remoteAddress = Objects.requireNonNullElse(remoteAddress, Optional.<String>empty()).map(String::strip);
        callerId = Objects.requireNonNullElse(callerId, Optional.<String>empty())
                .map(mac -> mac.strip().replace('-', ':').toUpperCase(Locale.ROOT));
        Validation v = new Validation();
        RouterOsValues.name(v, name, "name");
        RouterOsValues.password(v, password, "password", false);
        RouterOsValues.name(v, profile, "profile");
        RouterOsValues.comment(v, comment, "comment");
        remoteAddress.ifPresent(ip -> v.check(isIpv4(ip), "remoteAddress", "must be an IPv4 address like 10.10.0.25"));
        callerId.ifPresent(mac -> v.check(isMac(mac), "callerId", "must be a MAC address like AA:BB:CC:DD:EE:FF"));
        v.throwIfInvalid();
    }

    /** Without a static address or MAC binding. */
    public EnsurePppSecret(String name, String password, String profile, String comment) {
        this(name, password, profile, comment, Optional.empty(), Optional.empty());
    }

    public static boolean isIpv4(String text) {
        return text != null && IPV4.matcher(text).matches();
    }

    /** A MAC address, after the normalisation the constructor does (upper case, '-' read as ':'). */
    public static boolean isMac(String text) {
        return text != null && MAC.matcher(text.strip().replace('-', ':').toUpperCase(Locale.ROOT)).matches();
    }

    @Override
    public String toString() {
        return "EnsurePppSecret[name=" + name + ", password=" + LogSafe.maskPassword(password)
                + ", profile=" + profile + ", comment=" + comment + ", remoteAddress=" + remoteAddress.orElse("none")
                + ", callerId=" + callerId.orElse("none") + "]";
    }
}
