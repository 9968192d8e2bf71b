package com.wispbill.router.driver;

import com.wispbill.domain.Ids;
import com.wispbill.domain.Router;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.routercommand.RouterCommand;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.routerdriver.DesiredObjectKind;
import com.wispbill.domain.routerdriver.DesiredRouterObject;
import java.time.Clock;
import java.util.Optional;

/** The operator alerts the router driver raises. Keys are stable per condition so a resolve matches its raise. */
public final class DriverAlerts {
    private final Clock clock;

    public DriverAlerts(Clock clock) {
        this.clock = clock;
    }

    public static String routerDownKey(String routerId) {
        return "ROUTER_DOWN#" + routerId;
    }

    public static String authenticationKey(String routerId) {
        return "ROUTER_AUTH#" + routerId;
    }

    public static String commandFailedKey(String commandId) {
        return "ROUTER_COMMAND_FAILED#" + commandId;
    }

    public Alert routerDown(Router router, String error, int failedPolls) {
        return alert(router.resellerId(), routerDownKey(router.id()), Alert.Severity.CRITICAL, false,
                "Router " + router.name() + " is unreachable",
                "Router " + router.id() + " (" + router.host() + ") did not answer " + failedPolls
                        + " polls in a row: " + error);
    }

    public Alert routerBack(Router router) {
        return alert(router.resellerId(), routerDownKey(router.id()), Alert.Severity.INFO, true,
                "Router " + router.name() + " is reachable again", "Router " + router.id() + " answered the poll.");
    }

    /** A router reports more sessions than a poll reads: its usage is not counted until it drops below. */
    public Alert sessionsCapped(Router router, int sessions, int cap) {
        return alert(router.resellerId(), "ROUTER_SESSIONS_CAPPED#" + router.id(), Alert.Severity.WARNING, false,
                "Router " + router.name() + " reports " + sessions + " active sessions",
                "Router " + router.id() + " reports " + sessions + " active sessions, more than the " + cap
                        + " a poll reads: its usage is not read (and quotas on it not enforced) until it reports fewer."
                        + " Other routers are not affected.");
    }

    public Alert authenticationFailed(Router router, String secretHint, String error) {
        return alert(router.resellerId(), authenticationKey(router.id()), Alert.Severity.CRITICAL, false,
                "Router " + router.name() + " refuses the API login",
                "Router " + router.id() + " refused the API credentials, also after re-reading them (" + error
                        + "). Commands fail without connecting until the credentials are fixed in " + secretHint
                        + " or the circuit's open period ends.");
    }

    /** A command failed on its last delivery: the queue moves it to the DLQ next. */
    public Alert commandFailedForGood(RouterCommandEnvelope envelope, int receiveCount, String error) {
        RouterCommand command = envelope.command();
        DesiredObjectKind kind = DesiredRouterObject.kindOf(command);
        String object = kind + " " + DesiredRouterObject.loggableName(kind, DesiredRouterObject.nameOf(command));
        return alert(envelope.resellerId(), commandFailedKey(envelope.commandId()), Alert.Severity.WARNING, false,
                "Router command " + command.type() + " failed " + receiveCount + " times",
                "Command " + envelope.commandId() + " (" + command.type() + ", " + object + ") for router "
                        + envelope.routerId() + " failed on every delivery and goes to the router-commands DLQ: "
                        + error);
    }

    /** A message that is not a router command, on its last delivery. */
    public Alert unreadableCommand(String messageId, int receiveCount, String error) {
        return alert(null, "ROUTER_COMMAND_UNREADABLE#" + messageId, Alert.Severity.WARNING, false,
                "Unreadable router command message",
                "Message " + messageId + " on router-commands could not be decoded (" + receiveCount
                        + " deliveries) and goes to the DLQ: " + error);
    }

    private Alert alert(String resellerId, String key, Alert.Severity severity, boolean resolved, String subject,
                        String detail) {
        return new Alert(Ids.newId(clock), Optional.ofNullable(resellerId), key, severity, resolved,
                subject.length() > 200 ? subject.substring(0, 200) : subject,
                detail.length() > 4000 ? detail.substring(0, 4000) : detail, clock.instant());
    }
}
