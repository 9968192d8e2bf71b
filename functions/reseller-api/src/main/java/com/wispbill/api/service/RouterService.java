package com.wispbill.api.service;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Router;
import com.wispbill.domain.RouterConnectionTest;
import com.wispbill.domain.RouterHealth;
import com.wispbill.domain.Validation;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.network.RouterAddressRules;
import com.wispbill.domain.network.TunnelPool;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The caller's routers and their health as the last poll found it. The RouterOS login is not taken here but by
 * {@code PUT /v1/routers/{id}/credentials} ({@link RouterLifecycle}), which writes it to Secrets Manager under
 * {@code wispbill/routers/<resellerId>/<routerId>}, where only the router driver reads it.
 *
 * <p>A router registered without {@code host} is reached through the hub: billing allocates its tunnel
 * address (unique across resellers) and that becomes its host. A router registered with its own
 * {@code host} is reached there, which must be an address the driver may connect to
 * ({@link RouterAddressRules}): never our own infrastructure or the tunnel network.
 */
public final class RouterService {
    private final RouterRepository routers;
    private final TunnelPool tunnel;
    private final RouterAddressRules addressRules;
    private final Clock clock;

    public RouterService(RouterRepository routers, TunnelPool tunnel, RouterAddressRules addressRules, Clock clock) {
        this.routers = routers;
        this.tunnel = tunnel;
        this.addressRules = addressRules;
        this.clock = clock;
    }

    /** A router with its health, if it was ever polled, and its last connection test (read for one router only). */
    public record RouterWithHealth(Router router, Optional<RouterHealth> health, Optional<RouterConnectionTest> lastTest) {
    }

    /**
     * A router to register: reached at {@code host}, or through the hub when empty. {@code inputErrors}:
     * what reading the request found, answered together with the checks here.
     */
    public record RegisterRouter(String name, Optional<String> host, Optional<Integer> apiPort, Optional<Boolean> useTls,
                                 Optional<Boolean> allowPlainApi, Optional<String> hotspotServer, Optional<String> site,
                                 Optional<String> wifiName, Optional<String> zone, List<FieldError> inputErrors) {
        public RegisterRouter {
            inputErrors = List.copyOf(inputErrors);
        }
    }

    public Router register(Reseller reseller, RegisterRouter command) {
        Validation v = new Validation();
        v.addAll(command.inputErrors());
        Router.Builder b = Router.builder().newId(clock).resellerId(reseller.id());
        b.name(command.name());
        Optional<String> host = command.host();
        // Through the hub: every field is checked with a stand-in address of the pool before one is allocated.
        host.ifPresentOrElse(b::host, () -> b.tunnelAddress(tunnel.address(0).getHostAddress()));
        setGiven(b, v, command.apiPort(), command.useTls(), command.allowPlainApi(), command.hotspotServer(), command.site(),
                command.wifiName(), command.zone());
        host.filter(Router::isValidHost).flatMap(addressRules::problem)
                .ifPresent(problem -> v.add(new FieldError("host", problem)));
        Router router = v.build(b::build, UnaryOperator.identity());
        if (host.isPresent()) {
            routers.create(router);
            return router;
        }
        return routers.createInTunnel(router, tunnel);
    }

    /** The router fields a registration or a change gives (those left out are not touched); a bad zone goes to {@code v}. */
    static void setGiven(Router.Builder b, Validation v, Optional<Integer> apiPort, Optional<Boolean> useTls,
                         Optional<Boolean> allowPlainApi, Optional<String> hotspotServer, Optional<String> site,
                         Optional<String> wifiName, Optional<String> zone) {
        apiPort.ifPresent(b::apiPort);
        useTls.ifPresent(b::useTls);
        allowPlainApi.ifPresent(b::allowPlainApi);
        hotspotServer.ifPresent(b::hotspotServer);
        site.ifPresent(b::site);
        wifiName.ifPresent(b::wifiName);
        zone.ifPresent(z -> {
            try {
                b.zone(Reseller.parseZone(z));
            } catch (ValidationException e) {
                v.addAll(e.errors());
            }
        });
    }

    public RouterWithHealth get(Reseller reseller, String routerId) {
        Router router = routers.get(reseller.id(), routerId);
        return new RouterWithHealth(router, routers.findHealth(reseller.id(), routerId),
                routers.findConnectionTest(reseller.id(), routerId));
    }

    /** One page of routers, each with its health (one query for all the reseller's health items). */
    public Page<RouterWithHealth> list(Reseller reseller, PageRequest page) {
        Page<Router> routerPage = routers.list(reseller.id(), page);
        Map<String, RouterHealth> health = routerPage.items().isEmpty() ? Map.of() : healthByRouter(reseller);
        return routerPage.map(r -> new RouterWithHealth(r, Optional.ofNullable(health.get(r.id())), Optional.empty()));
    }

    public List<RouterHealth> health(Reseller reseller) {
        return routers.listHealth(reseller.id());
    }

    private Map<String, RouterHealth> healthByRouter(Reseller reseller) {
        return routers.listHealth(reseller.id()).stream()
                .collect(Collectors.toMap(RouterHealth::routerId, h -> h, (a, b) -> a));
    }
}
