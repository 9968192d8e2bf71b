package com.wispbill.router.driver;

import com.wispbill.adapters.messages.MalformedMessageException;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.repository.RouterDriverStateRepository;
import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.domain.Router;
import com.wispbill.domain.RouterConnectionTest;
import com.wispbill.domain.routercommand.TestConnection;
import com.wispbill.router.operations.SystemResource;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.messages.AlertPublisher;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.routerdriver.DesiredRouterObject;
import com.wispbill.domain.routerdriver.RouterCircuit;
import com.wispbill.domain.routerdriver.RouterCircuit.FailureReason;
import com.wispbill.router.credentials.RouterCredentialsException;
import com.wispbill.router.operations.OperationResult;
import com.wispbill.router.operations.RouterOperations;
import com.wispbill.router.routeros.RouterObjectNotFoundException;
import com.wispbill.router.routeros.RouterOsAuthException;
import com.wispbill.router.routeros.RouterOsException;
import com.wispbill.router.routeros.RouterOsProtocolException;
import com.wispbill.router.routeros.RouterOsTimeoutException;
import com.wispbill.router.routeros.RouterOsTlsException;
import com.wispbill.router.routeros.RouterOsTrapException;
import com.wispbill.router.routeros.RouterUnreachableException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a batch of {@code router-commands.fifo} messages and says which failed (the partial batch
 * response). Per message: decode (unreadable = poison), check the router belongs to the envelope's
 * reseller, skip a command already applied, journal the desired state, ask the router's circuit breaker,
 * apply over the router's one session of this invocation, record it as applied.
 *
 * <p>Order: messages of one FIFO group (one router) run in batch order on one thread; once one fails,
 * every later message of the group in the batch is reported failed without being tried, so SQS
 * redelivers them in order. Different routers run in parallel (at most {@code parallelRouters}), so a
 * slow router does not hold up the others. A router is not started when the invocation has less time
 * left than one connection and command can take.
 */
public final class RouterCommandProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(RouterCommandProcessor.class);

    private final RouterRepository routers;
    private final RouterDriverStateRepository state;
    private final RouterCircuitBreaker breaker;
    private final Supplier<RouterConnections> connections;
    private final AlertPublisher alerts;
    private final DriverAlerts driverAlerts;
    private final Clock clock;
    private final int maxReceiveCount;
    private final int parallelRouters;
    private final Duration timeNeededPerRouter;

    public RouterCommandProcessor(RouterRepository routers, RouterDriverStateRepository state,
                                  RouterCircuitBreaker breaker, Supplier<RouterConnections> connections,
                                  AlertPublisher alerts, Clock clock, int maxReceiveCount, int parallelRouters,
                                  Duration timeNeededPerRouter) {
        this.routers = Objects.requireNonNull(routers, "routers");
        this.state = Objects.requireNonNull(state, "state");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.driverAlerts = new DriverAlerts(clock);
        if (maxReceiveCount < 1 || parallelRouters < 1) {
            throw new IllegalArgumentException("maxReceiveCount and parallelRouters must be at least 1");
        }
        this.maxReceiveCount = maxReceiveCount;
        this.parallelRouters = parallelRouters;
        this.timeNeededPerRouter = Objects.requireNonNull(timeNeededPerRouter, "timeNeededPerRouter");
    }

    /**
     * Processes {@code batch} (in the queue's order) and returns the ids of the messages that failed.
     *
     * @param remainingMillis the invocation's remaining time
     */
    public Set<String> process(List<InboundCommand> batch, LongSupplier remainingMillis) {
        Map<String, List<InboundCommand>> groups = new LinkedHashMap<>();
        batch.forEach(m -> groups.computeIfAbsent(m.orderingKey(), k -> new ArrayList<>()).add(m));
        Set<String> failed = ConcurrentHashMap.newKeySet();
        if (groups.size() == 1) {
            failed.addAll(processGroup(groups.values().iterator().next(), remainingMillis));
            return Set.copyOf(failed);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelRouters, groups.size()));
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (List<InboundCommand> group : groups.values()) {
                results.add(pool.submit(() -> processGroup(group, remainingMillis)));
            }
            for (int i = 0; i < results.size(); i++) {
                try {
                    failed.addAll(results.get(i).get());
                } catch (ExecutionException e) {
                    LOG.error("router group failed unexpectedly; its messages will be redelivered", e.getCause());
                    groupAt(groups, i).forEach(m -> failed.add(m.messageId()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            batch.forEach(m -> failed.add(m.messageId()));
        } finally {
            pool.shutdownNow();
        }
        return Set.copyOf(failed);
    }

    private static List<InboundCommand> groupAt(Map<String, List<InboundCommand>> groups, int index) {
        return new ArrayList<>(groups.values()).get(index);
    }

    /** One router's messages, in order; the ids of those that failed. */
    private List<String> processGroup(List<InboundCommand> group, LongSupplier remainingMillis) {
        List<String> failed = new ArrayList<>();
        GroupState groupState = new GroupState();
        try (RouterConnections routerConnections = connections.get()) {
            for (InboundCommand message : group) {
                if (groupState.failed) {
                    failed.add(message.messageId());
                    alertOnLastDelivery(message, "not tried: an earlier command for the same router failed in the "
                            + "same batch, and order is kept");
                    continue;
                }
                if (remainingMillis.getAsLong() < timeNeededPerRouter.toMillis()) {
                    LOG.warn("not enough time left for {}: returned to the queue", message);
                    groupState.failed = true;
                    failed.add(message.messageId());
                    continue;
                }
                boolean ok;
                try {
                    ok = processOne(message, routerConnections, groupState);
                } catch (RuntimeException e) {
                    // DynamoDB or SNS trouble, or a router record or secret that cannot be used: the
                    // message is retried; never lose it.
                    LOG.error("{} failed: {}", message, e.toString());
                    alertOnLastDelivery(message, e.toString());
                    ok = false;
                }
                if (!ok) {
                    groupState.failed = true;
                    failed.add(message.messageId());
                }
            }
        }
        return failed;
    }

    /**
     * An alert for a message that failed without its own alert (not tried because an earlier one of its
     * router failed, or an unexpected error), if this was its last delivery: it goes to the DLQ next.
     */
    private void alertOnLastDelivery(InboundCommand message, String reason) {
        if (!isLastDelivery(message)) {
            return;
        }
        try {
            RouterCommandEnvelope envelope = MessageCodec.decodeRouterCommand(message.body());
            alerts.publish(driverAlerts.commandFailedForGood(envelope, message.receiveCount(), reason));
        } catch (MalformedMessageException e) {
            alerts.publish(driverAlerts.unreadableCommand(message.messageId(), message.receiveCount(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("cannot raise the DLQ alert for {}: {}", message, e.toString());
        }
    }

    /** Per-group memory: the router and its circuit state, read once per invocation. */
    private static final class GroupState {
        boolean failed;
        Router router;
        RouterCircuit circuit;
    }

    private boolean processOne(InboundCommand message, RouterConnections routerConnections, GroupState group) {
        RouterCommandEnvelope envelope;
        try {
            envelope = MessageCodec.decodeRouterCommand(message.body());
        } catch (MalformedMessageException e) {
            LOG.warn("{} is not a router command ({}): poison message, goes to the DLQ after {} deliveries",
                    message, e.getMessage(), maxReceiveCount);
            if (isLastDelivery(message)) {
                alerts.publish(driverAlerts.unreadableCommand(message.messageId(), message.receiveCount(), e.getMessage()));
            }
            return false;
        }
        String described = describe(envelope);
        if (group.router == null || !group.router.id().equals(envelope.routerId())
                || !group.router.resellerId().equals(envelope.resellerId())) {
            Optional<Router> router = routers.find(envelope.resellerId(), envelope.routerId());
            if (router.isEmpty()) {
                return fail(message, envelope, "reseller " + envelope.resellerId() + " has no router "
                        + envelope.routerId() + ": the command is not applied");
            }
            group.router = router.get();
            group.circuit = null;
        }
        Router router = group.router;
        if (state.isCommandApplied(envelope.resellerId(), envelope.commandId())) {
            LOG.info("{} was applied before: redelivery skipped", described);
            return true;
        }
        if (envelope.command() instanceof TestConnection test) {
            return testConnection(envelope, test, router, routerConnections);
        }
        journal(envelope);
        if (!router.isActive()) {
            LOG.info("{}: router is {}, not applied; journaled for reconcile when it is active again",
                    described, router.status());
            return true;
        }
        RouterCircuitBreaker.Admission admission = group.circuit == null ? breaker.admit(router)
                : new RouterCircuitBreaker.Admission(!group.circuit.isOpenAt(clock.instant()), group.circuit);
        group.circuit = admission.circuit();
        if (!admission.allowed()) {
            return fail(message, envelope, "router " + router.id() + " circuit is open until "
                    + admission.circuit().openUntil().map(Object::toString).orElse("a probe ends") + " after "
                    + admission.circuit().consecutiveFailures() + " failures ("
                    + admission.circuit().lastError().orElse("unknown") + "): not contacted");
        }
        try {
            OperationResult result = new RouterOperations(routerConnections.session(router)).apply(envelope.command());
            state.markCommandApplied(envelope.resellerId(), envelope.routerId(), envelope.commandId(), clock.instant());
            group.circuit = breaker.succeeded(group.circuit);
            LOG.info("{} applied: {}", described, result.outcome());
            return true;
        } catch (RouterOsAuthException e) {
            RouterCircuitBreaker.Failure failure = breaker.failed(group.circuit, FailureReason.AUTHENTICATION, e.getMessage());
            group.circuit = failure.circuit();
            if (failure.opened()) {
                alerts.publish(driverAlerts.authenticationFailed(router, "the router's Secrets Manager secret", e.getMessage()));
            }
            return fail(message, envelope, "router " + router.id() + " refused the API login after re-reading the "
                    + "credentials (wrong user name or password in its secret): " + e.getMessage());
        } catch (RouterUnreachableException | RouterOsTimeoutException | RouterOsTlsException
                 | RouterOsProtocolException e) {
            group.circuit = breaker.failed(group.circuit, FailureReason.UNREACHABLE, e.getMessage()).circuit();
            return fail(message, envelope, e.getMessage());
        } catch (RouterOsTrapException | RouterObjectNotFoundException e) {
            // The router answered: it is healthy, this one command is refused.
            group.circuit = breaker.succeeded(group.circuit);
            return fail(message, envelope, e.getMessage());
        } catch (RouterOsException e) {
            return fail(message, envelope, e.getMessage());
        } catch (RouterCredentialsException e) {
            return fail(message, envelope, e.getMessage());
        }
    }

    /**
     * A connection test the reseller asked for: it bypasses the circuit breaker (the reseller wants to know now,
     * e.g. right after fixing the password) and always ends the message, OK or FAILED with the reason stored for
     * {@code GET /v1/routers/{id}}. Only the store failing leaves the message for a retry.
     */
    private boolean testConnection(RouterCommandEnvelope envelope, TestConnection test, Router router,
                                   RouterConnections routerConnections) {
        RouterConnectionTest requested = routers.findConnectionTest(router.resellerId(), router.id())
                .filter(t -> t.testId().equals(test.testId()))
                .orElseGet(() -> RouterConnectionTest.requested(router.resellerId(), router.id(), test.testId(),
                        envelope.issuedAt()));
        RouterConnectionTest result;
        if (!router.isActive()) {
            result = requested.failed(clock.instant(), "the router is " + router.status() + ": not contacted");
        } else {
            try {
                RouterOperations operations = new RouterOperations(routerConnections.session(router));
                SystemResource resource = operations.systemResource();
                boolean[] menus = operations.menusPresent();
                result = requested.succeeded(clock.instant(), resource.identity(), resource.version(), menus[0], menus[1]);
            } catch (RouterOsAuthException e) {
                result = requested.failed(clock.instant(), "the router refused the API login (user name or password in "
                        + "the credentials set for it): " + e.getMessage());
            } catch (RouterOsException | RouterCredentialsException e) {
                result = requested.failed(clock.instant(), e.getMessage());
            }
        }
        boolean stored = routers.recordConnectionTest(result);
        state.markCommandApplied(envelope.resellerId(), envelope.routerId(), envelope.commandId(), clock.instant());
        LOG.info("{}: {}{}", describe(envelope), result.status(), stored ? "" : " (a newer test was requested meanwhile)");
        return true;
    }

    /** Writes the command's desired state before it is applied, so reconcile knows everything billing created. */
    private void journal(RouterCommandEnvelope envelope) {
        var kind = DesiredRouterObject.kindOf(envelope.command());
        String name = DesiredRouterObject.nameOf(envelope.command());
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<DesiredRouterObject> read = state.findDesired(envelope.resellerId(), envelope.routerId(), kind, name);
            Optional<DesiredRouterObject> next = DesiredRouterObject.after(read, envelope, clock.instant());
            if (next.isEmpty() || next.equals(read) || state.saveDesired(next.get(), read)) {
                return;
            }
        }
        throw new IllegalStateException("journal entry of " + describe(envelope) + " keeps changing under us");
    }

    private boolean fail(InboundCommand message, RouterCommandEnvelope envelope, String error) {
        LOG.warn("{} failed (delivery {} of {}): {}", describe(envelope), message.receiveCount(), maxReceiveCount, error);
        if (isLastDelivery(message)) {
            Alert alert = driverAlerts.commandFailedForGood(envelope, message.receiveCount(), error);
            alerts.publish(alert);
        }
        return false;
    }

    private boolean isLastDelivery(InboundCommand message) {
        return message.receiveCount() >= maxReceiveCount;
    }

    private static String describe(RouterCommandEnvelope envelope) {
        return "command " + envelope.commandId() + " (" + envelope.command() + ") for router " + envelope.routerId();
    }
}
