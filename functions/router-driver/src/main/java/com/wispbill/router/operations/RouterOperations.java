package com.wispbill.router.operations;

import com.wispbill.domain.RateLimit;
import com.wispbill.domain.ValidationException;
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
import com.wispbill.domain.routercommand.ThrottleUser;
import com.wispbill.domain.routercommand.UserService;
import com.wispbill.domain.routercommand.TestConnection;
import com.wispbill.router.routeros.RouterObjectNotFoundException;
import com.wispbill.router.routeros.RouterOsCommand;
import com.wispbill.router.routeros.RouterOsException;
import com.wispbill.router.routeros.RouterOsFormats;
import com.wispbill.router.routeros.RouterOsProtocolException;
import com.wispbill.router.routeros.RouterOsSession;
import com.wispbill.router.routeros.RouterOsTrapException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Idempotent RouterOS operations over one {@link RouterOsSession}: every write first reads the
 * router's current state and changes only what differs, so a command may run any number of times,
 * after a lost reply or concurrently with another writer, and the router ends in the same state.
 *
 * <ul>
 *   <li><b>Ensure</b> (user, secret, profile) is an upsert: print by name; add if missing, else set the
 *       properties that differ (none: nothing is sent). An add refused because the name exists ("already
 *       have ..."; another writer, or our own earlier add whose reply was lost) is followed by a fresh
 *       read and set; a set refused with "no such item" (removed meanwhile) by a fresh read and add.
 *       Properties the command leaves unlimited are removed with {@code unset}. The disabled flag of an
 *       existing user or secret is never changed by an ensure.</li>
 *   <li><b>Disable</b> sets {@code disabled=yes} where it is not; a missing object needs nothing.
 *       <b>Enable</b> sets {@code disabled=no}; a missing object is a {@link RouterObjectNotFoundException}.</li>
 *   <li><b>Remove</b> removes the object if present; a missing object, or one removed meanwhile, is success.</li>
 *   <li><b>Kick</b> removes every active session of the user; none, or one that ended meanwhile, is success.</li>
 *   <li><b>Isolate</b>, <b>Throttle</b>, <b>Restore</b> set the user's profile where it differs and make the
 *       isolation address-list entries / fair-use simple queue of its current sessions what they should be
 *       (see the commands); a missing user is a {@link RouterObjectNotFoundException}.</li>
 * </ul>
 * Names are unique per menu on RouterOS, except hotspot users bound to different hotspot servers:
 * operations act on every item with the name.
 *
 * <p>Hold one instance per session; it keeps no state of its own.
 */
public final class RouterOperations {
    /** Attempts of an ensure when another writer keeps changing the same object under it. */
    static final int MAX_ENSURE_ATTEMPTS = 3;

    private static final Menu HOTSPOT_USERS = new Menu("/ip/hotspot/user", "hotspot user", true);
    private static final Menu HOTSPOT_PROFILES = new Menu("/ip/hotspot/user/profile", "hotspot user profile", false);
    private static final Menu PPP_SECRETS = new Menu("/ppp/secret", "PPP secret", false);
    private static final Menu PPP_PROFILES = new Menu("/ppp/profile", "PPP profile", false);
    private static final String PPPOE_SERVICE = "pppoe";
    private static final String ADDRESS_LIST = "/ip/firewall/address-list";
    private static final String SIMPLE_QUEUES = "/queue/simple";

    private final RouterOsSession session;

    public RouterOperations(RouterOsSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    /** Runs any router command; see the class comment for what each kind does. */
    public OperationResult apply(RouterCommand command) throws RouterOsException {
        return switch (command) {
            case EnsureHotspotUser c -> ensureHotspotUser(c);
            case DisableHotspotUser c -> setDisabled(HOTSPOT_USERS, c.name(), true);
            case EnableHotspotUser c -> setDisabled(HOTSPOT_USERS, c.name(), false);
            case RemoveHotspotUser c -> remove(HOTSPOT_USERS, c.name());
            case KickHotspotUser c -> kick("/ip/hotspot/active", "user", c.name(), true);
            case EnsurePppSecret c -> ensurePppSecret(c);
            case DisablePppSecret c -> setDisabled(PPP_SECRETS, c.name(), true);
            case EnablePppSecret c -> setDisabled(PPP_SECRETS, c.name(), false);
            case RemovePppSecret c -> remove(PPP_SECRETS, c.name());
            case KickPppUser c -> kick("/ppp/active", "name", c.name(), false);
            case EnsureHotspotProfile c -> ensureHotspotProfile(c);
            case EnsurePppProfile c -> ensurePppProfile(c);
            case IsolateUser c -> isolate(c);
            case RestoreUser c -> restore(c);
            case ThrottleUser c -> throttle(c);
            case TestConnection c -> throw new IllegalArgumentException("a connection test is read with menusPresent()");
        };
    }

    // ---------------------------------------------------------------- isolation and fair use

    /**
     * Enabled, in the isolation profile, and the addresses of its current sessions (and only those) in the
     * isolation address list, so the running sessions are redirected now and later logins by the profile.
     */
    public OperationResult isolate(IsolateUser command) throws RouterOsException {
        Menu menu = userMenu(command.service());
        int changed = moveUser(menu, command.name(), Isolation.PROFILE, true);
        List<String> addresses = sessionAddresses(command.service(), command.name());
        List<Map<String, String>> listed = isolationEntries(menu, command.name());
        for (Map<String, String> entry : listed) {
            // A session that ended: its address may go to someone else, who must not be redirected.
            if (!addresses.contains(entry.get("address")) && removeById(ADDRESS_LIST, requiredId(menu, entry))) {
                changed++;
            }
        }
        for (String address : addresses) {
            if (listed.stream().noneMatch(entry -> address.equals(entry.get("address")))) {
                RouterOsCommand.Builder add = RouterOsCommand.builder(ADDRESS_LIST + "/add")
                        .attribute("list", Isolation.ADDRESS_LIST).attribute("address", address);
                commentAttribute(add, menu, Isolation.comment(command.name()));
                session.execute(add.build());
                changed++;
            }
        }
        return changed == 0 ? OperationResult.unchanged() : OperationResult.updated(changed, List.of("isolation"));
    }

    /** Enabled, in the plan's profile, without isolation entries or a fair-use queue. */
    public OperationResult restore(RestoreUser command) throws RouterOsException {
        Menu menu = userMenu(command.service());
        int changed = moveUser(menu, command.name(), command.profile(), true);
        for (Map<String, String> entry : isolationEntries(menu, command.name())) {
            if (removeById(ADDRESS_LIST, requiredId(menu, entry))) {
                changed++;
            }
        }
        for (Map<String, String> queue : fairUseQueues(menu, command.name())) {
            if (removeById(SIMPLE_QUEUES, requiredId(menu, queue))) {
                changed++;
            }
        }
        return changed == 0 ? OperationResult.unchanged() : OperationResult.updated(changed, List.of("profile"));
    }

    /**
     * In the fair-use profile (next logins), and its current sessions' addresses the target of its simple
     * queue at the fair-use rate (now); without sessions no queue is left.
     */
    public OperationResult throttle(ThrottleUser command) throws RouterOsException {
        Menu menu = userMenu(command.service());
        int changed = moveUser(menu, command.name(), command.profile(), false);
        List<String> addresses = sessionAddresses(command.service(), command.name());
        String target = String.join(",", addresses.stream().map(a -> a + "/32").toList());
        String maxLimit = command.rate().toRouterOs();
        List<Map<String, String>> queues = fairUseQueues(menu, command.name());
        for (Map<String, String> queue : queues) {
            String id = requiredId(menu, queue);
            if (addresses.isEmpty()) {
                changed += removeById(SIMPLE_QUEUES, id) ? 1 : 0;
            } else if (!target.equals(queue.get("target")) || !Desired.rateLimit("max-limit", command.rate())
                    .isSatisfiedBy(queue.get("max-limit"))) {
                session.execute(RouterOsCommand.builder(SIMPLE_QUEUES + "/set").attribute(".id", id)
                        .attribute("target", target).attribute("max-limit", maxLimit).build());
                changed++;
            }
        }
        if (queues.isEmpty() && !addresses.isEmpty()) {
            RouterOsCommand.Builder add = RouterOsCommand.builder(SIMPLE_QUEUES + "/add");
            if (menu.namesAreSecret()) {
                add.sensitiveAttribute("name", Isolation.queueName(command.name()));
            } else {
                add.attribute("name", Isolation.queueName(command.name()));
            }
            add.attribute("target", target).attribute("max-limit", maxLimit);
            session.execute(add.build());
            changed++;
        }
        return changed == 0 ? OperationResult.unchanged() : OperationResult.updated(changed, List.of("rate"));
    }

    private static Menu userMenu(UserService service) {
        return service == UserService.PPP ? PPP_SECRETS : HOTSPOT_USERS;
    }

    /** Sets the profile (and enables, if asked) where it differs; the number of items changed. */
    private int moveUser(Menu menu, String name, String profile, boolean enable) throws RouterOsException {
        List<Map<String, String>> items = find(menu, name, "profile", "disabled");
        if (items.isEmpty()) {
            throw notFound(menu, name, "cannot move it to profile " + profile);
        }
        int changed = 0;
        for (Map<String, String> item : items) {
            boolean profileDiffers = !profile.equals(item.get("profile"));
            boolean enabling = enable && isDisabled(menu, item);
            if (!profileDiffers && !enabling) {
                continue;
            }
            RouterOsCommand.Builder set = RouterOsCommand.builder(menu.path() + "/set").attribute(".id", requiredId(menu, item));
            if (profileDiffers) {
                set.attribute("profile", profile);
            }
            if (enabling) {
                set.attribute("disabled", "no");
            }
            session.execute(set.build());
            changed++;
        }
        return changed;
    }

    private List<String> sessionAddresses(UserService service, String name) throws RouterOsException {
        boolean hotspot = service == UserService.HOTSPOT;
        String path = hotspot ? "/ip/hotspot/active/print" : "/ppp/active/print";
        RouterOsCommand.Builder print = RouterOsCommand.builder(path).properties(".id", "address");
        if (hotspot) {
            print.sensitiveWhere("user", name);
        } else {
            print.where("name", name);
        }
        return session.execute(print.build()).stream().map(row -> row.get("address"))
                .filter(a -> a != null && !a.isEmpty()).distinct().toList();
    }

    private List<Map<String, String>> isolationEntries(Menu menu, String name) throws RouterOsException {
        String comment = Isolation.comment(name);
        RouterOsCommand.Builder print = RouterOsCommand.builder(ADDRESS_LIST + "/print")
                .properties(".id", "list", "address", "comment").where("list", Isolation.ADDRESS_LIST);
        if (menu.namesAreSecret()) {
            print.sensitiveWhere("comment", comment);
        } else {
            print.where("comment", comment);
        }
        return session.execute(print.build()).stream()
                .filter(row -> Isolation.ADDRESS_LIST.equals(row.get("list")) && comment.equals(row.get("comment"))).toList();
    }

    private List<Map<String, String>> fairUseQueues(Menu menu, String name) throws RouterOsException {
        String queue = Isolation.queueName(name);
        RouterOsCommand.Builder print = RouterOsCommand.builder(SIMPLE_QUEUES + "/print")
                .properties(".id", "name", "target", "max-limit");
        if (menu.namesAreSecret()) {
            print.sensitiveWhere("name", queue);
        } else {
            print.where("name", queue);
        }
        return session.execute(print.build()).stream().filter(row -> queue.equals(row.get("name"))).toList();
    }

    private static void commentAttribute(RouterOsCommand.Builder command, Menu menu, String comment) {
        if (menu.namesAreSecret()) {
            command.sensitiveAttribute("comment", comment);
        } else {
            command.attribute("comment", comment);
        }
    }

    public OperationResult ensureHotspotUser(EnsureHotspotUser user) throws RouterOsException {
        return ensure(HOTSPOT_USERS, user.name(), hotspotUserProperties(user));
    }

    private static List<Desired> hotspotUserProperties(EnsureHotspotUser user) {
        return List.of(
                Desired.secretText("password", user.password()),
                Desired.text("profile", user.profile()),
                Desired.durationLimit("limit-uptime", user.limitUptime().orElse(null)),
                Desired.bytesLimit("limit-bytes-total", user.limitBytesTotal()),
                Desired.text("comment", user.comment()));
    }

    public OperationResult ensurePppSecret(EnsurePppSecret secret) throws RouterOsException {
        return ensure(PPP_SECRETS, secret.name(), pppSecretProperties(secret));
    }

    private static List<Desired> pppSecretProperties(EnsurePppSecret secret) {
        return List.of(
                Desired.text("service", PPPOE_SERVICE),
                Desired.secretText("password", secret.password()),
                Desired.text("profile", secret.profile()),
                Desired.text("remote-address", secret.remoteAddress().orElse(null)),
                Desired.text("caller-id", secret.callerId().orElse(null)),
                Desired.text("comment", secret.comment()));
    }

    public OperationResult ensureHotspotProfile(EnsureHotspotProfile profile) throws RouterOsException {
        return ensure(HOTSPOT_PROFILES, profile.name(), List.of(
                Desired.rateLimit("rate-limit", profile.rateLimit().orElse(null)),
                Desired.count("shared-users", profile.sharedUsers())));
    }

    public OperationResult ensurePppProfile(EnsurePppProfile profile) throws RouterOsException {
        return ensure(PPP_PROFILES, profile.name(), List.of(
                Desired.rateLimit("rate-limit", profile.rateLimit().orElse(null))));
    }

    public OperationResult disableHotspotUser(DisableHotspotUser command) throws RouterOsException {
        return setDisabled(HOTSPOT_USERS, command.name(), true);
    }

    public OperationResult enableHotspotUser(EnableHotspotUser command) throws RouterOsException {
        return setDisabled(HOTSPOT_USERS, command.name(), false);
    }

    public OperationResult removeHotspotUser(RemoveHotspotUser command) throws RouterOsException {
        return remove(HOTSPOT_USERS, command.name());
    }

    public OperationResult kickHotspotUser(KickHotspotUser command) throws RouterOsException {
        return kick("/ip/hotspot/active", "user", command.name(), true);
    }

    public OperationResult disablePppSecret(DisablePppSecret command) throws RouterOsException {
        return setDisabled(PPP_SECRETS, command.name(), true);
    }

    public OperationResult enablePppSecret(EnablePppSecret command) throws RouterOsException {
        return setDisabled(PPP_SECRETS, command.name(), false);
    }

    public OperationResult removePppSecret(RemovePppSecret command) throws RouterOsException {
        return remove(PPP_SECRETS, command.name());
    }

    public OperationResult kickPppUser(KickPppUser command) throws RouterOsException {
        return kick("/ppp/active", "name", command.name(), false);
    }

    // ---------------------------------------------------------------- reads for the poll

    /** Every logged-in hotspot client with its session counters. */
    public List<ActiveHotspotSession> activeHotspotSessions() throws RouterOsException {
        String path = "/ip/hotspot/active/print";
        List<Map<String, String>> rows = session.execute(RouterOsCommand.builder(path)
                .properties(".id", "user", "address", "mac-address", "uptime", "bytes-in", "bytes-out").build());
        List<ActiveHotspotSession> sessions = new ArrayList<>(rows.size());
        for (Map<String, String> row : rows) {
            RowReader read = new RowReader(path, row);
            sessions.add(new ActiveHotspotSession(read.required(".id"), read.required("user"),
                    read.optional("address"), read.optional("mac-address"), read.duration("uptime"),
                    read.count("bytes-in"), read.count("bytes-out")));
        }
        return List.copyOf(sessions);
    }

    /** Every connected PPP client, with byte counters from its dynamic interface where listed. */
    public List<ActivePppSession> activePppSessions() throws RouterOsException {
        String path = "/ppp/active/print";
        List<Map<String, String>> rows = session.execute(RouterOsCommand.builder(path)
                .properties(".id", "name", "service", "caller-id", "address", "uptime").build());
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, long[]> countersByInterface = dynamicInterfaceCounters();
        List<ActivePppSession> sessions = new ArrayList<>(rows.size());
        for (Map<String, String> row : rows) {
            RowReader read = new RowReader(path, row);
            String name = read.required("name");
            String service = read.optional("service");
            long[] counters = countersByInterface.get("<" + service + "-" + name + ">");
            sessions.add(new ActivePppSession(read.required(".id"), name, service, read.optional("caller-id"),
                    read.optional("address"), read.duration("uptime"),
                    counters == null ? OptionalLong.empty() : OptionalLong.of(counters[0]),
                    counters == null ? OptionalLong.empty() : OptionalLong.of(counters[1])));
        }
        return List.copyOf(sessions);
    }

    /** The router's health: identity, version, uptime, CPU load and memory. */
    public SystemResource systemResource() throws RouterOsException {
        String path = "/system/resource/print";
        List<Map<String, String>> rows = session.execute(RouterOsCommand.builder(path)
                .properties("version", "board-name", "uptime", "cpu-load", "free-memory", "total-memory").build());
        if (rows.isEmpty()) {
            throw new RouterOsProtocolException("router " + session.routerId() + ": " + path + " returned no row");
        }
        RowReader read = new RowReader(path, rows.getFirst());
        long cpuLoad = read.count("cpu-load");
        return new SystemResource(identity(), read.required("version"), read.optional("board-name"),
                read.duration("uptime"), (int) Math.min(cpuLoad, 100), read.bytes("free-memory"),
                read.bytes("total-memory"));
    }

    /**
     * Whether the hotspot and the PPP menus answer (a router without the package, or a user without the
     * policy, gets a trap): {@code [hotspot, ppp]}.
     */
    public boolean[] menusPresent() throws RouterOsException {
        return new boolean[] {answers(HOTSPOT_PROFILES.path() + "/print"), answers(PPP_PROFILES.path() + "/print")};
    }

    private boolean answers(String path) throws RouterOsException {
        try {
            session.execute(RouterOsCommand.builder(path).properties("name").build());
            return true;
        } catch (RouterOsTrapException e) {
            return false;
        }
    }

    /** The router's name ({@code /system/identity}). */
    public String identity() throws RouterOsException {
        String path = "/system/identity/print";
        List<Map<String, String>> rows = session.execute(RouterOsCommand.of(path));
        if (rows.isEmpty()) {
            throw new RouterOsProtocolException("router " + session.routerId() + ": " + path + " returned no row");
        }
        return new RowReader(path, rows.getFirst()).required("name");
    }

    // ---------------------------------------------------------------- bulk reads and writes for reconcile

    /**
     * Every hotspot user and PPP secret on the router, in two prints, with the properties the ensures
     * compare; reconcile diffs these against the desired state instead of one print per object.
     */
    public RouterInventory inventory() throws RouterOsException {
        return new RouterInventory(
                byName(session.execute(RouterOsCommand.builder(HOTSPOT_USERS.path() + "/print")
                        .properties(".id", "name", "password", "profile", "limit-uptime", "limit-bytes-total", "comment",
                                "disabled", "dynamic").build())),
                byName(session.execute(RouterOsCommand.builder(PPP_SECRETS.path() + "/print")
                        .properties(".id", "name", "service", "password", "profile", "comment", "disabled").build())));
    }

    /**
     * {@link #apply} of an ensure whose current items ({@code known}, possibly none) were just read with
     * {@link #inventory()}: nothing is read again unless the write races with another writer.
     */
    public OperationResult ensureKnown(RouterCommand ensure, List<Map<String, String>> known) throws RouterOsException {
        return switch (ensure) {
            case EnsureHotspotUser user -> ensure(HOTSPOT_USERS, user.name(), hotspotUserProperties(user), known);
            case EnsurePppSecret secret -> ensure(PPP_SECRETS, secret.name(), pppSecretProperties(secret), known);
            default -> apply(ensure);
        };
    }

    /** Sets {@code disabled=yes} on the {@code known} items (hotspot users if {@code hotspot}, else PPP secrets). */
    public OperationResult disableKnown(boolean hotspot, List<Map<String, String>> known) throws RouterOsException {
        Menu menu = hotspot ? HOTSPOT_USERS : PPP_SECRETS;
        int changed = 0;
        for (Map<String, String> item : known) {
            if (isDisabled(menu, item)) {
                continue;
            }
            try {
                session.execute(RouterOsCommand.builder(menu.path() + "/set")
                        .attribute(".id", requiredId(menu, item)).attribute("disabled", "yes").build());
                changed++;
            } catch (RouterOsTrapException e) {
                if (!isNoSuchItem(e)) {
                    throw e;
                }
            }
        }
        return changed == 0 ? OperationResult.unchanged() : OperationResult.updated(changed, List.of("disabled"));
    }

    /** Removes the {@code known} items (hotspot users if {@code hotspot}, else PPP secrets); gone already is fine. */
    public OperationResult removeKnown(boolean hotspot, List<Map<String, String>> known) throws RouterOsException {
        Menu menu = hotspot ? HOTSPOT_USERS : PPP_SECRETS;
        int removed = 0;
        for (Map<String, String> item : known) {
            if (removeById(menu.path(), requiredId(menu, item))) {
                removed++;
            }
        }
        return OperationResult.removed(removed);
    }

    /**
     * Ends every active session of a user found on the router (any name the router returned; reconcile
     * uses it for users billing does not know, whose names need not pass the domain's checks).
     */
    public OperationResult kickSessions(boolean hotspot, String name) throws RouterOsException {
        return hotspot ? kick("/ip/hotspot/active", "user", name, true) : kick("/ppp/active", "name", name, false);
    }

    /** Sets {@code disabled=no} on the {@code known} items (hotspot users if {@code hotspot}, else PPP secrets). */
    public OperationResult enableKnown(boolean hotspot, List<Map<String, String>> known) throws RouterOsException {
        Menu menu = hotspot ? HOTSPOT_USERS : PPP_SECRETS;
        int changed = 0;
        for (Map<String, String> item : known) {
            if (!isDisabled(menu, item)) {
                continue;
            }
            session.execute(RouterOsCommand.builder(menu.path() + "/set")
                    .attribute(".id", requiredId(menu, item)).attribute("disabled", "no").build());
            changed++;
        }
        return changed == 0 ? OperationResult.unchanged() : OperationResult.updated(changed, List.of("disabled"));
    }

    private static Map<String, List<Map<String, String>>> byName(List<Map<String, String>> rows) {
        Map<String, List<Map<String, String>>> byName = new HashMap<>();
        for (Map<String, String> row : rows) {
            String name = row.get("name");
            if (name != null && !name.isEmpty()) {
                byName.computeIfAbsent(name, n -> new ArrayList<>(1)).add(row);
            }
        }
        return byName;
    }

    // ---------------------------------------------------------------- writes

    private OperationResult ensure(Menu menu, String name, List<Desired> desired) throws RouterOsException {
        return ensure(menu, name, desired, null);
    }

    /** {@code known}: the items named {@code name} from a recent full read (reconcile), used for the first attempt. */
    private OperationResult ensure(Menu menu, String name, List<Desired> desired, List<Map<String, String>> known)
            throws RouterOsException {
        RouterOsTrapException lastRace = null;
        for (int attempt = 1; attempt <= MAX_ENSURE_ATTEMPTS; attempt++) {
            String[] properties = desired.stream().map(Desired::property).toArray(String[]::new);
            List<Map<String, String>> existing = attempt == 1 && known != null ? known : find(menu, name, properties);
            try {
                if (existing.isEmpty()) {
                    add(menu, name, desired);
                    return OperationResult.created();
                }
                return update(menu, existing, desired);
            } catch (RouterOsTrapException e) {
                if (!isAlreadyExists(e) && !isNoSuchItem(e)) {
                    throw e;
                }
                // Someone else added or removed it between our read and write: read again.
                lastRace = e;
            }
        }
        throw lastRace;
    }

    private void add(Menu menu, String name, List<Desired> desired) throws RouterOsException {
        RouterOsCommand.Builder add = RouterOsCommand.builder(menu.path() + "/add");
        nameAttribute(add, menu, name);
        for (Desired d : desired) {
            if (d.value() != null && !d.value().isEmpty()) {
                d.addTo(add);
            }
        }
        session.execute(add.build());
    }

    private OperationResult update(Menu menu, List<Map<String, String>> existing, List<Desired> desired)
            throws RouterOsException {
        List<String> changed = new ArrayList<>();
        int itemsChanged = 0;
        for (Map<String, String> item : existing) {
            String id = requiredId(menu, item);
            RouterOsCommand.Builder set = RouterOsCommand.builder(menu.path() + "/set").attribute(".id", id);
            List<String> unsets = new ArrayList<>();
            List<String> itemChanges = new ArrayList<>();
            for (Desired d : desired) {
                if (d.isSatisfiedBy(item.get(d.property()))) {
                    continue;
                }
                itemChanges.add(d.property());
                if (d.value() == null) {
                    unsets.add(d.property());
                } else {
                    d.addTo(set);
                }
            }
            if (itemChanges.isEmpty()) {
                continue;
            }
            if (itemChanges.size() > unsets.size()) {
                session.execute(set.build());
            }
            for (String property : unsets) {
                session.execute(RouterOsCommand.builder(menu.path() + "/unset")
                        .attribute(".id", id).attribute("value-name", property).build());
            }
            itemsChanged++;
            itemChanges.stream().filter(p -> !changed.contains(p)).forEach(changed::add);
        }
        return itemsChanged == 0 ? OperationResult.unchanged() : OperationResult.updated(itemsChanged, changed);
    }

    private OperationResult setDisabled(Menu menu, String name, boolean disabled) throws RouterOsException {
        List<Map<String, String>> items = find(menu, name, "disabled");
        if (items.isEmpty()) {
            if (disabled) {
                return OperationResult.unchanged();
            }
            throw notFound(menu, name, "cannot enable it");
        }
        int changed = 0;
        for (Map<String, String> item : items) {
            if (isDisabled(menu, item) == disabled) {
                continue;
            }
            try {
                session.execute(RouterOsCommand.builder(menu.path() + "/set")
                        .attribute(".id", requiredId(menu, item)).attribute("disabled", disabled ? "yes" : "no").build());
                changed++;
            } catch (RouterOsTrapException e) {
                if (!isNoSuchItem(e)) {
                    throw e;
                }
                if (!disabled) {
                    throw notFound(menu, name, "it was removed while being enabled");
                }
                // Removed meanwhile: a user that does not exist cannot log in either.
            }
        }
        return changed == 0 ? OperationResult.unchanged() : OperationResult.updated(changed, List.of("disabled"));
    }

    private OperationResult remove(Menu menu, String name) throws RouterOsException {
        int removed = 0;
        for (Map<String, String> item : find(menu, name)) {
            if (removeById(menu.path(), requiredId(menu, item))) {
                removed++;
            }
        }
        return OperationResult.removed(removed);
    }

    private OperationResult kick(String activePath, String userProperty, String user, boolean userIsSecret)
            throws RouterOsException {
        RouterOsCommand.Builder print = RouterOsCommand.builder(activePath + "/print").properties(".id");
        if (userIsSecret) {
            print.sensitiveWhere(userProperty, user);
        } else {
            print.where(userProperty, user);
        }
        int removed = 0;
        for (Map<String, String> activeSession : session.execute(print.build())) {
            String id = activeSession.get(".id");
            if (id == null) {
                throw new RouterOsProtocolException("router " + session.routerId() + ": " + activePath
                        + "/print returned a session without .id");
            }
            if (removeById(activePath, id)) {
                removed++;
            }
        }
        return OperationResult.removed(removed);
    }

    /** Removes one item; false if it was already gone ("no such item"). */
    private boolean removeById(String menuPath, String id) throws RouterOsException {
        try {
            session.execute(RouterOsCommand.builder(menuPath + "/remove").attribute(".id", id).build());
            return true;
        } catch (RouterOsTrapException e) {
            if (isNoSuchItem(e)) {
                return false;
            }
            throw e;
        }
    }

    /** The items named {@code name}, with {@code .id}, {@code name} and {@code properties}. */
    private List<Map<String, String>> find(Menu menu, String name, String... properties) throws RouterOsException {
        RouterOsCommand.Builder print = RouterOsCommand.builder(menu.path() + "/print").properties(".id", "name")
                .properties(properties);
        if (menu.namesAreSecret()) {
            print.sensitiveWhere("name", name);
        } else {
            print.where("name", name);
        }
        List<Map<String, String>> rows = session.execute(print.build());
        // A router that ignored the query must not make us change other items.
        return rows.stream().filter(row -> name.equals(row.get("name"))).toList();
    }

    private static void nameAttribute(RouterOsCommand.Builder command, Menu menu, String name) {
        if (menu.namesAreSecret()) {
            command.sensitiveAttribute("name", name);
        } else {
            command.attribute("name", name);
        }
    }

    private String requiredId(Menu menu, Map<String, String> item) throws RouterOsProtocolException {
        String id = item.get(".id");
        if (id == null || id.isEmpty()) {
            throw new RouterOsProtocolException("router " + session.routerId() + ": " + menu.path()
                    + "/print returned an item without .id");
        }
        return id;
    }

    private boolean isDisabled(Menu menu, Map<String, String> item) throws RouterOsProtocolException {
        String value = item.get("disabled");
        if (value == null) {
            return false;
        }
        try {
            return RouterOsFormats.parseBoolean(value);
        } catch (IllegalArgumentException e) {
            throw new RouterOsProtocolException("router " + session.routerId() + ": " + menu.path()
                    + " item " + item.get(".id") + ": " + e.getMessage(), e);
        }
    }

    private Map<String, long[]> dynamicInterfaceCounters() throws RouterOsException {
        List<Map<String, String>> rows = session.execute(RouterOsCommand.builder("/interface/print")
                .properties("name", "rx-byte", "tx-byte").where("dynamic", "true").build());
        Map<String, long[]> counters = new HashMap<>();
        for (Map<String, String> row : rows) {
            RowReader read = new RowReader("/interface/print", row);
            String name = row.get("name");
            if (name != null && row.containsKey("rx-byte") && row.containsKey("tx-byte")) {
                counters.put(name, new long[] {read.count("rx-byte"), read.count("tx-byte")});
            }
        }
        return counters;
    }

    private RouterObjectNotFoundException notFound(Menu menu, String name, String consequence) {
        String shown = menu.namesAreSecret() ? LogSafe.maskCode(name) : name;
        return new RouterObjectNotFoundException("router " + session.routerId() + ": " + menu.description() + " '"
                + shown + "' does not exist; " + consequence);
    }

    /** "failure: already have user with this name for this server", "... with the same name already exists". */
    static boolean isAlreadyExists(RouterOsTrapException e) {
        String message = e.trapMessage().toLowerCase(Locale.ROOT);
        return message.contains("already have") || message.contains("already exists");
    }

    static boolean isNoSuchItem(RouterOsTrapException e) {
        return e.trapMessage().toLowerCase(Locale.ROOT).contains("no such item");
    }

    private record Menu(String path, String description, boolean namesAreSecret) {
    }

    /** Reads typed values from a row, failing with the router, menu, item and property named. */
    private final class RowReader {
        private final String path;
        private final Map<String, String> row;

        RowReader(String path, Map<String, String> row) {
            this.path = path;
            this.row = row;
        }

        String required(String property) throws RouterOsProtocolException {
            String value = row.get(property);
            if (value == null || value.isEmpty()) {
                throw problem(property, "is missing");
            }
            return value;
        }

        String optional(String property) {
            String value = row.get(property);
            return value == null ? "" : value;
        }

        Duration duration(String property) throws RouterOsProtocolException {
            String value = required(property);
            try {
                return RouterOsFormats.parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw problem(property, e.getMessage());
            }
        }

        long count(String property) throws RouterOsProtocolException {
            String value = required(property);
            try {
                return RouterOsFormats.parseCount(value);
            } catch (IllegalArgumentException e) {
                throw problem(property, e.getMessage());
            }
        }

        long bytes(String property) throws RouterOsProtocolException {
            String value = required(property);
            try {
                return RouterOsFormats.parseBytes(value);
            } catch (IllegalArgumentException e) {
                throw problem(property, e.getMessage());
            }
        }

        private RouterOsProtocolException problem(String property, String what) {
            String item = row.getOrDefault(".id", "?");
            return new RouterOsProtocolException("router " + session.routerId() + ": " + path + " item " + item
                    + ": " + property + " " + what);
        }
    }

    /**
     * One property an ensure wants, with how to compare it to what the router prints. A null value means
     * "not set" (no limit), which the router may print as absent, empty or zero.
     */
    private record Desired(String property, String value, Comparison comparison, boolean secret) {
        enum Comparison { TEXT, DURATION_LIMIT, BYTES_LIMIT, RATE_LIMIT, COUNT }

        static Desired text(String property, String value) {
            return new Desired(property, value, Comparison.TEXT, false);
        }

        static Desired secretText(String property, String value) {
            return new Desired(property, value, Comparison.TEXT, true);
        }

        static Desired durationLimit(String property, Duration limit) {
            return new Desired(property, limit == null ? null : RouterOsFormats.formatDuration(limit),
                    Comparison.DURATION_LIMIT, false);
        }

        static Desired bytesLimit(String property, OptionalLong limit) {
            return new Desired(property, limit.isPresent() ? Long.toString(limit.getAsLong()) : null,
                    Comparison.BYTES_LIMIT, false);
        }

        static Desired rateLimit(String property, RateLimit limit) {
            return new Desired(property, limit == null ? null : limit.toRouterOs(), Comparison.RATE_LIMIT, false);
        }

        static Desired count(String property, int count) {
            return new Desired(property, Integer.toString(count), Comparison.COUNT, false);
        }

        void addTo(RouterOsCommand.Builder command) {
            if (secret) {
                command.sensitiveAttribute(property, value);
            } else {
                command.attribute(property, value);
            }
        }

        /**
         * True if the router's printed {@code actual} (null: not printed) already is this value. A
         * password the router does not print (an API user without the "sensitive" policy) never
         * matches, so it is set every time: harmless, and the only way to be sure.
         */
        boolean isSatisfiedBy(String actual) {
            return switch (comparison) {
                case TEXT -> Objects.equals(value == null ? "" : value, actual == null ? "" : actual);
                case DURATION_LIMIT -> Objects.equals(durationOrNone(value), durationOrNone(actual));
                case BYTES_LIMIT -> Objects.equals(bytesOrNone(value), bytesOrNone(actual));
                case RATE_LIMIT -> Objects.equals(rateOrNone(value), rateOrNone(actual));
                case COUNT -> actual != null && actual.strip().equals(value);
            };
        }

        /** Null for "no limit" (absent, empty or zero); a value RouterOS prints oddly never matches a limit. */
        private static Object durationOrNone(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                Duration duration = RouterOsFormats.parseDuration(text);
                return duration.isZero() ? null : duration;
            } catch (IllegalArgumentException e) {
                return "unreadable:" + text;
            }
        }

        private static Object bytesOrNone(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                long bytes = RouterOsFormats.parseBytes(text);
                return bytes == 0 ? null : bytes;
            } catch (IllegalArgumentException e) {
                return "unreadable:" + text;
            }
        }

        private static Object rateOrNone(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return RateLimit.parse(text);
            } catch (ValidationException e) {
                // Burst settings or anything else not expressible as rx/tx: differs from what we want.
                return "unreadable:" + text;
            }
        }

        @Override
        public String toString() {
            return "Desired[" + property + "=" + (secret ? "****" : value) + "]";
        }
    }
}
