package com.wispbill.api.service;

import com.wispbill.adapters.repository.PortalRepository;
import com.wispbill.domain.payment.Portal;
import com.wispbill.domain.routersetup.HotspotPageScript;
import java.net.URI;
import java.util.List;

import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Router;
import com.wispbill.domain.Validation;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.network.TunnelPool;
import com.wispbill.domain.routersetup.IsolationScript;
import com.wispbill.domain.routersetup.RouterSetupParameters;
import com.wispbill.domain.routersetup.RouterSetupScript;
import com.wispbill.domain.routersetup.WireGuardKeyPair;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The RouterOS setup script of one of the caller's routers ({@link RouterSetupScript}). What billing
 * knows comes from the router record (id, name, whether the plain API is allowed, the tunnel address it
 * allocated) and the configured tunnel network (the hub's address and the prefix); the hub's public
 * endpoint and key come with the request. Only routers reached through the hub have a script, and it
 * uses only the allocated address: a caller cannot make the hub route another address to its router.
 *
 * <p>Every call makes a new WireGuard key pair and API password. They are in the answer only: nothing is
 * stored or logged here (this function may not write Secrets Manager or SSM). Whoever runs the script
 * stores the API user and password in {@code wispbill/routers/<resellerId>/<routerId>} and the hub peer
 * in SSM, as {@code docs/network.md} says; the script that was run last is the one that counts.
 */
public final class RouterSetupService {
    public static final int DEFAULT_HUB_PORT = 51820;
    public static final String DEFAULT_API_USER = "wispbill";

    private static final Pattern NOT_IN_SCRIPT_NAME = Pattern.compile("[^A-Za-z0-9 _.@-]");
    /** Parameter fields as the request names them. */
    private static final Map<String, String> REQUEST_FIELDS = Map.of("hubEndpointHost", "hubEndpoint",
            "hubEndpointPort", "hubEndpoint", "hubPublicKey", "hubPublicKey", "apiUsername", "apiUser");

    private final RouterRepository routers;
    private final PortalRepository portals;
    private final TunnelPool tunnel;
    private final VoucherCodes passwords;
    /** The deployment's public API URL (PaymentCallbackBaseUrl): the one the login page calls. */
    private final Optional<URI> apiBaseUrl;
    private final Clock clock;

    public RouterSetupService(RouterRepository routers, PortalRepository portals, TunnelPool tunnel, VoucherCodes passwords,
                              Optional<URI> apiBaseUrl, Clock clock) {
        this.routers = routers;
        this.portals = portals;
        this.tunnel = tunnel;
        this.passwords = passwords;
        this.apiBaseUrl = apiBaseUrl;
        this.clock = clock;
    }

    /**
     * The request's parameters as sent (query parameters); empty when not sent. The three tunnel
     * parameters are accepted only when they say what billing already knows (older clients send them).
     */
    public record SetupRequest(Optional<String> hubEndpoint, Optional<String> hubPublicKey,
                               Optional<String> routerTunnelAddress, Optional<String> hubTunnelAddress,
                               Optional<String> tunnelPrefix, Optional<String> apiUser,
                               Optional<String> payPageUrl, Optional<String> portalId) {
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
        String routerAddress = router.tunnelAddress().orElseThrow(() -> new ConflictException("router " + router.id()
                + " is reached at its own host " + router.host() + ", not through the hub, so it has no setup script;"
                + " register a router without host to have billing allocate it a tunnel address"));
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
        request.routerTunnelAddress().map(String::strip).ifPresent(sent -> v.check(sent.equals(routerAddress),
                "routerTunnelAddress", "is allocated by billing: this router's is " + routerAddress + " (leave it out)"));
        request.hubTunnelAddress().map(String::strip).ifPresent(sent -> v.check(sent.equals(tunnel.hub()),
                "hubTunnelAddress", "is the configured hub's: " + tunnel.hub() + " (leave it out)"));
        request.tunnelPrefix().map(String::strip).ifPresent(sent -> v.check(sent.equals(Integer.toString(tunnel.prefixLength())),
                "tunnelPrefix", "is the configured tunnel network's: " + tunnel.prefixLength() + " (leave it out)"));
        String apiUser = request.apiUser().map(String::strip).orElse(DEFAULT_API_USER);
        WireGuardKeyPair keys = WireGuardKeyPair.generate();
        RouterSetupParameters parameters = null;
        try {
            parameters = new RouterSetupParameters(router.id(), scriptName(router.name()),
                    hubHost == null ? "" : hubHost, hubPort, hubPublicKey == null ? "" : hubPublicKey, tunnel.hub(),
                    routerAddress, tunnel.prefixLength(), keys, apiUser, newPassword(), router.allowPlainApi());
        } catch (ValidationException e) {
            // The parameters' own checks, under the names the request used; one message per field.
            for (FieldError error : e.errors()) {
                String field = REQUEST_FIELDS.getOrDefault(error.field(), error.field());
                if (v.errors().stream().noneMatch(mine -> mine.field().equals(field))) {
                    v.add(new FieldError(field, error.message()));
                }
            }
        }
        // Isolation of lapsed users (plans with enforcement ISOLATE) needs the pay page to send them to.
        String isolation = "";
        if (request.payPageUrl().isPresent()) {
            try {
                isolation = IsolationScript.generate(request.payPageUrl().get());
            } catch (ValidationException e) {
                e.errors().forEach(v::add);
            }
        }
        String loginPage = loginPage(reseller, router, request.portalId(), v);
        v.throwIfInvalid();
        return new SetupScript(RouterSetupScript.generate(parameters, clock.instant(), isolation + loginPage), parameters.apiUsername(),
                keys.publicKey() + "," + parameters.routerTunnelAddress() + "/32");
    }

    /**
     * The login page's section: the portal named by {@code portalId}, or the router's only portal when none is named
     * (none: no section, the page is set up once a portal exists; several: the caller names one). The portal must
     * sell on this router, and the deployment's public API URL must be known (it is the page's API).
     */
    private String loginPage(Reseller reseller, Router router, Optional<String> portalId, Validation v) {
        if (apiBaseUrl.isEmpty() && portalId.isEmpty()) {
            return "# 6. Login page: not configured here, the deployment's PaymentCallbackBaseUrl (the page's API) is not set\n\n";
        }
        Optional<Portal> portal;
        if (portalId.isPresent()) {
            portal = portals.find(reseller.id(), portalId.get().strip()).filter(p -> p.routerId().equals(router.id()));
            if (!v.check(portal.isPresent(), "portalId", "no portal with this id sells on router " + router.id())) {
                return "";
            }
        } else {
            List<Portal> ofRouter = portals.listAll(reseller.id()).stream().filter(p -> p.routerId().equals(router.id())).toList();
            if (!v.check(ofRouter.size() <= 1, "portalId", "router " + router.id() + " has " + ofRouter.size()
                    + " portals: name the one its login page sells (" + String.join(", ", ofRouter.stream().map(Portal::id).toList()) + ")")) {
                return "";
            }
            portal = ofRouter.stream().findFirst();
        }
        if (portal.isEmpty()) {
            return "";
        }
        if (apiBaseUrl.isEmpty()) {
            throw new ConflictException("the deployment's PaymentCallbackBaseUrl is not set, so the login page would not know "
                    + "the API to sell portal " + portal.get().id() + " through: set it and deploy again");
        }
        return HotspotPageScript.generate(apiBaseUrl.get().toString(), portal.get(), router.wifiName());
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
