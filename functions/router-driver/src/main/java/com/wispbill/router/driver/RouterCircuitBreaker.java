package com.wispbill.router.driver;

import com.wispbill.adapters.repository.RouterDriverStateRepository;
import com.wispbill.domain.Router;
import com.wispbill.domain.routerdriver.RouterCircuit;
import com.wispbill.domain.routerdriver.RouterCircuit.FailureReason;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The per-router circuit breaker ({@link RouterCircuit}) over its DynamoDB item, so every Lambda instance
 * sees the same state: a router that keeps failing is not contacted again until its open period is
 * over, and then by one probing caller only.
 */
public final class RouterCircuitBreaker {
    private final RouterDriverStateRepository store;
    private final RouterCircuit.Policy policy;
    private final Clock clock;

    public RouterCircuitBreaker(RouterDriverStateRepository store, RouterCircuit.Policy policy, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether the router may be contacted now, and the circuit state to report the outcome against. */
    public record Admission(boolean allowed, RouterCircuit circuit) {
    }

    public Admission admit(Router router) {
        Instant now = clock.instant();
        RouterCircuit circuit = store.circuit(router.resellerId(), router.id());
        if (circuit.isOpenAt(now)) {
            return new Admission(false, circuit);
        }
        if (circuit.isProbeDueAt(now)) {
            RouterCircuit probing = circuit.probing(now, policy);
            return store.saveCircuit(probing) ? new Admission(true, probing) : new Admission(false, circuit);
        }
        return new Admission(true, circuit);
    }

    /** The router answered: close the circuit (no write if it was healthy). Returns the new state. */
    public RouterCircuit succeeded(RouterCircuit read) {
        if (read.isHealthy()) {
            return read;
        }
        RouterCircuit closed = read.afterSuccess();
        return store.saveCircuit(closed) ? closed : store.circuit(read.resellerId(), read.routerId());
    }

    /** The outcome of a failure: the new state and whether this failure opened the circuit. */
    public record Failure(RouterCircuit circuit, boolean opened) {
    }

    /** Counts a failure; if another instance wrote meanwhile, counts it on top of that state. */
    public Failure failed(RouterCircuit read, FailureReason reason, String error) {
        Instant now = clock.instant();
        RouterCircuit current = read;
        for (int attempt = 0; attempt < 3; attempt++) {
            RouterCircuit next = current.afterFailure(now, reason, error, policy);
            if (store.saveCircuit(next)) {
                return new Failure(next, current.opensWith(next, now));
            }
            current = store.circuit(read.resellerId(), read.routerId());
        }
        return new Failure(current, false);
    }
}
