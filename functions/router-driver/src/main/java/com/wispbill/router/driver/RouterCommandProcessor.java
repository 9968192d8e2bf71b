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
import com.wispbill.adapters.repository.PaymentGrantRepository;
import com.wispbill.adapters.voucher.VoucherBatchConfirmations;
import com.wispbill.domain.payment.PaymentGrant;
import com.wispbill.domain.routercommand.RouterCommandBulk;
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
 * response). Each message is a {@link RouterCommandBulk} (one or up to 100 commands of one router). Per
 * message: decode (unreadable = poison), check the router belongs to the bulk's reseller, read the
 * journal entries of all its commands at once and skip those applied before ({@link BulkPlan}), ask the
 * router's circuit breaker, journal and apply the rest over the router's session (kept between
 * invocations by the {@link com.wispbill.router.routeros.RouterSessionPool}), and, for a bulk carrying a
 * voucher batch's part, confirm the part on the batch.
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
    private final VoucherBatchConfirmations confirmations;
    private final PaymentGrantRepository grants;
    /** A window's journal write runs beside the previous window's router commands. */
    private final ExecutorService journalWrites = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("journal-write-", 0).factory());

    public RouterCommandProcessor(RouterRepository routers, RouterDriverStateRepository state,
                                  RouterCircuitBreaker breaker, Supplier<RouterConnections> connections,
                                  AlertPublisher alerts, Clock clock, int maxReceiveCount, int parallelRouters,
                                  Duration timeNeededPerRouter, VoucherBatchConfirmations confirmations,
                                  PaymentGrantRepository grants) {
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
        this.confirmations = Objects.requireNonNull(confirmations, "confirmations");
        this.grants = Objects.requireNonNull(grants, "grants");
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
                    LOG.error("{} failed: {}", message, e.toString(), e);
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
            RouterCommandBulk bulk = MessageCodec.decodeRouterCommands(message.body());
            alerts.publish(driverAlerts.commandFailedForGood(bulk.commands().getFirst(), message.receiveCount(),
                    (bulk.commands().size() > 1 ? "bulk " + bulk.bulkId() + ": " : "") + reason));
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
        RouterCommandBulk bulk;
        try {
            bulk = MessageCodec.decodeRouterCommands(message.body());
        } catch (MalformedMessageException e) {
            LOG.warn("{} is not a router command ({}): poison message, goes to the DLQ after {} deliveries",
                    message, e.getMessage(), maxReceiveCount);
            if (isLastDelivery(message)) {
                alerts.publish(driverAlerts.unreadableCommand(message.messageId(), message.receiveCount(), e.getMessage()));
            }
            return false;
        }
        if (group.router == null || !group.router.id().equals(bulk.routerId())
                || !group.router.resellerId().equals(bulk.resellerId())) {
            Optional<Router> router = routers.find(bulk.resellerId(), bulk.routerId());
            if (router.isEmpty()) {
                return fail(message, bulk, "reseller " + bulk.resellerId() + " has no router "
                        + bulk.routerId() + ": the command is not applied");
            }
            group.router = router.get();
            group.circuit = null;
        }
        Router router = group.router;
        if (isDone(bulk)) {
            LOG.info("{} was applied before: redelivery skipped", bulk);
            return true;
        }
        if (bulk.commands().size() == 1 && bulk.commands().getFirst().command() instanceof TestConnection test) {
            return testConnection(bulk.commands().getFirst(), test, router, routerConnections);
        }
        BulkPlan plan = BulkPlan.of(bulk, state, clock.instant());
        if (plan.nothingToApply()) {
            LOG.info("{}: every command was applied before: redelivery skipped", bulk);
            markDone(bulk);
            return true;
        }
        if (!router.isActive()) {
            plan.journalAll(state::saveDesiredAll, journalWrites);
            LOG.info("{}: router is {}, not applied; journaled for reconcile when it is active again",
                    bulk, router.status());
            return true;
        }
        RouterCircuitBreaker.Admission admission = group.circuit == null ? breaker.admit(router)
                : new RouterCircuitBreaker.Admission(!group.circuit.isOpenAt(clock.instant()), group.circuit);
        group.circuit = admission.circuit();
        if (!admission.allowed()) {
            return fail(message, bulk, "router " + router.id() + " circuit is open until "
                    + admission.circuit().openUntil().map(Object::toString).orElse("a probe ends") + " after "
                    + admission.circuit().consecutiveFailures() + " failures ("
                    + admission.circuit().lastError().orElse("unknown") + "): not contacted");
        }
        RouterCommandEnvelope current = null;
        try {
            RouterOperations operations = new RouterOperations(routerConnections.session(router));
            RouterCommandEnvelope[] applying = new RouterCommandEnvelope[1];
            try {
                plan.execute(state::saveDesiredAll, journalWrites, (envelope, marksApplied) -> {
                    applying[0] = envelope;
                    OperationResult result = operations.apply(envelope.command());
                    if (marksApplied) {
                        state.markCommandApplied(bulk.resellerId(), bulk.routerId(), envelope.commandId(), clock.instant());
                    }
                    if (LOG.isDebugEnabled()) {
                        LOG.debug("{} applied: {}", describe(envelope), result.outcome());
                    }
                });
            } finally {
                current = applying[0];
            }
            current = null;
            group.circuit = breaker.succeeded(group.circuit);
            LOG.info("{} applied ({} commands, {} skipped as applied before)", bulk, plan.toApply(), plan.skipped());
            markDone(bulk);
            return true;
        } catch (RouterOsAuthException e) {
            RouterCircuitBreaker.Failure failure = breaker.failed(group.circuit, FailureReason.AUTHENTICATION, e.getMessage());
            group.circuit = failure.circuit();
            if (failure.opened()) {
                alerts.publish(driverAlerts.authenticationFailed(router, "the router's Secrets Manager secret", e.getMessage()));
            }
            return fail(message, bulk, "router " + router.id() + " refused the API login after re-reading the "
                    + "credentials (wrong user name or password in its secret): " + e.getMessage());
        } catch (RouterUnreachableException | RouterOsTimeoutException | RouterOsTlsException
                 | RouterOsProtocolException e) {
            group.circuit = breaker.failed(group.circuit, FailureReason.UNREACHABLE, e.getMessage()).circuit();
            return fail(message, bulk, e.getMessage());
        } catch (RouterOsTrapException | RouterObjectNotFoundException e) {
            // The router answered: it is healthy, this one command is refused.
            group.circuit = breaker.succeeded(group.circuit);
            return fail(message, bulk, (current == null ? "" : describe(current) + ": ") + e.getMessage());
        } catch (RouterOsException e) {
            return fail(message, bulk, e.getMessage());
        } catch (RouterCredentialsException e) {
            return fail(message, bulk, e.getMessage());
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

    /**
     * Whether the whole bulk was applied before (a redelivery after a success, or a lost delete): the
     * batch's confirmed part for a bulk with a receipt, else the bulk's own applied record.
     */
    private boolean isDone(RouterCommandBulk bulk) {
        return bulk.receipt()
                .map(r -> confirmations.isConfirmed(bulk.resellerId(), r.batchId(), r.part()))
                .orElseGet(() -> state.isCommandApplied(bulk.resellerId(), bulk.bulkId()));
    }

    /**
     * Every command is on the router: one write for the whole bulk. A voucher batch's part is confirmed
     * on the batch (its progress, and this bulk's applied record at once); any other bulk gets its own
     * applied record (a lone kick has it already: its command id is the bulk id).
     */
    private void markDone(RouterCommandBulk bulk) {
        confirmGrants(bulk);
        if (bulk.receipt().isPresent()) {
            bulk.receipt().ifPresent(r -> confirmations.confirm(bulk.resellerId(), r.batchId(), r.part()));
        } else if (!(bulk.commands().size() == 1 && BulkPlan.isKick(bulk.commands().getFirst()))) {
            state.markCommandApplied(bulk.resellerId(), bulk.routerId(), bulk.bulkId(), clock.instant());
        }
    }

    /**
     * A payment's grant (the voucher sold, the account renewed) is PENDING_ROUTER until its router command is on the
     * router: now it is, so the grant (and a portal voucher still NEW) becomes ACTIVE. Before the done record, so a
     * failure here leaves the bulk to its retry, which confirms again (a repeat changes nothing).
     */
    private void confirmGrants(RouterCommandBulk bulk) {
        for (RouterCommandEnvelope envelope : bulk.commands()) {
            PaymentGrant.paymentOfRouterCommand(envelope.commandId())
                    .flatMap(paymentId -> grants.find(bulk.resellerId(), paymentId))
                    .filter(PaymentGrant::isPendingRouter)
                    .ifPresent(grant -> {
                        if (grants.confirmOnRouter(grant, clock.instant())) {
                            LOG.info("payment {}: its grant is on router {} and usable", grant.paymentId(), bulk.routerId());
                        }
                    });
        }
    }

    private boolean fail(InboundCommand message, RouterCommandBulk bulk, String error) {
        LOG.warn("{} failed (delivery {} of {}): {}", bulk, message.receiveCount(), maxReceiveCount, error);
        bulk.receipt().ifPresent(r -> {
            try {
                confirmations.waiting(bulk.resellerId(), r.batchId(), "router " + bulk.routerId()
                        + " has not confirmed its vouchers yet: " + error);
            } catch (RuntimeException e) {
                LOG.warn("cannot show why batch {} waits: {}", r.batchId(), e.toString());
            }
        });
        if (isLastDelivery(message)) {
            alerts.publish(driverAlerts.commandFailedForGood(bulk.commands().getFirst(), message.receiveCount(),
                    (bulk.commands().size() > 1 ? "bulk " + bulk.bulkId() + " of " + bulk.commands().size()
                            + " commands: " : "") + error));
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
