package com.wispbill.api.service;

import com.wispbill.adapters.repository.AlertRepository;
import com.wispbill.adapters.repository.PortalRepository;
import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.Ids;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Router;
import com.wispbill.domain.RouterConnectionTest;
import com.wispbill.domain.RouterStatus;
import com.wispbill.domain.Validation;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.messages.RouterCommandQueue;
import com.wispbill.domain.network.RouterAddressRules;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.routercommand.TestConnection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A router after registration: changed, given its API login, tested, retired and deleted.
 *
 * <ul>
 *   <li>The login (and the CA certificate API-SSL is pinned to) goes to the secret the router driver reads,
 *       {@code <prefix><resellerId>/<routerId>}, and is never answered.</li>
 *   <li>The reseller API cannot reach routers (only the router driver is on the VPN), so a connection test is a
 *       {@link TestConnection} command on the router's FIFO group; the result is stored on the router's
 *       {@link RouterConnectionTest} and shown by {@code GET /v1/routers/{id}}.</li>
 *   <li>Retiring takes the router off the poll's index ({@code ROUTERS#ACTIVE} holds ACTIVE routers only) and
 *       resolves its open alerts; its history stays. Only a retired router that no portal sells on is deleted.</li>
 * </ul>
 */
public final class RouterLifecycle {
    /** Concurrent changes of one router are rare: a few re-reads settle them. */
    private static final int REPLACE_ATTEMPTS = 5;
    private final RouterRepository routers;
    private final PortalRepository portals;
    private final AlertRepository alerts;
    private final RouterCommandQueue commands;
    private final ResellerSecrets secrets;
    private final String routerSecretsPrefix;
    private final RouterAddressRules addressRules;
    private final Clock clock;

    public RouterLifecycle(RouterRepository routers, PortalRepository portals, AlertRepository alerts,
                           RouterCommandQueue commands, ResellerSecrets secrets, String routerSecretsPrefix,
                           RouterAddressRules addressRules, Clock clock) {
        this.routers = routers;
        this.portals = portals;
        this.alerts = alerts;
        this.commands = commands;
        this.secrets = secrets;
        this.routerSecretsPrefix = routerSecretsPrefix;
        this.addressRules = addressRules;
        this.clock = clock;
    }

    /** Fields to change; those left out keep their value. */
    public record UpdateRouter(Optional<String> name, Optional<String> host, Optional<Integer> apiPort,
                               Optional<Boolean> useTls, Optional<Boolean> allowPlainApi, Optional<String> hotspotServer,
                               Optional<String> site, Optional<String> wifiName, Optional<String> zone,
                               List<FieldError> inputErrors) {
        public UpdateRouter {
            inputErrors = List.copyOf(inputErrors);
        }
    }

    public Router update(Reseller reseller, String routerId, UpdateRouter command) {
        return replacing(reseller, routerId, current -> changed(current, command));
    }

    /**
     * Reads the router, computes its next state and replaces it on condition that it is still as read; a router
     * changed meanwhile (another PATCH, a retire) is read again and {@code change} applied to what is stored now, so
     * no change is lost and a retired router stays retired.
     */
    private Router replacing(Reseller reseller, String routerId, UnaryOperator<Router> change) {
        ConflictException last = null;
        for (int attempt = 0; attempt < REPLACE_ATTEMPTS; attempt++) {
            Router current = routers.get(reseller.id(), routerId);
            Router next = change.apply(current);
            if (next.equals(current)) {
                return current;
            }
            try {
                routers.replace(current, next);
                return next;
            } catch (ConflictException e) {
                last = e;
            }
        }
        throw last;
    }

    private Router changed(Router current, UpdateRouter command) {
        Validation v = new Validation();
        v.addAll(command.inputErrors());
        Router.Builder b = current.toBuilder();
        command.name().ifPresent(b::name);
        command.host().ifPresent(host -> {
            if (current.tunnelAddress().isPresent()) {
                v.add(new FieldError("host", "this router is reached through the hub at its tunnel address "
                        + current.tunnelAddress().get() + "; register a new router to reach one at its own host"));
            } else {
                b.host(host);
                if (Router.isValidHost(host)) {
                    addressRules.problem(host).ifPresent(problem -> v.add(new FieldError("host", problem)));
                }
            }
        });
        RouterService.setGiven(b, v, command.apiPort(), command.useTls(), command.allowPlainApi(), command.hotspotServer(),
                command.site(), command.wifiName(), command.zone());
        return v.build(b::build, UnaryOperator.identity());
    }

    /** Stores the login where the router driver reads it; the router must be the caller's. */
    public void setLogin(Reseller reseller, String routerId, RouterLogin login) {
        Router router = routers.get(reseller.id(), routerId);
        Validation v = new Validation();
        login.validate(v);
        v.throwIfInvalid();
        secrets.put(secretName(router), reseller.id(), RouterLoginJson.write(login));
    }

    /** Queues a connection test for the router driver and answers the PENDING test (202). */
    public RouterConnectionTest testConnection(Reseller reseller, String routerId) {
        Router router = routers.get(reseller.id(), routerId);
        if (!router.isActive()) {
            throw new ConflictException("router " + routerId + " is " + router.status() + ": it is not contacted");
        }
        RouterConnectionTest test = RouterConnectionTest.requested(reseller.id(), routerId, Ids.newId(clock), clock.instant());
        routers.requestConnectionTest(test);
        commands.send(new RouterCommandEnvelope(test.testId(), reseller.id(), routerId, test.requestedAt(),
                new TestConnection(test.testId())));
        return test;
    }

    public Optional<RouterConnectionTest> lastTest(Reseller reseller, String routerId) {
        return routers.findConnectionTest(reseller.id(), routerId);
    }

    /**
     * RETIRED: off the poll (the index holds ACTIVE routers only), commands for it are journaled, not sent, and
     * every open alert about it is resolved. Retiring a retired router changes nothing.
     */
    public Router retire(Reseller reseller, String routerId) {
        Router retired = replacing(reseller, routerId, current -> current.status() == RouterStatus.RETIRED ? current
                : current.toBuilder().status(RouterStatus.RETIRED).build());
        Router router = retired;
        String suffix = "#" + routerId;
        for (Alert open : alerts.openAlerts(reseller.id())) {
            if (open.key().endsWith(suffix)) {
                alerts.apply(new Alert(Ids.newId(clock), Optional.of(reseller.id()), open.key(), Alert.Severity.INFO, true,
                        "Router " + router.name() + " retired", "Resolved because the router was retired.", clock.instant()));
            }
        }
        return retired;
    }

    /** Deletes a retired router that no portal sells on, with its login secret. */
    public void delete(Reseller reseller, String routerId) {
        Router router = routers.get(reseller.id(), routerId);
        if (router.status() != RouterStatus.RETIRED) {
            throw new ConflictException("router " + routerId + " is " + router.status()
                    + ": retire it first (POST /v1/routers/" + routerId + "/retire)");
        }
        List<String> sellingOn = portals.listAll(reseller.id()).stream().filter(p -> p.routerId().equals(routerId))
                .map(p -> p.id()).toList();
        if (!sellingOn.isEmpty()) {
            throw new ConflictException("router " + routerId + " is the router of portal(s) " + sellingOn
                    + ": move them to another router first (PUT /v1/portals/{portalId})");
        }
        routers.deleteRetired(router);
        secrets.delete(secretName(router));
    }

    private String secretName(Router router) {
        return routerSecretsPrefix + router.resellerId() + "/" + router.id();
    }
}
