package com.wispbill.api.service;

import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Router;
import com.wispbill.domain.Validation;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.routersetup.RouterSetupParameters;
import com.wispbill.domain.routersetup.RouterSetupScript;
import com.wispbill.domain.routersetup.WireGuardKeyPair;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The RouterOS setup script of one of the caller's routers ({@link RouterSetupScript}). What billing
 * knows comes from the router record (id, name, whether the plain API is allowed, its host); what it
 * cannot know comes with the request: the hub's endpoint and public key and the tunnel addresses.
 *
 * <p>Every call makes a new WireGuard key pair and API password. They are in the answer only: nothing is
 * stored or logged here (this function may not write Secrets Manager or SSM). Whoever runs the script
 * stores the API user and password in {@code wispbill/routers/<resellerId>/<routerId>} and the hub peer
 * in SSM, as {@code docs/network.md} says; the script that was run last is the one that counts.
 */
public final class RouterSetupService {
    public static final String DEFAULT_HUB_TUNNEL_ADDRESS = "10.41.0.1";
    public static final int DEFAULT_HUB_PORT = 51820;
    public static final int DEFAULT_TUNNEL_PREFIX = 16;
    public static final String DEFAULT_API_USER = "wispbill";

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern NOT_IN_SCRIPT_NAME = Pattern.compile("[^A-Za-z0-9 _.@-]");
    /** Parameter fields as the request names them. */
    private static final Map<String, String> REQUEST_FIELDS = Map.of("hubEndpointHost", "hubEndpoint",
            "hubEndpointPort", "hubEndpoint", "hubPublicKey", "hubPublicKey", "hubTunnelAddress", "hubTunnelAddress",
            "routerTunnelAddress", "routerTunnelAddress", "tunnelPrefixLength", "tunnelPrefix", "apiUsername", "apiUser");

    private final RouterRepository routers;
    private final VoucherCodes passwords;
    private final Clock clock;

    public RouterSetupService(RouterRepository routers, VoucherCodes passwords, Clock clock) {
        this.routers = routers;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** The request's parameters as sent (query parameters); empty when not sent. */
    public record SetupRequest(Optional<String> hubEndpoint, Optional<String> hubPublicKey,
                               Optional<String> routerTunnelAddress, Optional<String> hubTunnelAddress,
                               Optional<String> tunnelPrefix, Optional<String> apiUser) {
    }

    /**
     * The script, the API user in it, and the hub's peer entry for the router ({@code <publicKey>,<address>/32}).
     * {@link #toString()} leaves the script out: it holds the WireGuard private key and the API password.
     */
    public record SetupScript(String script, String apiUsername, String hubPeer) {
        @Override
        public String toString() {
            return "SetupScript[apiUsername=" + apiUsername + ", hubPeer=" + hubPeer + ", script=****]";
        }
    }

    public SetupScript generate(Reseller reseller, String routerId, SetupRequest request) {
        Router router = routers.get(reseller.id(), routerId);
        Validation v = new Validation();
        String hubHost = null;
        int hubPort = DEFAULT_HUB_PORT;
        if (v.check(request.hubEndpoint().isPresent(), "hubEndpoint", "is required: the hub's public host or host:port")) {
            String endpoint = request.hubEndpoint().get().strip();
            int colon = endpoint.lastIndexOf(':');
            hubHost = colon < 0 ? endpoint : endpoint.substring(0, colon);
            if (colon >= 0) {
                hubPort = parseInt(endpoint.substring(colon + 1), -1);
            }
        }
        // '+' in a base64 key arrives as a space when the client did not percent-encode it; keys have no spaces.
        String hubPublicKey = request.hubPublicKey().map(k -> k.strip().replace(' ', '+')).orElse(null);
        v.check(hubPublicKey != null, "hubPublicKey", "is required: the hub's WireGuard public key");
        Optional<String> hostAddress = IPV4.matcher(router.host()).matches() ? Optional.of(router.host()) : Optional.empty();
        String routerAddress = request.routerTunnelAddress().map(String::strip).or(() -> hostAddress).orElse(null);
        if (v.check(routerAddress != null, "routerTunnelAddress",
                "is required: the router's IPv4 address in the tunnel (its host " + router.host() + " is not one)")) {
            v.check(hostAddress.isEmpty() || hostAddress.get().equals(routerAddress), "routerTunnelAddress",
                    "must be the router's host " + router.host() + ": the driver connects to it and checks the certificate against it");
        }
        int prefix = request.tunnelPrefix().map(p -> parseInt(p, -1)).orElse(DEFAULT_TUNNEL_PREFIX);
        String hubAddress = request.hubTunnelAddress().map(String::strip).orElse(DEFAULT_HUB_TUNNEL_ADDRESS);
        String apiUser = request.apiUser().map(String::strip).orElse(DEFAULT_API_USER);
        WireGuardKeyPair keys = WireGuardKeyPair.generate();
        RouterSetupParameters parameters = null;
        try {
            parameters = new RouterSetupParameters(router.id(), scriptName(router.name()),
                    hubHost == null ? "" : hubHost, hubPort, hubPublicKey == null ? "" : hubPublicKey, hubAddress,
                    routerAddress == null ? "" : routerAddress, prefix, keys, apiUser, newPassword(),
                    router.allowPlainApi());
        } catch (ValidationException e) {
            // The parameters' own checks, under the names the request used; one message per field.
            for (FieldError error : e.errors()) {
                String field = REQUEST_FIELDS.getOrDefault(error.field(), error.field());
                if (v.errors().stream().noneMatch(mine -> mine.field().equals(field))) {
                    v.add(new FieldError(field, error.message()));
                }
            }
        }
        v.throwIfInvalid();
        return new SetupScript(RouterSetupScript.generate(parameters, clock.instant()), parameters.apiUsername(),
                keys.publicKey() + "," + parameters.routerTunnelAddress() + "/32");
    }

    /** 32 characters of Crockford base32 from a SecureRandom: 160 bits, within the script's 16-64 printable ASCII. */
    private String newPassword() {
        return passwords.generate(VoucherCodes.MAX_LENGTH);
    }

    /** The router's name as the script's header shows it: characters RouterOS names cannot hold become '_'. */
    static String scriptName(String name) {
        String cleaned = NOT_IN_SCRIPT_NAME.matcher(name).replaceAll("_");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }

    private static int parseInt(String text, int otherwise) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
