package com.wispbill.domain.routerdriver;

import com.wispbill.domain.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The circuit breaker of one router, shared by every Lambda instance through DynamoDB, so a dead router
 * costs one connection attempt per open period instead of one per message.
 *
 * <ul>
 *   <li><b>Closed</b> ({@code openUntil} empty): commands go to the router; consecutive failures are counted.</li>
 *   <li><b>Open</b> ({@code now < openUntil}): commands fail at once, without connecting.</li>
 *   <li><b>Probe</b> ({@code now >= openUntil}): one caller claims the probe ({@link #probing}, a conditional
 *       write on {@code version}) and tries the router; the others still fail fast until the probe window
 *       ends. A success closes the circuit, a failure opens it again.</li>
 * </ul>
 *
 * @param consecutiveFailures failures since the last success
 * @param openUntil           while in the future, the circuit is open
 * @param reason              why it last failed
 * @param lastError           the last failure's message (no secrets)
 * @param version             incremented on every write; writes are conditional on the version read
 */
public record RouterCircuit(
        String resellerId,
        String routerId,
        int consecutiveFailures,
        Optional<Instant> openUntil,
        Optional<FailureReason> reason,
        Optional<String> lastError,
        long version) {

    /** Why calls to a router fail; wrong credentials open the circuit at the first failure. */
    public enum FailureReason { UNREACHABLE, AUTHENTICATION }

    /** When the circuit opens and for how long. */
    public record Policy(int failuresToOpen, Duration openFor, Duration openForAuthentication, Duration probeWindow) {
        public static final Policy DEFAULT =
                new Policy(3, Duration.ofMinutes(1), Duration.ofMinutes(15), Duration.ofSeconds(30));

        public Policy {
            if (failuresToOpen < 1) {
                throw new IllegalArgumentException("failuresToOpen must be at least 1");
            }
            Objects.requireNonNull(openFor, "openFor");
            Objects.requireNonNull(openForAuthentication, "openForAuthentication");
            Objects.requireNonNull(probeWindow, "probeWindow");
        }
    }

    public RouterCircuit {
        openUntil = Objects.requireNonNullElse(openUntil, Optional.empty());
        reason = Objects.requireNonNullElse(reason, Optional.empty());
        lastError = Objects.requireNonNullElse(lastError, Optional.empty());
        Validation v = new Validation();
        v.id(resellerId, "resellerId");
        v.id(routerId, "routerId");
        v.check(consecutiveFailures >= 0, "consecutiveFailures", "must not be negative");
        v.check(version >= 0, "version", "must not be negative");
        v.throwIfInvalid();
    }

    /** A router never seen failing (no item stored yet: version 0). */
    public static RouterCircuit closed(String resellerId, String routerId) {
        return new RouterCircuit(resellerId, routerId, 0, Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }

    /** True while calls must fail without trying the router. */
    public boolean isOpenAt(Instant now) {
        return openUntil.isPresent() && now.isBefore(openUntil.get());
    }

    /** True if the circuit was open and its open period is over: the next call is a probe. */
    public boolean isProbeDueAt(Instant now) {
        return openUntil.isPresent() && !now.isBefore(openUntil.get());
    }

    /** True if nothing has failed since the last success (no write is needed after a success). */
    public boolean isHealthy() {
        return consecutiveFailures == 0 && openUntil.isEmpty();
    }

    /** This caller probes the router; the others keep failing fast for {@code policy.probeWindow()}. */
    public RouterCircuit probing(Instant now, Policy policy) {
        return new RouterCircuit(resellerId, routerId, consecutiveFailures, Optional.of(now.plus(policy.probeWindow())),
                reason, lastError, version + 1);
    }

    public RouterCircuit afterSuccess() {
        return new RouterCircuit(resellerId, routerId, 0, Optional.empty(), Optional.empty(), Optional.empty(), version + 1);
    }

    public RouterCircuit afterFailure(Instant now, FailureReason why, String error, Policy policy) {
        Objects.requireNonNull(why, "why");
        int failures = consecutiveFailures + 1;
        Optional<Instant> until = openUntil;
        if (why == FailureReason.AUTHENTICATION) {
            until = Optional.of(now.plus(policy.openForAuthentication()));
        } else if (failures >= policy.failuresToOpen()) {
            until = Optional.of(now.plus(policy.openFor()));
        }
        return new RouterCircuit(resellerId, routerId, failures, until, Optional.of(why),
                Optional.ofNullable(error), version + 1);
    }

    /** True if going from this state to {@code next} opens a closed circuit (worth one alert, not one per message). */
    public boolean opensWith(RouterCircuit next, Instant now) {
        return !isOpenAt(now) && !isProbeDueAt(now) && next.isOpenAt(now);
    }
}
