package com.wispbill.local.routeros;

import static com.wispbill.local.routeros.PropertySpec.oneOf;
import static com.wispbill.local.routeros.PropertySpec.optional;
import static com.wispbill.local.routeros.PropertySpec.readOnly;
import static com.wispbill.local.routeros.PropertySpec.required;
import static com.wispbill.local.routeros.PropertySpec.withDefault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Everything one simulated router knows: hotspot users, user profiles and active sessions, PPP
 * secrets, profiles and active connections, interfaces, system resource and identity, and a simulated
 * clock. API commands and the Java methods below work on the same state under one lock, so a test can
 * set up a router, let the code under test talk to it, and check the result without races.
 *
 * <p>Time only moves when a test calls {@link #advance}: sessions then gain uptime and traffic at the
 * given rates, limits ({@code limit-uptime}, {@code limit-bytes-total}) end hotspot sessions exactly
 * when they are reached, and everything printed is deterministic.
 *
 * <p>Java methods that take property maps use RouterOS property names and values
 * ({@code Map.of("name", "v-1234", "limit-uptime", "1h")}) and validate them like the API does; a
 * value RouterOS would refuse throws {@link IllegalArgumentException} with RouterOS's message. A name
 * that does not exist throws {@link NoSuchElementException}. Changes made here are not counted in
 * {@link SimulatorStats}: they stand for an operator using WinBox, not the API client under test.
 */
public final class RouterState {
    private static final long TOTAL_MEMORY = 256L * 1024 * 1024;
    private static final long BASE_USED_MEMORY = 40L * 1024 * 1024;
    private static final long MEMORY_PER_SESSION = 64L * 1024;
    private static final long DYNAMIC_INTERFACE_ID_BASE = 0xF00000L;
    /** A simple queue's {@code max-limit}: upload/download, each a number with an optional k, M or G. */
    private static final java.util.regex.Pattern RATE = java.util.regex.Pattern.compile("\\d+[kKMG]?/\\d+[kKMG]?");
    private static final Set<String> PPP_SERVICES = Set.of("any", "async", "l2tp", "ovpn", "pppoe", "pptp", "sstp");

    private final Object lock = new Object();
    private final Supplier<RouterOsVersion> version;
    private final String boardName;
    private final String initialIdentity;
    private final ConfigMenu hotspotUsers;
    private final ConfigMenu hotspotProfiles;
    private final ConfigMenu pppSecrets;
    private final ConfigMenu pppProfiles;
    private final ConfigMenu addressList;
    private final ConfigMenu simpleQueues;
    /** Address-list entries a login added through its profile's {@code address-list}, by session. */
    private final Map<String, Long> dynamicAddressEntries = new LinkedHashMap<>();
    private final Map<String, String> webProxy = new LinkedHashMap<>(Map.of("enabled", "false", "port", "8080"));
    private final Map<Long, ActiveHotspot> hotspotActive = new LinkedHashMap<>();
    private final Map<Long, ActivePpp> pppActive = new LinkedHashMap<>();
    private final Map<String, Menu> menus = new LinkedHashMap<>();
    private long nextHotspotSessionId = 1;
    private long nextPppSessionId = 1;
    private Duration uptime = Duration.ZERO;
    private String identity;
    private int cpuLoad = 3;
    private long wanRxBytes;
    private long wanTxBytes;

    /** A logged-in hotspot client. Guarded by {@link #lock}. */
    private static final class ActiveHotspot {
        final long id;
        final String user;
        final String address;
        final String macAddress;
        final String loginBy;
        /** The rate limit of the user's profile at login: RouterOS makes the session's dynamic queue from it. */
        String rateLimit;
        Duration uptime = Duration.ZERO;
        long bytesIn;
        long bytesOut;

        ActiveHotspot(long id, String user, String address, String macAddress, String loginBy) {
            this.id = id;
            this.user = user;
            this.address = address;
            this.macAddress = macAddress;
            this.loginBy = loginBy;
        }
    }

    /** A connected PPP client. Guarded by {@link #lock}. */
    private static final class ActivePpp {
        final long id;
        final String name;
        final String service;
        final String address;
        final String callerId;
        /** The rate limit of the secret's profile at connect time. */
        String rateLimit;
        Duration uptime = Duration.ZERO;
        long bytesIn;
        long bytesOut;

        ActivePpp(long id, String name, String service, String address, String callerId) {
            this.id = id;
            this.name = name;
            this.service = service;
            this.address = address;
            this.callerId = callerId;
        }
    }

    RouterState(String identity, String boardName, Supplier<RouterOsVersion> version) {
        this.initialIdentity = Objects.requireNonNull(identity, "identity");
        this.identity = identity;
        this.boardName = Objects.requireNonNull(boardName, "boardName");
        this.version = version;

        hotspotProfiles = new ConfigMenu(List.of(
            required("name", ValueKind.TEXT),
            optional("rate-limit", ValueKind.TEXT),
            withDefault("shared-users", ValueKind.SHARED_USERS, "1"),
            optional("session-timeout", ValueKind.DURATION),
            withDefault("idle-timeout", ValueKind.TEXT, "none"),
            withDefault("keepalive-timeout", ValueKind.DURATION, "2m"),
            withDefault("status-autorefresh", ValueKind.DURATION, "1m"),
            withDefault("add-mac-cookie", ValueKind.BOOLEAN, "true"),
            withDefault("mac-cookie-timeout", ValueKind.DURATION, "3d"),
            optional("address-list", ValueKind.TEXT)),
            item -> Map.of(), "failure: profile with the same name already exists");
        hotspotProfiles.addPermanent(0, Map.of("name", "default"));

        hotspotUsers = new ConfigMenu(List.of(
            withDefault("server", ValueKind.TEXT, "all"),
            required("name", ValueKind.TEXT),
            optional("password", ValueKind.TEXT),
            withDefault("profile", ValueKind.TEXT, "default"),
            optional("limit-uptime", ValueKind.DURATION),
            optional("limit-bytes-total", ValueKind.BYTES),
            readOnly("uptime", ValueKind.DURATION),
            readOnly("bytes-in", ValueKind.NUMBER),
            readOnly("bytes-out", ValueKind.NUMBER),
            readOnly("dynamic", ValueKind.BOOLEAN),
            withDefault("disabled", ValueKind.BOOLEAN, "false"),
            optional("comment", ValueKind.TEXT)),
            item -> Map.of(
                "uptime", ValueFormats.formatDuration(item.uptime),
                "bytes-in", Long.toString(item.bytesIn),
                "bytes-out", Long.toString(item.bytesOut),
                "dynamic", "false"),
            "failure: already have user with this name for this server")
            .constraint(values -> {
                if (hotspotProfiles.findByName(values.get("profile")) == null) {
                    throw ApiTrap.noMatchingValue("profile");
                }
            })
            .verb("reset-counters", items -> items.forEach(item -> {
                item.bytesIn = 0;
                item.bytesOut = 0;
                item.uptime = Duration.ZERO;
            }));
        hotspotProfiles.onRename((oldName, newName) -> renameReferences(hotspotUsers, oldName, newName));

        pppProfiles = new ConfigMenu(List.of(
            required("name", ValueKind.TEXT),
            optional("local-address", ValueKind.TEXT),
            optional("remote-address", ValueKind.TEXT),
            optional("rate-limit", ValueKind.TEXT),
            oneOf("only-one", "default", Set.of("default", "yes", "no")),
            optional("address-list", ValueKind.TEXT),
            optional("comment", ValueKind.TEXT)),
            item -> Map.of(), "failure: profile with the same name already exists");
        pppProfiles.addPermanent(0, Map.of("name", "default"));
        pppProfiles.addPermanent(0xFFFFFFFEL, Map.of("name", "default-encryption"));

        pppSecrets = new ConfigMenu(List.of(
            required("name", ValueKind.TEXT),
            oneOf("service", "any", PPP_SERVICES),
            optional("caller-id", ValueKind.TEXT),
            optional("password", ValueKind.TEXT),
            withDefault("profile", ValueKind.TEXT, "default"),
            optional("local-address", ValueKind.TEXT),
            optional("remote-address", ValueKind.TEXT),
            withDefault("disabled", ValueKind.BOOLEAN, "false"),
            optional("comment", ValueKind.TEXT)),
            item -> Map.of(), "failure: secret with the same name already exists")
            .constraint(values -> {
                if (pppProfiles.findByName(values.get("profile")) == null) {
                    throw ApiTrap.noMatchingValue("profile");
                }
            });
        pppProfiles.onRename((oldName, newName) -> renameReferences(pppSecrets, oldName, newName));

        addressList = new ConfigMenu(List.of(
            required("list", ValueKind.TEXT),
            required("address", ValueKind.TEXT),
            optional("timeout", ValueKind.DURATION),
            readOnly("dynamic", ValueKind.BOOLEAN),
            withDefault("disabled", ValueKind.BOOLEAN, "false"),
            optional("comment", ValueKind.TEXT)),
            item -> Map.of("dynamic", Boolean.toString(dynamicAddressEntries.containsValue(item.id))), "");
        simpleQueues = new ConfigMenu(List.of(
            required("name", ValueKind.TEXT),
            required("target", ValueKind.TEXT),
            withDefault("max-limit", ValueKind.TEXT, "0/0"),
            withDefault("disabled", ValueKind.BOOLEAN, "false"),
            optional("comment", ValueKind.TEXT)),
            item -> Map.of(), "failure: already have queue with such name")
            .constraint(values -> {
                if (!RATE.matcher(values.get("max-limit")).matches()) {
                    throw ApiTrap.invalidValue("max-limit");
                }
            });
        menus.put("/ip/firewall/address-list", addressList);
        menus.put("/queue/simple", simpleQueues);
        // Files on the router's storage, as a setup script writes them (/file add name=... contents=...); the hotspot
        // web server serves hotspot/<name> from here before the uploaded directory.
        menus.put("/file", new ConfigMenu(List.of(
            required("name", ValueKind.TEXT),
            optional("contents", ValueKind.TEXT)), item -> Map.of(), ""));
        menus.put("/ip/hotspot/walled-garden", new ConfigMenu(List.of(
            optional("dst-host", ValueKind.TEXT),
            optional("dst-port", ValueKind.TEXT),
            optional("path", ValueKind.TEXT),
            optional("server", ValueKind.TEXT),
            oneOf("action", "allow", Set.of("allow", "deny")),
            withDefault("disabled", ValueKind.BOOLEAN, "false"),
            optional("comment", ValueKind.TEXT)), item -> Map.of(), ""));
        menus.put("/ip/firewall/nat", new ConfigMenu(List.of(
            required("chain", ValueKind.TEXT),
            oneOf("action", "accept", Set.of("accept", "dst-nat", "redirect", "masquerade", "src-nat", "return",
                "passthrough")),
            optional("protocol", ValueKind.TEXT),
            optional("dst-port", ValueKind.TEXT),
            optional("src-address-list", ValueKind.TEXT),
            optional("dst-address-list", ValueKind.TEXT),
            optional("to-addresses", ValueKind.TEXT),
            optional("to-ports", ValueKind.TEXT),
            withDefault("disabled", ValueKind.BOOLEAN, "false"),
            optional("comment", ValueKind.TEXT)), item -> Map.of(), ""));
        menus.put("/ip/firewall/filter", new ConfigMenu(List.of(
            required("chain", ValueKind.TEXT),
            oneOf("action", "accept", Set.of("accept", "drop", "reject", "return", "passthrough")),
            optional("in-interface", ValueKind.TEXT),
            optional("src-address", ValueKind.TEXT),
            optional("protocol", ValueKind.TEXT),
            optional("dst-port", ValueKind.TEXT),
            optional("src-address-list", ValueKind.TEXT),
            optional("dst-address-list", ValueKind.TEXT),
            optional("reject-with", ValueKind.TEXT),
            withDefault("disabled", ValueKind.BOOLEAN, "false"),
            optional("comment", ValueKind.TEXT)), item -> Map.of(), ""));
        menus.put("/ip/proxy/access", new ConfigMenu(List.of(
            optional("src-address", ValueKind.TEXT),
            optional("dst-host", ValueKind.TEXT),
            oneOf("action", "allow", Set.of("allow", "deny", "redirect")),
            optional("redirect-to", ValueKind.TEXT),
            withDefault("disabled", ValueKind.BOOLEAN, "false"),
            optional("comment", ValueKind.TEXT)), item -> Map.of(), ""));
        menus.put("/ip/proxy", new ComputedMenu(() -> List.of(Map.copyOf(webProxy)), name -> ValueKind.TEXT,
            Map.of("set", this::setWebProxyCommand)));
        menus.put("/ip/hotspot/user", hotspotUsers);
        menus.put("/ip/hotspot/user/profile", hotspotProfiles);
        menus.put("/ip/hotspot/active", new ComputedMenu(this::hotspotActiveRows, RouterState::sessionKind,
            Map.of("remove", request -> removeSessions(request, hotspotActive, this::endHotspotSession))));
        menus.put("/ppp/secret", pppSecrets);
        menus.put("/ppp/profile", pppProfiles);
        menus.put("/ppp/active", new ComputedMenu(this::pppActiveRows, RouterState::sessionKind,
            Map.of("remove", request -> removeSessions(request, pppActive, this::endPppSession))));
        menus.put("/interface", new ComputedMenu(this::interfaceRows, RouterState::sessionKind, Map.of()));
        menus.put("/system/resource", new ComputedMenu(() -> List.of(resourceRow()), RouterState::sessionKind,
            Map.of()));
        menus.put("/system/identity", new ComputedMenu(() -> List.of(Map.of("name", identity)), name -> ValueKind.TEXT,
            Map.of("set", this::setIdentityCommand)));
    }

    // ---------------------------------------------------------------- API commands

    /** Runs one logged-in API command; failures come back as {@code !trap} results. */
    CommandResult execute(ApiRequest request, RouterOsVersion routerVersion) {
        synchronized (lock) {
            try {
                Menu menu = menus.get(request.menuPath());
                if (menu == null) {
                    throw new ApiTrap(isKnownPath(request.menuPath()) ? "no such command" : "no such command prefix");
                }
                return menu.execute(request.verb(), request, routerVersion);
            } catch (ApiTrap trap) {
                return CommandResult.trap(trap);
            }
        }
    }

    /** True if {@code path} is a menu or leads to one: its unknown commands are "no such command". */
    private boolean isKnownPath(String path) {
        if (path.isEmpty()) {
            return false;
        }
        for (String menu : menus.keySet()) {
            if (menu.equals(path) || menu.startsWith(path + "/") || path.startsWith(menu + "/")) {
                return true;
            }
        }
        return false;
    }

    private CommandResult setIdentityCommand(ApiRequest request) throws ApiTrap {
        for (String argument : request.attributes().keySet()) {
            if (!argument.equals("name")) {
                throw ApiTrap.unknownParameter();
            }
        }
        String name = request.attributes().get("name");
        if (name == null || name.isEmpty()) {
            throw ApiTrap.missingValue("name");
        }
        identity = name;
        return CommandResult.done();
    }

    private CommandResult setWebProxyCommand(ApiRequest request) throws ApiTrap {
        for (Map.Entry<String, String> argument : request.attributes().entrySet()) {
            switch (argument.getKey()) {
                case "enabled" -> webProxy.put("enabled", Boolean.toString(ValueFormats.parseBoolean(argument.getValue())));
                case "port" -> webProxy.put("port", argument.getValue());
                default -> throw ApiTrap.unknownParameter();
            }
        }
        return CommandResult.done();
    }

    private static <T> CommandResult removeSessions(ApiRequest request, Map<Long, T> sessions, SessionEnder<T> ender)
        throws ApiTrap {
        for (String argument : request.attributes().keySet()) {
            if (!argument.equals(".id") && !argument.equals("numbers")) {
                throw ApiTrap.unknownParameter();
            }
        }
        String selector = request.attributes().containsKey(".id")
            ? request.attributes().get(".id") : request.attributes().get("numbers");
        if (selector == null) {
            throw ApiTrap.missingValue(".id");
        }
        List<Long> ids = new ArrayList<>();
        for (String part : selector.split(",")) {
            long id = ValueFormats.parseId(part.trim());
            if (id < 0 || !sessions.containsKey(id)) {
                throw ApiTrap.noSuchItem();
            }
            ids.add(id);
        }
        for (long id : ids) {
            T session = sessions.remove(id);
            if (session != null) {
                ender.end(session);
            }
        }
        return CommandResult.done();
    }

    @FunctionalInterface
    private interface SessionEnder<T> {
        void end(T session);
    }

    private static ValueKind sessionKind(String property) {
        return switch (property) {
            case ".id" -> ValueKind.ID;
            case "uptime", "idle-time", "session-time-left", "keepalive-timeout" -> ValueKind.DURATION;
            case "bytes-in", "bytes-out", "rx-byte", "tx-byte", "mtu", "free-memory", "total-memory", "cpu-count",
                 "cpu-load", "free-hdd-space", "total-hdd-space" -> ValueKind.NUMBER;
            case "radius", "running", "dynamic", "disabled" -> ValueKind.BOOLEAN;
            default -> ValueKind.TEXT;
        };
    }

    private List<Map<String, String>> hotspotActiveRows() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (ActiveHotspot session : hotspotActive.values()) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put(".id", ValueFormats.formatId(session.id));
            row.put("server", "hotspot1");
            row.put("user", session.user);
            row.put("address", session.address);
            row.put("mac-address", session.macAddress);
            row.put("login-by", session.loginBy);
            row.put("uptime", ValueFormats.formatDuration(session.uptime));
            row.put("idle-time", "0s");
            sessionTimeLeft(session).ifPresent(left -> row.put("session-time-left", ValueFormats.formatDuration(left)));
            row.put("keepalive-timeout", "2m");
            row.put("bytes-in", Long.toString(session.bytesIn));
            row.put("bytes-out", Long.toString(session.bytesOut));
            row.put("radius", "false");
            rows.add(row);
        }
        return rows;
    }

    private List<Map<String, String>> pppActiveRows() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (ActivePpp session : pppActive.values()) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put(".id", ValueFormats.formatId(session.id));
            row.put("name", session.name);
            row.put("service", session.service);
            row.put("caller-id", session.callerId);
            row.put("address", session.address);
            row.put("uptime", ValueFormats.formatDuration(session.uptime));
            row.put("session-id", String.format("0x81%06X", session.id));
            row.put("radius", "false");
            rows.add(row);
        }
        return rows;
    }

    private List<Map<String, String>> interfaceRows() {
        List<Map<String, String>> rows = new ArrayList<>();
        Map<String, String> wan = new LinkedHashMap<>();
        wan.put(".id", "*1");
        wan.put("name", "ether1");
        wan.put("type", "ether");
        wan.put("mtu", "1500");
        wan.put("rx-byte", Long.toString(wanRxBytes));
        wan.put("tx-byte", Long.toString(wanTxBytes));
        wan.put("running", "true");
        wan.put("disabled", "false");
        rows.add(wan);
        for (ActivePpp session : pppActive.values()) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put(".id", ValueFormats.formatId(DYNAMIC_INTERFACE_ID_BASE + session.id));
            row.put("name", "<" + session.service + "-" + session.name + ">");
            row.put("type", session.service + "-in");
            row.put("mtu", "1480");
            row.put("rx-byte", Long.toString(session.bytesIn));
            row.put("tx-byte", Long.toString(session.bytesOut));
            row.put("running", "true");
            row.put("dynamic", "true");
            row.put("disabled", "false");
            rows.add(row);
        }
        return rows;
    }

    private Map<String, String> resourceRow() {
        // A real router never reports less than nothing free, however many sessions a test crowds onto it.
        long used = Math.min(TOTAL_MEMORY, BASE_USED_MEMORY + MEMORY_PER_SESSION * (hotspotActive.size() + pppActive.size()));
        Map<String, String> row = new LinkedHashMap<>();
        row.put("uptime", ValueFormats.formatDuration(uptime));
        row.put("version", version.get().toString());
        row.put("free-memory", Long.toString(TOTAL_MEMORY - used));
        row.put("total-memory", Long.toString(TOTAL_MEMORY));
        row.put("cpu", "ARMv7");
        row.put("cpu-count", "4");
        row.put("cpu-load", Integer.toString(cpuLoad));
        row.put("free-hdd-space", Long.toString(8L * 1024 * 1024));
        row.put("total-hdd-space", Long.toString(16L * 1024 * 1024));
        row.put("architecture-name", "arm");
        row.put("board-name", boardName);
        row.put("platform", "MikroTik");
        return row;
    }

    private static void renameReferences(ConfigMenu menu, String oldName, String newName) {
        for (Item item : menu.items()) {
            if (oldName.equals(item.get("profile"))) {
                item.values.put("profile", newName);
            }
        }
    }

    // ---------------------------------------------------------------- hotspot: Java API

    /** All hotspot users, in print order. */
    public List<HotspotUser> hotspotUsers() {
        synchronized (lock) {
            return hotspotUsers.items().stream().map(RouterState::toHotspotUser).toList();
        }
    }

    public Optional<HotspotUser> hotspotUser(String name) {
        synchronized (lock) {
            return Optional.ofNullable(hotspotUsers.findByName(name)).map(RouterState::toHotspotUser);
        }
    }

    /** Adds a hotspot user as WinBox would; e.g. {@code Map.of("name", "v1", "password", "p", "profile", "1h")}. */
    public HotspotUser addHotspotUser(Map<String, String> properties) {
        synchronized (lock) {
            return toHotspotUser(javaApi(() -> hotspotUsers.add(properties)));
        }
    }

    /** Changes properties of the named hotspot user. */
    public HotspotUser setHotspotUser(String name, Map<String, String> changes) {
        synchronized (lock) {
            Item item = existing(hotspotUsers, name, "hotspot user");
            Map<String, String> attributes = new LinkedHashMap<>(changes);
            attributes.put(".id", item.idText());
            javaApi(() -> {
                hotspotUsers.set(attributes);
                return item;
            });
            return toHotspotUser(item);
        }
    }

    public void removeHotspotUser(String name) {
        synchronized (lock) {
            Item item = existing(hotspotUsers, name, "hotspot user");
            javaApi(() -> {
                hotspotUsers.remove(List.of(item));
                return item;
            });
        }
    }

    public List<HotspotUserProfile> hotspotUserProfiles() {
        synchronized (lock) {
            return hotspotProfiles.items().stream().map(RouterState::toHotspotProfile).toList();
        }
    }

    /** Adds a hotspot user profile; e.g. {@code Map.of("name", "1h", "rate-limit", "2M/5M", "shared-users", "1")}. */
    public HotspotUserProfile addHotspotUserProfile(Map<String, String> properties) {
        synchronized (lock) {
            return toHotspotProfile(javaApi(() -> hotspotProfiles.add(properties)));
        }
    }

    /** The active hotspot sessions ({@code /ip/hotspot/active}). */
    public List<HotspotSession> hotspotActive() {
        synchronized (lock) {
            return hotspotActive.values().stream().map(this::toHotspotSession).toList();
        }
    }

    /**
     * Logs a hotspot user in, as the hotspot login page would (login-by {@code http-chap}).
     *
     * @throws NoSuchElementException if there is no such user
     * @throws IllegalStateException if the user is disabled, has used up its {@code limit-uptime} or
     *     {@code limit-bytes-total}, or already has as many sessions as its profile's {@code shared-users}
     */
    public HotspotSession loginHotspotUser(String user, String address, String macAddress) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(macAddress, "macAddress");
        synchronized (lock) {
            Item item = existing(hotspotUsers, user, "hotspot user");
            if (item.disabled()) {
                throw new IllegalStateException("hotspot user " + user + " is disabled");
            }
            HotspotLoginError refusal = loginRefusal(item);
            if (refusal == HotspotLoginError.USER_SESSION_LIMIT) {
                throw new IllegalStateException("no more sessions are allowed for user " + user);
            }
            if (refusal != null) {
                throw new IllegalStateException("hotspot user " + user + " has reached its limit");
            }
            return startHotspotSession(user, address, macAddress, "http-chap");
        }
    }

    /**
     * A login through the hotspot's web page ({@link HotspotHttpServer}): the user exists, is enabled,
     * {@code passwordAccepted} accepts its password (PAP: equal; CHAP: the MD5 response matches), and it
     * is within its limits and its profile's {@code shared-users}; then the session starts, logged in by
     * {@code loginBy} ({@code http-pap} or {@code http-chap}). Checked and started under the state's lock.
     *
     * @throws HotspotLoginError.Refused with the RouterOS error of the first check that fails
     */
    HotspotSession loginHotspotUserByHttp(String user, Predicate<String> passwordAccepted, String address,
                                          String macAddress, String loginBy) throws HotspotLoginError.Refused {
        synchronized (lock) {
            Item item = hotspotUsers.findByName(user);
            if (item == null || item.disabled()
                    || !passwordAccepted.test(Objects.requireNonNullElse(item.get("password"), ""))) {
                throw HotspotLoginError.INVALID_USERNAME.refused();
            }
            HotspotLoginError refusal = loginRefusal(item);
            if (refusal != null) {
                throw refusal.refused();
            }
            return startHotspotSession(user, address, macAddress, loginBy);
        }
    }

    /** Why the enabled user cannot start another session now, or null if it can. Guarded by {@link #lock}. */
    private HotspotLoginError loginRefusal(Item item) {
        long uptimeLimit = limitUptimeMillis(item);
        if (uptimeLimit > 0 && item.uptime.toMillis() >= uptimeLimit) {
            return HotspotLoginError.UPTIME_LIMIT;
        }
        long bytesLimit = limitBytes(item);
        if (bytesLimit > 0 && item.bytesIn + item.bytesOut >= bytesLimit) {
            return HotspotLoginError.TRAFFIC_LIMIT;
        }
        String user = item.get("name");
        Item profile = hotspotProfiles.findByName(item.get("profile"));
        String sharedUsers = profile == null ? "1" : profile.get("shared-users");
        // Counted only when limited: a load test logs one unlimited user in tens of thousands of times.
        if (!"unlimited".equals(sharedUsers)
                && hotspotActive.values().stream().filter(s -> s.user.equals(user)).count() >= Long.parseLong(sharedUsers)) {
            return HotspotLoginError.USER_SESSION_LIMIT;
        }
        return null;
    }

    /** Guarded by {@link #lock}. */
    private HotspotSession startHotspotSession(String user, String address, String macAddress, String loginBy) {
        ActiveHotspot session = new ActiveHotspot(nextHotspotSessionId++, user, address, macAddress, loginBy);
        hotspotActive.put(session.id, session);
        Item profile = hotspotProfiles.findByName(hotspotUsers.findByName(user).get("profile"));
        session.rateLimit = profile == null ? null : profile.get("rate-limit");
        addDynamicAddress("hotspot" + session.id, profile, address);
        return toHotspotSession(session);
    }

    /** Ends every session of the user, as a logout or a kick does; the user's totals grow by the sessions' usage. */
    public void logoutHotspotUser(String user) {
        synchronized (lock) {
            List<ActiveHotspot> ended = hotspotActive.values().stream().filter(s -> s.user.equals(user)).toList();
            if (ended.isEmpty()) {
                throw new NoSuchElementException("hotspot user " + user + " has no active session");
            }
            ended.forEach(session -> {
                hotspotActive.remove(session.id);
                endHotspotSession(session);
            });
        }
    }

    /**
     * Adds traffic to the user's (first) active session without moving the clock. A session that
     * reaches the user's {@code limit-bytes-total} ends.
     *
     * @param bytesIn from the client (upload)
     * @param bytesOut to the client (download)
     * @return the session after the traffic, which may have ended
     */
    public HotspotSession addHotspotTraffic(String user, long bytesIn, long bytesOut) {
        requireNonNegative(bytesIn, bytesOut);
        synchronized (lock) {
            ActiveHotspot session = hotspotActive.values().stream().filter(s -> s.user.equals(user)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("hotspot user " + user + " has no active session"));
            session.bytesIn += bytesIn;
            session.bytesOut += bytesOut;
            countWanTraffic(bytesIn, bytesOut);
            HotspotSession snapshot = toHotspotSession(session);
            Item item = hotspotUsers.findByName(user);
            if (item != null && limitReached(item, session.uptime, session.bytesIn + session.bytesOut)) {
                hotspotActive.remove(session.id);
                endHotspotSession(session);
            }
            return snapshot;
        }
    }

    // ---------------------------------------------------------------- PPP: Java API

    public List<PppSecret> pppSecrets() {
        synchronized (lock) {
            return pppSecrets.items().stream().map(RouterState::toPppSecret).toList();
        }
    }

    public Optional<PppSecret> pppSecret(String name) {
        synchronized (lock) {
            return Optional.ofNullable(pppSecrets.findByName(name)).map(RouterState::toPppSecret);
        }
    }

    /** Adds a PPP secret; e.g. {@code Map.of("name", "c-17", "password", "p", "service", "pppoe")}. */
    public PppSecret addPppSecret(Map<String, String> properties) {
        synchronized (lock) {
            return toPppSecret(javaApi(() -> pppSecrets.add(properties)));
        }
    }

    public PppSecret setPppSecret(String name, Map<String, String> changes) {
        synchronized (lock) {
            Item item = existing(pppSecrets, name, "PPP secret");
            Map<String, String> attributes = new LinkedHashMap<>(changes);
            attributes.put(".id", item.idText());
            javaApi(() -> {
                pppSecrets.set(attributes);
                return item;
            });
            return toPppSecret(item);
        }
    }

    public void removePppSecret(String name) {
        synchronized (lock) {
            Item item = existing(pppSecrets, name, "PPP secret");
            javaApi(() -> {
                pppSecrets.remove(List.of(item));
                return item;
            });
        }
    }

    public List<PppProfile> pppProfiles() {
        synchronized (lock) {
            return pppProfiles.items().stream().map(RouterState::toPppProfile).toList();
        }
    }

    /** Adds a PPP profile; e.g. {@code Map.of("name", "10M", "rate-limit", "10M/10M")}. */
    public PppProfile addPppProfile(Map<String, String> properties) {
        synchronized (lock) {
            return toPppProfile(javaApi(() -> pppProfiles.add(properties)));
        }
    }

    /** The active PPP connections ({@code /ppp/active}). */
    public List<PppSession> pppActive() {
        synchronized (lock) {
            return pppActive.values().stream().map(RouterState::toPppSession).toList();
        }
    }

    /**
     * Connects a PPP client with the named secret. The service is the secret's, or {@code pppoe} if the
     * secret allows any.
     *
     * @throws NoSuchElementException if there is no such secret
     * @throws IllegalStateException if the secret is disabled
     */
    public PppSession connectPpp(String name, String address, String callerId) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(callerId, "callerId");
        synchronized (lock) {
            Item secret = existing(pppSecrets, name, "PPP secret");
            if (secret.disabled()) {
                throw new IllegalStateException("PPP secret " + name + " is disabled");
            }
            String service = secret.get("service").equals("any") ? "pppoe" : secret.get("service");
            ActivePpp session = new ActivePpp(nextPppSessionId++, name, service, address, callerId);
            pppActive.put(session.id, session);
            Item profile = pppProfiles.findByName(secret.get("profile"));
            session.rateLimit = profile == null ? null : profile.get("rate-limit");
            addDynamicAddress("ppp" + session.id, profile, address);
            return toPppSession(session);
        }
    }

    /** Disconnects every PPP connection of the named secret. */
    public void disconnectPpp(String name) {
        synchronized (lock) {
            List<ActivePpp> ended = pppActive.values().stream().filter(session -> session.name.equals(name)).toList();
            if (ended.isEmpty()) {
                throw new NoSuchElementException("PPP secret " + name + " has no active connection");
            }
            ended.forEach(session -> {
                pppActive.remove(session.id);
                endPppSession(session);
            });
        }
    }

    /** Adds traffic to the named PPP connection without moving the clock. */
    public PppSession addPppTraffic(String name, long bytesIn, long bytesOut) {
        requireNonNegative(bytesIn, bytesOut);
        synchronized (lock) {
            ActivePpp session = pppActive.values().stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("PPP secret " + name + " has no active connection"));
            session.bytesIn += bytesIn;
            session.bytesOut += bytesOut;
            countWanTraffic(bytesIn, bytesOut);
            return toPppSession(session);
        }
    }

    // ---------------------------------------------------------------- clock and system

    /**
     * Moves the simulated clock: router uptime and every session's uptime grow by {@code elapsed}, and
     * every session moves traffic at the given rates. A hotspot session ends at the moment its user
     * reaches {@code limit-uptime} or {@code limit-bytes-total} (a zero limit means none), with the
     * usage up to that moment, as RouterOS logs the user out.
     *
     * @param bytesInPerSecond from each client (upload)
     * @param bytesOutPerSecond to each client (download)
     */
    public void advance(Duration elapsed, long bytesInPerSecond, long bytesOutPerSecond) {
        if (elapsed.isNegative()) {
            throw new IllegalArgumentException("time cannot go back: " + elapsed);
        }
        requireNonNegative(bytesInPerSecond, bytesOutPerSecond);
        synchronized (lock) {
            uptime = uptime.plus(elapsed);
            for (ActiveHotspot session : List.copyOf(hotspotActive.values())) {
                Item user = hotspotUsers.findByName(session.user);
                long millis = user == null ? elapsed.toMillis()
                    : millisUntilLimit(user, session, elapsed.toMillis(), bytesInPerSecond + bytesOutPerSecond);
                session.uptime = session.uptime.plusMillis(millis);
                long in = bytesFor(bytesInPerSecond, millis);
                long out = bytesFor(bytesOutPerSecond, millis);
                session.bytesIn += in;
                session.bytesOut += out;
                countWanTraffic(in, out);
                if (user != null && limitReached(user, session.uptime, session.bytesIn + session.bytesOut)) {
                    hotspotActive.remove(session.id);
                    endHotspotSession(session);
                }
            }
            for (ActivePpp session : pppActive.values()) {
                session.uptime = session.uptime.plus(elapsed);
                long in = bytesFor(bytesInPerSecond, elapsed.toMillis());
                long out = bytesFor(bytesOutPerSecond, elapsed.toMillis());
                session.bytesIn += in;
                session.bytesOut += out;
                countWanTraffic(in, out);
            }
        }
    }

    /** Router uptime on the simulated clock ({@code /system/resource} uptime). */
    public Duration uptime() {
        synchronized (lock) {
            return uptime;
        }
    }

    public String identity() {
        synchronized (lock) {
            return identity;
        }
    }

    public void setIdentity(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("identity cannot be empty");
        }
        synchronized (lock) {
            identity = name;
        }
    }

    /** The {@code cpu-load} {@code /system/resource} reports, 0 to 100. */
    public void setCpuLoad(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("cpu-load is a percentage: " + percent);
        }
        synchronized (lock) {
            cpuLoad = percent;
        }
    }

    /**
     * A reboot: every session ends (hotspot users keep the usage) and uptime starts again at zero.
     * Configuration stays.
     */
    public void reboot() {
        synchronized (lock) {
            List.copyOf(hotspotActive.values()).forEach(this::endHotspotSession);
            hotspotActive.clear();
            pppActive.clear();
            uptime = Duration.ZERO;
            wanRxBytes = 0;
            wanTxBytes = 0;
        }
    }

    /** Back to a fresh router: only built-in profiles, no users, secrets or sessions, clock at zero. */
    public void reset() {
        synchronized (lock) {
            hotspotActive.clear();
            pppActive.clear();
            menus.values().forEach(menu -> {
                if (menu instanceof ConfigMenu config) {
                    config.reset();
                }
            });
            dynamicAddressEntries.clear();
            webProxy.putAll(Map.of("enabled", "false", "port", "8080"));
            nextHotspotSessionId = 1;
            nextPppSessionId = 1;
            uptime = Duration.ZERO;
            identity = initialIdentity;
            cpuLoad = 3;
            wanRxBytes = 0;
            wanTxBytes = 0;
        }
    }

    // ---------------------------------------------------------------- firewall, queues, scripts

    /**
     * The rows {@code <menuPath>/print} would answer, e.g. {@code print("/ip/firewall/address-list")}: for
     * the firewall, queue, walled-garden and proxy menus that have no typed accessor.
     *
     * @throws NoSuchElementException if there is no such menu
     */
    public List<Map<String, String>> print(String menuPath) {
        synchronized (lock) {
            if (menuPath.equals("/ip/proxy")) {
                return List.of(Map.copyOf(webProxy));
            }
            if (!(menus.get(menuPath) instanceof ConfigMenu menu)) {
                throw new NoSuchElementException("no configuration menu " + menuPath);
            }
            return menu.rows();
        }
    }

    /**
     * The rate the user's (first) hotspot session gets now: the {@code max-limit} of an enabled simple
     * queue whose target is the session's address, else the rate limit of the profile it logged in with
     * (RouterOS makes the dynamic queue at login; a profile changed later applies from the next login).
     */
    public Optional<String> hotspotSessionRateLimit(String user) {
        synchronized (lock) {
            ActiveHotspot session = hotspotActive.values().stream().filter(s -> s.user.equals(user)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("hotspot user " + user + " has no active session"));
            return queueRateFor(session.address).or(() -> Optional.ofNullable(session.rateLimit));
        }
    }

    /** The rate of the user's (first) PPP connection now: a simple queue on its address, else its profile's. */
    public Optional<String> pppSessionRateLimit(String name) {
        synchronized (lock) {
            ActivePpp session = pppActive.values().stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("PPP secret " + name + " has no active connection"));
            return queueRateFor(session.address).or(() -> Optional.ofNullable(session.rateLimit));
        }
    }

    /** Guarded by {@link #lock}. */
    private Optional<String> queueRateFor(String address) {
        for (Item queue : simpleQueues.items()) {
            boolean targets = List.of(queue.get("target").split(",")).contains(address + "/32");
            if (targets && !queue.disabled()) {
                return Optional.of(queue.get("max-limit"));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code address} is in the firewall address list {@code list} (an enabled entry, static or
     * added by a login's profile).
     */
    public boolean inAddressList(String list, String address) {
        synchronized (lock) {
            return addressList.items().stream().anyMatch(item -> list.equals(item.get("list"))
                && address.equals(item.get("address")) && !item.disabled());
        }
    }

    /**
     * Runs a RouterOS script as pasted into the terminal ({@link ScriptRunner}: menu commands, {@code [find]}
     * selectors, {@code :do {} on-error={}}). Counted like the operator's own changes, not as API commands.
     *
     * @return the lines skipped because the simulator does not model their menu
     * @throws IllegalArgumentException if a line is not supported or the router refuses it
     */
    /** The contents of the router's file {@code name} (e.g. {@code hotspot/config.js}), if it has one. */
    public Optional<String> file(String name) {
        return print("/file").stream().filter(f -> name.equals(f.get("name"))).findFirst()
            .map(f -> f.getOrDefault("contents", ""));
    }

    public List<String> runScript(String script) {
        synchronized (lock) {
            return new ScriptRunner(menus::get, request -> execute(request, version.get())).run(script).skipped();
        }
    }

    // ---------------------------------------------------------------- internals

    /**
     * A login whose profile names an {@code address-list} puts its address in that list as a dynamic entry,
     * removed when the session ends, as RouterOS does. Guarded by {@link #lock}.
     */
    private void addDynamicAddress(String sessionKey, Item profile, String address) {
        String list = profile == null ? null : profile.get("address-list");
        if (list == null || list.isEmpty()) {
            return;
        }
        try {
            dynamicAddressEntries.put(sessionKey, addressList.add(Map.of("list", list, "address", address)).id);
        } catch (ApiTrap e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void removeDynamicAddress(String sessionKey) {
        Long id = dynamicAddressEntries.remove(sessionKey);
        if (id != null) {
            addressList.items().removeIf(item -> item.id == id);
        }
    }

    private void endHotspotSession(ActiveHotspot session) {
        removeDynamicAddress("hotspot" + session.id);
        Item user = hotspotUsers.findByName(session.user);
        if (user != null) {
            user.bytesIn += session.bytesIn;
            user.bytesOut += session.bytesOut;
            user.uptime = user.uptime.plus(session.uptime);
        }
    }

    private void endPppSession(ActivePpp session) {
        // PPP secrets keep no usage totals in RouterOS; the connection's interface disappears with it.
        removeDynamicAddress("ppp" + session.id);
    }

    private void countWanTraffic(long fromClients, long toClients) {
        wanTxBytes += fromClients;
        wanRxBytes += toClients;
    }

    /** How much of {@code stepMillis} the session may use before its user's limits end it. */
    private static long millisUntilLimit(Item user, ActiveHotspot session, long stepMillis, long bytesPerSecond) {
        long allowed = stepMillis;
        long uptimeLimit = limitUptimeMillis(user);
        if (uptimeLimit > 0) {
            long used = user.uptime.toMillis() + session.uptime.toMillis();
            allowed = Math.min(allowed, Math.max(0, uptimeLimit - used));
        }
        long bytesLimit = limitBytes(user);
        if (bytesLimit > 0 && bytesPerSecond > 0) {
            long used = user.bytesIn + user.bytesOut + session.bytesIn + session.bytesOut;
            long remaining = Math.max(0, bytesLimit - used);
            long millisToLimit = Math.ceilDiv(Math.multiplyExact(remaining, 1000L), bytesPerSecond);
            allowed = Math.min(allowed, millisToLimit);
        }
        return allowed;
    }

    private static boolean limitReached(Item user, Duration sessionUptime, long sessionBytes) {
        long uptimeLimit = limitUptimeMillis(user);
        if (uptimeLimit > 0 && user.uptime.toMillis() + sessionUptime.toMillis() >= uptimeLimit) {
            return true;
        }
        long bytesLimit = limitBytes(user);
        return bytesLimit > 0 && user.bytesIn + user.bytesOut + sessionBytes >= bytesLimit;
    }

    private static long limitUptimeMillis(Item user) {
        String limit = user.get("limit-uptime");
        return limit == null ? 0 : ValueFormats.parseDuration(limit).toMillis();
    }

    private static long limitBytes(Item user) {
        String limit = user.get("limit-bytes-total");
        return limit == null ? 0 : Long.parseLong(limit);
    }

    private Optional<Duration> sessionTimeLeft(ActiveHotspot session) {
        Item user = hotspotUsers.findByName(session.user);
        if (user == null || limitUptimeMillis(user) == 0) {
            return Optional.empty();
        }
        long left = limitUptimeMillis(user) - user.uptime.toMillis() - session.uptime.toMillis();
        return Optional.of(Duration.ofMillis(Math.max(0, left)));
    }

    private static long bytesFor(long bytesPerSecond, long millis) {
        return Math.multiplyExact(bytesPerSecond, millis) / 1000;
    }

    private static void requireNonNegative(long first, long second) {
        if (first < 0 || second < 0) {
            throw new IllegalArgumentException("traffic cannot be negative");
        }
    }

    private static Item existing(ConfigMenu menu, String name, String what) {
        Item item = menu.findByName(name);
        if (item == null) {
            throw new NoSuchElementException("no " + what + " named " + name);
        }
        return item;
    }

    @FunctionalInterface
    private interface TrapAction {
        Item run() throws ApiTrap;
    }

    private static Item javaApi(TrapAction action) {
        try {
            return action.run();
        } catch (ApiTrap trap) {
            throw new IllegalArgumentException(trap.getMessage());
        }
    }

    private static HotspotUser toHotspotUser(Item item) {
        return new HotspotUser(item.idText(), item.get("name"), Objects.requireNonNullElse(item.get("password"), ""),
            item.get("profile"), present(item, "limit-uptime").map(ValueFormats::parseDuration),
            item.get("limit-bytes-total") == null ? OptionalLong.empty()
                : OptionalLong.of(Long.parseLong(item.get("limit-bytes-total"))),
            present(item, "comment"), item.disabled(), item.bytesIn, item.bytesOut, item.uptime);
    }

    private static HotspotUserProfile toHotspotProfile(Item item) {
        String shared = item.get("shared-users");
        return new HotspotUserProfile(item.idText(), item.get("name"), present(item, "rate-limit"),
            "unlimited".equals(shared) ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(shared)));
    }

    private HotspotSession toHotspotSession(ActiveHotspot session) {
        return new HotspotSession(ValueFormats.formatId(session.id), session.user, session.address, session.macAddress,
            session.loginBy, session.uptime, session.bytesIn, session.bytesOut, sessionTimeLeft(session));
    }

    private static PppSecret toPppSecret(Item item) {
        return new PppSecret(item.idText(), item.get("name"), Objects.requireNonNullElse(item.get("password"), ""),
            item.get("service"), item.get("profile"), present(item, "remote-address"), present(item, "comment"),
            item.disabled(), present(item, "caller-id"));
    }

    private static PppProfile toPppProfile(Item item) {
        return new PppProfile(item.idText(), item.get("name"), present(item, "rate-limit"),
            present(item, "local-address"), present(item, "remote-address"));
    }

    private static PppSession toPppSession(ActivePpp session) {
        return new PppSession(ValueFormats.formatId(session.id), session.name, session.service, session.address,
            session.callerId, session.uptime, session.bytesIn, session.bytesOut);
    }

    private static Optional<String> present(Item item, String property) {
        return Optional.ofNullable(item.get(property));
    }
}
