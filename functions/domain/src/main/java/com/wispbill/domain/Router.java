package com.wispbill.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import com.wispbill.domain.network.IpRange;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A MikroTik router the reseller runs a hotspot or PPPoE service on, reached through the RouterOS
 * API over the VPN. The API login password is a secret and is not part of this record (it lives in
 * Secrets Manager, keyed by router id).
 *
 * <p>The plain API (port 8728) sends the login in clear text, so it is only accepted when the reseller
 * explicitly sets {@code allowPlainApi}; the default is API-SSL on 8729.
 *
 * <p>{@code wifiName}: the Wi-Fi network (SSID) its hotspot broadcasts, printed on its voucher cards
 * ({@link WifiNames}); informational, WISPbill does not configure the radio.
 *
 * <p>A router reached through the WireGuard hub has a {@code tunnelAddress} billing allocated (unique across
 * all resellers), and its {@code host} is that address; a router without one is reached at its own host.
 */
public record Router(
        String id,
        String resellerId,
        String name,
        String host,
        int apiPort,
        boolean useTls,
        boolean allowPlainApi,
        Optional<String> hotspotServer,
        Optional<String> site,
        Optional<ZoneId> zone,
        RouterStatus status,
        Instant createdAt,
        Optional<String> tunnelAddress,
        Optional<String> wifiName) {

    public static final int DEFAULT_TLS_PORT = 8729;
    public static final int DEFAULT_PLAIN_PORT = 8728;

    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    /** RouterOS object names: printable, no quotes or separators that break API words. */
    private static final Pattern ROUTEROS_NAME = Pattern.compile("[A-Za-z0-9 _.@-]{1,64}");

    public Router {
        hotspotServer = Objects.requireNonNullElse(hotspotServer, Optional.empty());
        site = Objects.requireNonNullElse(site, Optional.empty());
        zone = Objects.requireNonNullElse(zone, Optional.empty());
        tunnelAddress = Objects.requireNonNullElse(tunnelAddress, Optional.empty());
        wifiName = Objects.requireNonNullElse(wifiName, Optional.empty());
        Validation v = new Validation();
        v.id(id, "id");
        v.id(resellerId, "resellerId");
        v.text(name, "name", 64);
        if (v.notBlank(host, "host")) {
            v.check(isValidHost(host.strip()), "host", "must be a hostname, IPv4 or IPv6 address");
        }
        v.check(apiPort >= 1 && apiPort <= 65535, "apiPort", "must be between 1 and 65535");
        v.check(useTls || allowPlainApi, "useTls",
                "the plain RouterOS API sends the password unencrypted; use TLS (API-SSL) or set allowPlainApi");
        hotspotServer.ifPresent(s -> v.check(ROUTEROS_NAME.matcher(s).matches(), "hotspotServer",
                "must be 1-64 letters, digits, spaces or _.@-"));
        site.ifPresent(s -> v.check(!s.isBlank() && s.length() <= 200, "site", "must be 1-200 characters"));
        wifiName.ifPresent(w -> v.check(WifiNames.isValid(w), "wifiName", WifiNames.RULE));
        v.notNull(status, "status");
        v.notNull(createdAt, "createdAt");
        String givenHost = host == null ? null : host.strip();
        tunnelAddress.ifPresent(t -> v.check(IpRange.isIpv4Literal(t) && t.equals(givenHost),
                "tunnelAddress", "must be an IPv4 address and the router's host (the driver reaches it there)"));
        v.throwIfInvalid();
        name = name.strip();
        host = host.strip();
    }

    /** Whether {@code host} is written as a hostname, IPv4 or IPv6 address (what it may be is another matter). */
    public static boolean isValidHost(String host) {
        host = host.strip();
        if (host.contains(":")) {
            return IPV6.matcher(host).matches();
        }
        if (host.matches("[0-9.]+")) {
            return IpRange.isIpv4Literal(host);
        }
        return HOSTNAME.matcher(host).matches();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().id(id).resellerId(resellerId).name(name).host(host).apiPort(apiPort).useTls(useTls)
                .allowPlainApi(allowPlainApi).hotspotServer(hotspotServer.orElse(null)).site(site.orElse(null))
                .zone(zone.orElse(null)).status(status).createdAt(createdAt).tunnelAddress(tunnelAddress.orElse(null))
                .wifiName(wifiName.orElse(null));
    }

    public boolean isActive() {
        return status == RouterStatus.ACTIVE;
    }

    /** The zone for this router's local decisions: its own, else the reseller's. */
    public ZoneId effectiveZone(Reseller reseller) {
        return zone.orElse(reseller.zone());
    }

    public static final class Builder {
        private String id;
        private String resellerId;
        private String name;
        private String host;
        private Integer apiPort;
        private boolean useTls = true;
        private boolean allowPlainApi;
        private String hotspotServer;
        private String site;
        private ZoneId zone;
        private RouterStatus status = RouterStatus.ACTIVE;
        private Instant createdAt;
        private String tunnelAddress;
        private String wifiName;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder newId(Clock clock) {
            this.id = Ids.newId(clock);
            this.createdAt = clock.instant();
            return this;
        }

        public Builder resellerId(String resellerId) {
            this.resellerId = resellerId;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Unset, the port follows {@code useTls}: 8729 for API-SSL, 8728 for the plain API. */
        public Builder apiPort(Integer apiPort) {
            this.apiPort = apiPort;
            return this;
        }

        public Builder useTls(boolean useTls) {
            this.useTls = useTls;
            return this;
        }

        public Builder allowPlainApi(boolean allowPlainApi) {
            this.allowPlainApi = allowPlainApi;
            return this;
        }

        public Builder hotspotServer(String hotspotServer) {
            this.hotspotServer = hotspotServer;
            return this;
        }

        public Builder site(String site) {
            this.site = site;
            return this;
        }

        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        public Builder status(RouterStatus status) {
            this.status = status;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /** The address billing allocated in the tunnel network; the host becomes the same address. */
        public Builder tunnelAddress(String tunnelAddress) {
            this.tunnelAddress = tunnelAddress;
            if (tunnelAddress != null) {
                this.host = tunnelAddress;
            }
            return this;
        }

        public Builder wifiName(String wifiName) {
            this.wifiName = wifiName;
            return this;
        }

        public Router build() {
            int port = apiPort != null ? apiPort : (useTls ? DEFAULT_TLS_PORT : DEFAULT_PLAIN_PORT);
            return new Router(id, resellerId, name, host, port, useTls, allowPlainApi,
                    Optional.ofNullable(hotspotServer), Optional.ofNullable(site), Optional.ofNullable(zone),
                    status, createdAt, Optional.ofNullable(tunnelAddress), Optional.ofNullable(wifiName));
        }
    }
}
