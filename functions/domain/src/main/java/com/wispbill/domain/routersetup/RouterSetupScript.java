package com.wispbill.domain.routersetup;

import java.time.Instant;
import java.util.Objects;

/**
 * Generates the RouterOS 7 script (paste into the router's terminal, or {@code /import}) that
 * connects a router to WISPbill:
 * <ol>
 *   <li>a WireGuard interface with the router's key and the hub as its only peer (keepalive, so the
 *       tunnel survives the site's NAT), and the router's tunnel address;</li>
 *   <li>a user group with only {@code api,read,write} and the driver's API user in it, allowed to log in
 *       from the hub's tunnel address only;</li>
 *   <li>a local CA and an api-ssl certificate for the router's tunnel address, signed on the router (the
 *       private keys never leave it), the CA exported for pinning in the router's secret;</li>
 *   <li>{@code api-ssl} enabled for the hub's address only (TLS 1.2+); plain {@code api} disabled unless
 *       the router record allows it, then also restricted to the hub; a firewall rule accepting the API
 *       from the tunnel, placed first.</li>
 * </ol>
 * Running it again is safe: each step first removes what an earlier run added (matched by comment).
 * The script contains the WireGuard private key and the API password: hand it over like a password.
 */
public final class RouterSetupScript {
    static final String INTERFACE = "wg-wispbill";
    static final String GROUP = "wispbill-api";
    static final String CA = "wispbill-api-ca";
    static final String CERTIFICATE = "wispbill-api";
    static final String COMMENT = "WISPbill";
    static final int ROUTER_LISTEN_PORT = 13231;

    private RouterSetupScript() {
    }

    public static String generate(RouterSetupParameters p, Instant generatedAt) {
        return generate(p, generatedAt, "");
    }

    /** The script with {@code moreSections} (e.g. {@link IsolationScript}) run after the four steps. */
    public static String generate(RouterSetupParameters p, Instant generatedAt, String moreSections) {
        Objects.requireNonNull(p, "parameters");
        Objects.requireNonNull(generatedAt, "generatedAt");
        String hub = p.hubTunnelAddress() + "/32";
        StringBuilder s = new StringBuilder();
        s.append("# WISPbill setup for router ").append(p.routerName()).append(" (").append(p.routerId()).append(")\n");
        s.append("# Generated ").append(generatedAt).append(". RouterOS 7.x. Contains secrets: the router's WireGuard\n");
        s.append("# private key and the API password. Paste into a terminal or /import it; running it again is safe.\n");
        s.append(":log info \"WISPbill setup: start\"\n\n");

        s.append("# 1. Tunnel to the WISPbill hub\n");
        s.append("/interface wireguard peers remove [find comment=").append(quote(COMMENT)).append("]\n");
        s.append("/interface wireguard remove [find name=").append(quote(INTERFACE)).append("]\n");
        s.append("/interface wireguard add name=").append(INTERFACE).append(" listen-port=").append(ROUTER_LISTEN_PORT)
                .append(" private-key=").append(quote(p.routerKeys().privateKey())).append(" comment=")
                .append(quote(COMMENT)).append('\n');
        s.append("/interface wireguard peers add interface=").append(INTERFACE).append(" public-key=")
                .append(quote(p.hubPublicKey())).append(" endpoint-address=").append(p.hubEndpointHost())
                .append(" endpoint-port=").append(p.hubEndpointPort()).append(" allowed-address=").append(hub)
                .append(" persistent-keepalive=25s comment=").append(quote(COMMENT)).append('\n');
        s.append("/ip address remove [find comment=").append(quote(COMMENT)).append("]\n");
        s.append("/ip address add address=").append(p.routerTunnelAddress()).append('/').append(p.tunnelPrefixLength())
                .append(" interface=").append(INTERFACE).append(" comment=").append(quote(COMMENT)).append("\n\n");

        s.append("# 2. API user with only api,read,write, from the hub only\n");
        s.append("/user remove [find name=").append(quote(p.apiUsername())).append("]\n");
        s.append("/user group remove [find name=").append(quote(GROUP)).append("]\n");
        s.append("/user group add name=").append(GROUP).append(" policy=api,read,write comment=").append(quote(COMMENT))
                .append('\n');
        s.append("/user add name=").append(quote(p.apiUsername())).append(" group=").append(GROUP).append(" password=")
                .append(quote(p.apiPassword())).append(" address=").append(hub).append(" comment=")
                .append(quote(COMMENT)).append("\n\n");

        s.append("# 3. api-ssl certificate for the tunnel address, signed on the router\n");
        s.append("/ip service set api-ssl certificate=none\n");
        s.append("/certificate remove [find name=").append(quote(CERTIFICATE)).append("]\n");
        s.append("/certificate remove [find name=").append(quote(CA)).append("]\n");
        s.append("/certificate add name=").append(CA).append(" common-name=").append(quote("wispbill-" + p.routerId() + "-ca"))
                .append(" key-usage=key-cert-sign,crl-sign days-valid=3650\n");
        s.append("/certificate sign ").append(CA).append('\n');
        s.append("/certificate add name=").append(CERTIFICATE).append(" common-name=").append(p.routerTunnelAddress())
                .append(" subject-alt-name=IP:").append(p.routerTunnelAddress())
                .append(" key-usage=digital-signature,key-encipherment,tls-server days-valid=3650\n");
        s.append("/certificate sign ").append(CERTIFICATE).append(" ca=").append(CA).append('\n');
        s.append(":delay 5s\n");
        s.append("/certificate export-certificate ").append(CA).append(" file-name=").append(CA).append("\n\n");

        s.append("# 4. API service: api-ssl for the hub only; plain api ")
                .append(p.allowPlainApi() ? "allowed by the router record, hub only" : "off").append('\n');
        s.append("/ip service set api-ssl disabled=no port=8729 certificate=").append(CERTIFICATE).append(" address=")
                .append(hub).append(" tls-version=only-1.2\n");
        if (p.allowPlainApi()) {
            s.append("/ip service set api disabled=no port=8728 address=").append(hub).append('\n');
        } else {
            s.append("/ip service set api disabled=yes\n");
        }
        s.append("/ip firewall filter remove [find comment=").append(quote(COMMENT)).append("]\n");
        s.append("/ip firewall filter add chain=input in-interface=").append(INTERFACE).append(" src-address=")
                .append(p.hubTunnelAddress()).append(" protocol=tcp dst-port=")
                .append(p.allowPlainApi() ? "8728,8729" : "8729").append(" action=accept comment=")
                .append(quote(COMMENT)).append(" place-before=0\n");
        s.append("/ip firewall filter add chain=input in-interface=").append(INTERFACE)
                .append(" protocol=udp dst-port=").append(ROUTER_LISTEN_PORT).append(" action=accept comment=")
                .append(quote(COMMENT)).append(" place-before=1\n\n");

        s.append(moreSections);
        s.append(":log info \"WISPbill setup: done\"\n");
        s.append(":put \"WISPbill: upload the file ").append(CA).append(".crt (Files) to billing to pin this router's certificate.\"\n");
        s.append(":put \"WISPbill: this router's WireGuard public key is ").append(p.routerKeys().publicKey()).append("\"\n");
        return s.toString();
    }

    /**
     * A RouterOS script string literal. Inside double quotes RouterOS interprets {@code \ " $ ?}: they are
     * escaped so a value is taken literally; control characters are refused (parameters never have them).
     */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException("control characters cannot be put in a RouterOS script");
            }
            if (c == '\\' || c == '"' || c == '$' || c == '?') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
