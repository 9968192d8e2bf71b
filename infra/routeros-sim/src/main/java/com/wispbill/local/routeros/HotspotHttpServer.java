package com.wispbill.local.routeros;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * The web side of a simulated router's hotspot: serves the hotspot directory (the reseller's
 * {@code login.html} and whatever it loads) with the {@code $(...)} variables filled as RouterOS fills
 * them, and checks logins posted to {@code /login} against the router's hotspot users as RouterOS
 * does: PAP (the password as sent) and CHAP-MD5 (the password field carries
 * {@code hex(md5(chap-id + password + chap-challenge))}). A login that passes starts the session in
 * {@code /ip/hotspot/active}, where the router driver's poll reads it; a refused one serves the login
 * page again with RouterOS's message in {@code $(error)}.
 *
 * <p>Every browser is the one hotspot client this server simulates ({@link Builder#client}); the
 * router knows it by IP and MAC address as a real one does by the ARP entry.
 */
public final class HotspotHttpServer implements AutoCloseable {
    /** The server profile's {@code login-by} methods this simulator knows. */
    public enum LoginBy {
        HTTP_PAP("http-pap"), HTTP_CHAP("http-chap");

        private final String routerOsName;

        LoginBy(String routerOsName) {
            this.routerOsName = routerOsName;
        }

        public String routerOsName() {
            return routerOsName;
        }
    }

    private static final String STATUS_PAGE = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>hotspot status</title></head>
        <body><h1 id="status">$(if logged-in == yes)Welcome $(username)!$(else)You are not logged in$(endif)</h1>
        <p>IP address: $(ip)</p>$(if logged-in == yes)<p><a id="logout" href="$(link-logout)">log off</a></p>$(endif)</body></html>
        """;
    private static final String LOGOUT_PAGE = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>hotspot logout</title></head>
        <body><h1 id="logged-out">you have just logged off</h1><p><a href="$(link-login)">log on</a></p></body></html>
        """;
    private static final Map<String, String> CONTENT_TYPES = Map.of(
        "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
        "json", "application/json", "txt", "text/plain; charset=utf-8", "png", "image/png", "svg", "image/svg+xml",
        "ico", "image/x-icon");

    private record Challenge(byte id, byte[] challenge) {
    }

    private final RouterState state;
    private final Path directory;
    private final Map<String, byte[]> files;
    private final Set<LoginBy> loginBy;
    private final String clientIp;
    private final String clientMac;
    private final SecureRandom random = new SecureRandom();
    private final Object challengeLock = new Object();
    private final HttpServer server;
    private final ExecutorService executor;
    /** The challenge of the page this client was last served; a login attempt uses it up. Guarded by challengeLock. */
    private Challenge challenge;

    private HotspotHttpServer(Builder b) throws IOException {
        this.state = b.router.state();
        this.directory = b.directory;
        this.files = Map.copyOf(b.files);
        this.loginBy = Set.copyOf(b.loginBy);
        this.clientIp = b.clientIp;
        this.clientMac = b.clientMac;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 0);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "hotspot-http-" + state.identity());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A hotspot for {@code router}'s state; set at least {@link Builder#directory} or {@link Builder#file}. */
    public static Builder builder(RouterOsSimulator router) {
        return new Builder(router);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUri() {
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    /** The login page, where a browser starts: {@code <base>/login}. */
    public URI loginUri() {
        return baseUri().resolve("/login");
    }

    public String clientIp() {
        return clientIp;
    }

    public String clientMac() {
        return clientMac;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------------------------ requests

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Map<String, String> params = new HashMap<>(query(exchange.getRequestURI().getRawQuery()));
            if ("POST".equals(method)) {
                try (InputStream body = exchange.getRequestBody()) {
                    params.putAll(query(new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8)));
                }
            } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed".getBytes(StandardCharsets.UTF_8));
                return;
            }
            switch (path) {
                case "/", "/login", "/login.html" -> login(exchange, params);
                case "/status", "/status.html" -> page(exchange, "status.html", STATUS_PAGE, variables(params, "", ""));
                case "/logout", "/logout.html" -> logout(exchange, params);
                default -> staticFile(exchange, path.substring(1), params);
            }
        }
    }

    private void login(HttpExchange exchange, Map<String, String> params) throws IOException {
        String username = params.get("username");
        if (username == null) {
            if (activeSession().isPresent()) {
                redirect(exchange, baseUri().resolve("/status").toString());
                return;
            }
            page(exchange, "login.html", null, variables(params, "", ""));
            return;
        }
        String password = params.getOrDefault("password", "");
        try {
            attempt(username, password);
            String dst = params.getOrDefault("dst", "");
            redirect(exchange, dst.isEmpty() ? baseUri().resolve("/status").toString() : dst);
        } catch (HotspotLoginError.Refused refused) {
            page(exchange, "login.html", null, variables(params, username, refused.error().message(username)));
        }
    }

    /** Checks the login as RouterOS does and starts the session. */
    private void attempt(String username, String password) throws HotspotLoginError.Refused {
        Challenge used = takeChallenge();
        boolean chapResponse = loginBy.contains(LoginBy.HTTP_CHAP) && used != null && password.matches("[0-9a-f]{32}");
        boolean pap = loginBy.contains(LoginBy.HTTP_PAP);
        if (!chapResponse && !pap) {
            throw HotspotLoginError.CHAP_MISSING.refused();
        }
        Predicate<String> accepted = real -> (chapResponse && chapResponse(used, real).equals(password))
            || (pap && real.equals(password));
        state.loginHotspotUserByHttp(username, accepted, clientIp, clientMac,
            (chapResponse ? LoginBy.HTTP_CHAP : LoginBy.HTTP_PAP).routerOsName());
    }

    private void logout(HttpExchange exchange, Map<String, String> params) throws IOException {
        activeSession().ifPresent(session -> state.logoutHotspotUser(session.user()));
        page(exchange, "logout.html", LOGOUT_PAGE, variables(params, "", ""));
    }

    private void staticFile(HttpExchange exchange, String name, Map<String, String> params) throws IOException {
        Optional<byte[]> content = read(name);
        if (content.isEmpty()) {
            send(exchange, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (name.endsWith(".html")) {
            page(exchange, name, null, variables(params, "", ""));
            return;
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        send(exchange, 200, CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"), content.get());
    }

    /** Serves the directory's {@code name} (or {@code fallback} if it has none) with the variables filled. */
    private void page(HttpExchange exchange, String name, String fallback, Map<String, String> variables) throws IOException {
        Optional<String> page = read(name).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
        if (page.isEmpty() && fallback == null) {
            send(exchange, 404, "text/plain; charset=utf-8", (name + " is missing from the hotspot directory")
                .getBytes(StandardCharsets.UTF_8));
            return;
        }
        String html = HotspotPageTemplate.render(page.orElse(fallback), variables);
        send(exchange, 200, CONTENT_TYPES.get("html"), html.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<byte[]> read(String name) throws IOException {
        if (files.containsKey(name)) {
            return Optional.of(files.get(name));
        }
        // Written on the router (a setup script's config.js): RouterOS serves the hotspot directory from its storage.
        Optional<String> onRouter = name.isEmpty() ? Optional.empty() : state.file("hotspot/" + name);
        if (onRouter.isPresent()) {
            return Optional.of(onRouter.get().getBytes(StandardCharsets.UTF_8));
        }
        if (directory == null || name.isEmpty()) {
            return Optional.empty();
        }
        Path file = directory.resolve(name).normalize();
        if (!file.startsWith(directory) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(Files.readAllBytes(file));
    }

    /** The variables RouterOS gives hotspot pages (the subset a login page uses), for this client now. */
    private Map<String, String> variables(Map<String, String> params, String username, String error) {
        String base = baseUri().toString();
        String orig = params.getOrDefault("dst", "");
        Map<String, String> v = new LinkedHashMap<>();
        v.put("hostname", baseUri().getAuthority());
        v.put("identity", state.identity());
        v.put("server-name", "hotspot1");
        v.put("ip", clientIp);
        v.put("mac", clientMac);
        v.put("mac-esc", clientMac.replace(":", "%3A"));
        v.put("link-login-only", base + "/login");
        v.put("link-login", base + "/login" + (orig.isEmpty() ? "" : "?dst=" + encode(orig)));
        v.put("link-logout", base + "/logout");
        v.put("link-status", base + "/status");
        v.put("link-orig", orig);
        v.put("link-orig-esc", encode(orig));
        v.put("link-redirect", orig);
        v.put("error", error);
        v.put("error-orig", error);
        v.put("username", username);
        if (loginBy.contains(LoginBy.HTTP_CHAP)) {
            Challenge c = currentChallenge();
            v.put("chap-id", octal(new byte[] {c.id()}));
            v.put("chap-challenge", octal(c.challenge()));
        }
        activeSession().ifPresent(session -> {
            v.put("logged-in", "yes");
            v.put("username", session.user());
            v.put("login-by", session.loginBy());
        });
        v.putIfAbsent("logged-in", "no");
        return v;
    }

    private Optional<HotspotSession> activeSession() {
        return state.hotspotActive().stream().filter(s -> s.address().equals(clientIp)).findFirst();
    }

    private Challenge currentChallenge() {
        synchronized (challengeLock) {
            if (challenge == null) {
                byte[] bytes = new byte[17];
                random.nextBytes(bytes);
                challenge = new Challenge(bytes[0], Arrays.copyOfRange(bytes, 1, 17));
            }
            return challenge;
        }
    }

    private Challenge takeChallenge() {
        synchronized (challengeLock) {
            Challenge c = challenge;
            challenge = null;
            return c;
        }
    }

    /** hex(md5(chap-id + password + chap-challenge)), the response a CHAP login page sends as password. */
    static String chapResponse(Challenge c, String password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(c.id());
            md5.update(password.getBytes(StandardCharsets.UTF_8));
            md5.update(c.challenge());
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bytes as RouterOS writes them into pages: {@code \ooo} octal escapes, read by the page's JavaScript. */
    private static String octal(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 4);
        for (byte b : bytes) {
            String digits = Integer.toOctalString(b & 0xff);
            out.append('\\').append("0".repeat(3 - digits.length())).append(digits);
        }
        return out.toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
    }

    public static final class Builder {
        private final RouterOsSimulator router;
        private Path directory;
        private final Map<String, byte[]> files = new HashMap<>();
        private final Set<LoginBy> loginBy = EnumSet.of(LoginBy.HTTP_CHAP, LoginBy.HTTP_PAP);
        private String clientIp = "10.5.50.10";
        private String clientMac = "02:00:00:00:50:10";
        private int port;

        private Builder(RouterOsSimulator router) {
            this.router = Objects.requireNonNull(router, "router");
        }

        /** The hotspot directory uploaded to the router, e.g. the repository's {@code hotspot/}. */
        public Builder directory(Path value) {
            this.directory = value.toAbsolutePath().normalize();
            return this;
        }

        /** One file served instead of (or besides) the directory's, e.g. a local {@code config.js}. */
        public Builder file(String name, String content) {
            files.put(name, content.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** The server profile's {@code login-by}: PAP, CHAP or both (default both; RouterOS's own default is CHAP with cookies). */
        public Builder loginBy(LoginBy first, LoginBy... more) {
            loginBy.clear();
            loginBy.add(first);
            loginBy.addAll(List.of(more));
            return this;
        }

        /** The simulated client's address and MAC (default 10.5.50.10, 02:00:00:00:50:10). */
        public Builder client(String ip, String mac) {
            this.clientIp = Objects.requireNonNull(ip, "ip");
            this.clientMac = Objects.requireNonNull(mac, "mac");
            return this;
        }

        /** The HTTP port on 127.0.0.1 (default 0: any free port). */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public HotspotHttpServer start() throws IOException {
            if (directory == null && !files.containsKey("login.html")) {
                throw new IllegalStateException("a hotspot needs a directory or a login.html");
            }
            return new HotspotHttpServer(this);
        }
    }
}
