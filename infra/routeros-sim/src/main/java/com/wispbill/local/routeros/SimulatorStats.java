package com.wispbill.local.routeros;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulator has seen, for tests that assert "exactly once": connections accepted, logins,
 * and commands per command word. A command is <em>received</em> when its sentence arrives after login,
 * and <em>applied</em> when it ran against the router state without a {@code !trap}, whether or not its
 * reply reached the client ({@link CommandFault#APPLY_THEN_DISCONNECT} counts as applied,
 * {@link CommandFault#FATAL_BEFORE_APPLY} does not). {@code /login}, {@code /cancel} and {@code /quit}
 * are not commands in this sense. Changes made through {@link RouterState}'s Java methods are not
 * counted.
 */
public final class SimulatorStats {
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong logins = new AtomicLong();
    private final AtomicLong failedLogins = new AtomicLong();
    private final Map<String, AtomicLong> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> applied = new ConcurrentHashMap<>();

    SimulatorStats() {
    }

    /** TCP (or TLS) connections accepted on either port. */
    public long connectionsAccepted() {
        return connections.get();
    }

    /** Successful logins. */
    public long logins() {
        return logins.get();
    }

    /** Logins refused (wrong name, password or challenge response, or {@link Faults#rejectLogins}). */
    public long failedLogins() {
        return failedLogins.get();
    }

    /** Commands with this command word received after login. */
    public long commandsReceived(String command) {
        AtomicLong count = received.get(command);
        return count == null ? 0 : count.get();
    }

    /** Commands with this command word applied without a trap. */
    public long commandsApplied(String command) {
        AtomicLong count = applied.get(command);
        return count == null ? 0 : count.get();
    }

    /** All commands applied without a trap. */
    public long commandsApplied() {
        return applied.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Zeroes every counter. */
    public void reset() {
        connections.set(0);
        logins.set(0);
        failedLogins.set(0);
        received.clear();
        applied.clear();
    }

    void connectionAccepted() {
        connections.incrementAndGet();
    }

    void login(boolean succeeded) {
        (succeeded ? logins : failedLogins).incrementAndGet();
    }

    void received(String command) {
        received.computeIfAbsent(command, c -> new AtomicLong()).incrementAndGet();
    }

    void applied(String command) {
        applied.computeIfAbsent(command, c -> new AtomicLong()).incrementAndGet();
    }
}
