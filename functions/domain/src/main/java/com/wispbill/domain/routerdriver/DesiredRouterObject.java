package com.wispbill.domain.routerdriver;

import com.wispbill.domain.Validation;
import com.wispbill.domain.routercommand.DisableHotspotUser;
import com.wispbill.domain.routercommand.DisablePppSecret;
import com.wispbill.domain.routercommand.EnableHotspotUser;
import com.wispbill.domain.routercommand.EnablePppSecret;
import com.wispbill.domain.routercommand.EnsureHotspotProfile;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.EnsurePppProfile;
import com.wispbill.domain.routercommand.EnsurePppSecret;
import com.wispbill.domain.routercommand.IsolateUser;
import com.wispbill.domain.routercommand.Isolation;
import com.wispbill.domain.routercommand.KickHotspotUser;
import com.wispbill.domain.routercommand.KickPppUser;
import com.wispbill.domain.routercommand.LogSafe;
import com.wispbill.domain.routercommand.RemoveHotspotUser;
import com.wispbill.domain.routercommand.RemovePppSecret;
import com.wispbill.domain.routercommand.RestoreUser;
import com.wispbill.domain.routercommand.RouterCommand;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.routercommand.ThrottleUser;
import com.wispbill.domain.routercommand.UserService;
import com.wispbill.domain.routercommand.TestConnection;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a router's desired-state journal: what billing last said about one named object. The
 * driver writes it when a command is received, before applying it, so anything on a router that billing
 * created has an entry written before it; reconcile compares the router with these entries.
 *
 * @param ensure      the last {@code Ensure…} command for the object (its full attributes), if any was
 *                    received; a removed object keeps none (no password is kept for it)
 * @param issuedAt    when the command that last changed this entry was issued; older commands are ignored
 * @param commandId   that command's id
 * @param journaledAt when the entry was written (driver clock); reconcile leaves entries newer than its
 *                    read of the router to the command consumer
 */
public record DesiredRouterObject(
        String resellerId,
        String routerId,
        DesiredObjectKind kind,
        String name,
        DesiredState state,
        Optional<RouterCommand> ensure,
        Instant issuedAt,
        String commandId,
        Instant journaledAt) {

    public DesiredRouterObject {
        ensure = Objects.requireNonNullElse(ensure, Optional.empty());
        Validation v = new Validation();
        v.id(resellerId, "resellerId");
        v.id(routerId, "routerId");
        v.notNull(kind, "kind");
        v.text(name, "name", 64);
        v.notNull(state, "state");
        v.notNull(issuedAt, "issuedAt");
        v.id(commandId, "commandId");
        v.notNull(journaledAt, "journaledAt");
        ensure.ifPresent(c -> v.check(kindOf(c) == kind && nameOf(c).equals(name),
                "ensure", "must be an ensure of the same object"));
        v.throwIfInvalid();
    }

    /**
     * The entry after {@code envelope}, or empty if the command does not change desired state (a kick) or
     * is older than what the entry already holds (a late duplicate).
     */
    public static Optional<DesiredRouterObject> after(Optional<DesiredRouterObject> current,
                                                      RouterCommandEnvelope envelope, Instant now) {
        RouterCommand command = envelope.command();
        if (isKick(command)) {
            return Optional.empty();
        }
        if (current.isPresent() && current.get().issuedAt().isAfter(envelope.issuedAt())) {
            return Optional.empty();
        }
        Optional<RouterCommand> previousEnsure = current.flatMap(DesiredRouterObject::ensure);
        DesiredState previousState = current.map(DesiredRouterObject::state).orElse(null);
        DesiredState state;
        Optional<RouterCommand> ensure;
        switch (command) {
            case EnsureHotspotUser c -> {
                // An ensure never changes the disabled flag of an existing object; a removed one is created enabled.
                state = previousState == DesiredState.DISABLED ? DesiredState.DISABLED : DesiredState.ENABLED;
                ensure = Optional.of(c);
            }
            case EnsurePppSecret c -> {
                state = previousState == DesiredState.DISABLED ? DesiredState.DISABLED : DesiredState.ENABLED;
                ensure = Optional.of(c);
            }
            case EnsureHotspotProfile c -> {
                state = DesiredState.ENABLED;
                ensure = Optional.of(c);
            }
            case EnsurePppProfile c -> {
                state = DesiredState.ENABLED;
                ensure = Optional.of(c);
            }
            case DisableHotspotUser c -> {
                state = DesiredState.DISABLED;
                ensure = previousEnsure;
            }
            case DisablePppSecret c -> {
                state = DesiredState.DISABLED;
                ensure = previousEnsure;
            }
            case EnableHotspotUser c -> {
                state = DesiredState.ENABLED;
                ensure = previousEnsure;
            }
            case EnablePppSecret c -> {
                state = DesiredState.ENABLED;
                ensure = previousEnsure;
            }
            case RemoveHotspotUser c -> {
                state = DesiredState.REMOVED;
                ensure = Optional.empty();
            }
            case RemovePppSecret c -> {
                state = DesiredState.REMOVED;
                ensure = Optional.empty();
            }
            case IsolateUser c -> {
                state = DesiredState.ENABLED;
                ensure = previousEnsure.map(e -> withProfile(e, Isolation.PROFILE));
            }
            case RestoreUser c -> {
                state = DesiredState.ENABLED;
                ensure = previousEnsure.map(e -> withProfile(e, c.profile()));
            }
            case ThrottleUser c -> {
                state = previousState == null ? DesiredState.ENABLED : previousState;
                ensure = previousEnsure.map(e -> withProfile(e, c.profile()));
            }
            case KickHotspotUser c -> throw new IllegalStateException("kicks were excluded above");
            case KickPppUser c -> throw new IllegalStateException("kicks were excluded above");
            case TestConnection c -> throw new IllegalStateException("connection tests were excluded above");
        }
        return Optional.of(new DesiredRouterObject(envelope.resellerId(), envelope.routerId(), kindOf(command),
                nameOf(command), state, ensure, envelope.issuedAt(), envelope.commandId(), now));
    }

    /** The kind of object a command is about. */
    public static DesiredObjectKind kindOf(RouterCommand command) {
        return switch (command) {
            case EnsureHotspotUser c -> DesiredObjectKind.HOTSPOT_USER;
            case DisableHotspotUser c -> DesiredObjectKind.HOTSPOT_USER;
            case EnableHotspotUser c -> DesiredObjectKind.HOTSPOT_USER;
            case RemoveHotspotUser c -> DesiredObjectKind.HOTSPOT_USER;
            case KickHotspotUser c -> DesiredObjectKind.HOTSPOT_USER;
            case EnsurePppSecret c -> DesiredObjectKind.PPP_SECRET;
            case DisablePppSecret c -> DesiredObjectKind.PPP_SECRET;
            case EnablePppSecret c -> DesiredObjectKind.PPP_SECRET;
            case RemovePppSecret c -> DesiredObjectKind.PPP_SECRET;
            case KickPppUser c -> DesiredObjectKind.PPP_SECRET;
            case EnsureHotspotProfile c -> DesiredObjectKind.HOTSPOT_PROFILE;
            case EnsurePppProfile c -> DesiredObjectKind.PPP_PROFILE;
            case IsolateUser c -> userKind(c.service());
            case RestoreUser c -> userKind(c.service());
            case ThrottleUser c -> userKind(c.service());
            case TestConnection c -> throw new IllegalArgumentException("a connection test is about no router object");
        };
    }

    /** The name of the object a command is about. */
    public static String nameOf(RouterCommand command) {
        return switch (command) {
            case EnsureHotspotUser c -> c.name();
            case DisableHotspotUser c -> c.name();
            case EnableHotspotUser c -> c.name();
            case RemoveHotspotUser c -> c.name();
            case KickHotspotUser c -> c.name();
            case EnsurePppSecret c -> c.name();
            case DisablePppSecret c -> c.name();
            case EnablePppSecret c -> c.name();
            case RemovePppSecret c -> c.name();
            case KickPppUser c -> c.name();
            case EnsureHotspotProfile c -> c.name();
            case EnsurePppProfile c -> c.name();
            case IsolateUser c -> c.name();
            case RestoreUser c -> c.name();
            case ThrottleUser c -> c.name();
            case TestConnection c -> throw new IllegalArgumentException("a connection test is about no router object");
        };
    }

    private static DesiredObjectKind userKind(UserService service) {
        return service == UserService.PPP ? DesiredObjectKind.PPP_SECRET : DesiredObjectKind.HOTSPOT_USER;
    }

    /**
     * The user's last ensure with the profile an isolation, throttle or restore moved it to, so reconcile
     * does not move it back.
     */
    private static RouterCommand withProfile(RouterCommand ensure, String profile) {
        return switch (ensure) {
            case EnsureHotspotUser u -> new EnsureHotspotUser(u.name(), u.password(), profile, u.limitUptime(),
                    u.limitBytesTotal(), u.comment());
            case EnsurePppSecret p -> new EnsurePppSecret(p.name(), p.password(), profile, p.comment());
            default -> ensure;
        };
    }

    /** The name as logs may show it: hotspot user names are voucher codes. */
    public static String loggableName(DesiredObjectKind kind, String name) {
        return kind == DesiredObjectKind.HOTSPOT_USER ? LogSafe.maskCode(name) : name;
    }

    /** Kicks and connection tests leave no desired state behind. */
    private static boolean isKick(RouterCommand command) {
        return command instanceof KickHotspotUser || command instanceof KickPppUser || command instanceof TestConnection;
    }

    @Override
    public String toString() {
        return "DesiredRouterObject[router=" + routerId + ", " + kind + " " + loggableName(kind, name) + ", state="
                + state + ", ensure=" + ensure.map(RouterCommand::toString).orElse("none") + ", issuedAt=" + issuedAt
                + ", commandId=" + commandId + "]";
    }
}
