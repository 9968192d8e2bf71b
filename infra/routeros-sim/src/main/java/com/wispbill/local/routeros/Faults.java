package com.wispbill.local.routeros;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Fault switches a test can flip at any time; each takes effect for what happens next (a new
 * connection, command or reply). Command paths are command words such as
 * {@code /ip/hotspot/user/add}, or {@link #ANY_COMMAND}.
 */
public final class Faults {
    /** Matches every command, {@code /login} included. */
    public static final String ANY_COMMAND = "*";

    private final Consumer<Boolean> reachability;
    private final Object reachabilityLock = new Object();
    private volatile boolean refusingConnections;
    private volatile boolean rejectingLogins;
    private volatile Duration defaultReplyDelay = Duration.ZERO;
    private final Map<String, Duration> replyDelays = new ConcurrentHashMap<>();
    private final List<PlannedFault> plannedFaults = new ArrayList<>();
    private final List<ReplyGate> gates = new CopyOnWriteArrayList<>();

    private static final class PlannedFault {
        final String commandPath;
        final CommandFault fault;
        int remaining;

        PlannedFault(String commandPath, CommandFault fault, int remaining) {
            this.commandPath = commandPath;
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    Faults(Consumer<Boolean> reachability) {
        this.reachability = reachability;
    }

    /**
     * The router is down ({@code true}): its API ports stop listening, so connecting fails with
     * "connection refused", and open connections drop. {@code false} listens again on the same ports.
     */
    public void refuseConnections(boolean refuse) {
        synchronized (reachabilityLock) {
            if (refuse == refusingConnections) {
                return;
            }
            refusingConnections = refuse;
            reachability.accept(!refuse);
        }
    }

    public boolean refusingConnections() {
        return refusingConnections;
    }

    /** Every login fails as with a wrong password ({@code invalid user name or password (6)}). */
    public void rejectLogins(boolean reject) {
        rejectingLogins = reject;
    }

    public boolean rejectingLogins() {
        return rejectingLogins;
    }

    /** Waits this long before sending each reply sentence of every command; zero turns it off. */
    public void replyDelay(Duration delay) {
        defaultReplyDelay = requireNotNegative(delay);
    }

    /** Like {@link #replyDelay(Duration)} for one command path; overrides the general delay for it. */
    public void replyDelay(String commandPath, Duration delay) {
        Objects.requireNonNull(commandPath, "commandPath");
        if (requireNotNegative(delay).isZero()) {
            replyDelays.remove(commandPath);
        } else {
            replyDelays.put(commandPath, delay);
        }
    }

    /** The next matching command fails with {@code fault}; see {@link CommandFault}. */
    public void failNext(String commandPath, CommandFault fault) {
        failNext(commandPath, fault, 1);
    }

    /** The next {@code times} matching commands fail with {@code fault}. Faults planned earlier are used first. */
    public synchronized void failNext(String commandPath, CommandFault fault, int times) {
        Objects.requireNonNull(commandPath, "commandPath");
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        plannedFaults.add(new PlannedFault(commandPath, fault, times));
    }

    /**
     * Holds the replies of matching commands that arrive from now on until the returned gate is
     * released. The commands themselves are applied on arrival.
     */
    public ReplyGate holdReplies(String commandPath) {
        Objects.requireNonNull(commandPath, "commandPath");
        ReplyGate[] created = new ReplyGate[1];
        created[0] = new ReplyGate(commandPath, () -> gates.remove(created[0]));
        gates.add(created[0]);
        return created[0];
    }

    /** Turns every fault off: listening again, logins accepted, no delays, no planned faults, gates released. */
    public void clear() {
        synchronized (this) {
            plannedFaults.clear();
        }
        rejectingLogins = false;
        defaultReplyDelay = Duration.ZERO;
        replyDelays.clear();
        List.copyOf(gates).forEach(ReplyGate::release);
        refuseConnections(false);
    }

    /** Takes the next planned fault for this command, if any. */
    synchronized CommandFault takeFault(String command) {
        for (PlannedFault planned : plannedFaults) {
            if (matches(planned.commandPath, command)) {
                planned.remaining--;
                if (planned.remaining == 0) {
                    plannedFaults.remove(planned);
                }
                return planned.fault;
            }
        }
        return null;
    }

    Duration replyDelayFor(String command) {
        Duration specific = replyDelays.get(command);
        return specific != null ? specific : defaultReplyDelay;
    }

    /** The gate that catches this command now, if any (the first one set). */
    ReplyGate gateFor(String command) {
        for (ReplyGate gate : gates) {
            if (!gate.isReleased() && matches(gate.commandPath(), command)) {
                return gate;
            }
        }
        return null;
    }

    private static boolean matches(String pattern, String command) {
        return pattern.equals(ANY_COMMAND) || pattern.equals(command);
    }

    private static Duration requireNotNegative(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay cannot be negative: " + delay);
        }
        return delay;
    }
}
