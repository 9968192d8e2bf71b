package com.wispbill.local;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.logging.JsonLogProvider;
import com.wispbill.adapters.metrics.EmfMetricLines;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.local.demo.Demo;
import com.wispbill.local.demo.DemoContext;
import com.wispbill.local.demo.DemoStep;
import com.wispbill.local.providers.ProviderSimulator;
import com.wispbill.local.routeros.HotspotHttpServer;
import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.local.routeros.RouterOsVersion;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.payment.SimulatedMerchants;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code ./dev run}: the whole system in this JVM on 127.0.0.1. The embedded stack from
 * template.yaml with every function wired as the template says (the real handlers through their
 * no-arg constructors, SQS pollers, schedules on), simulated MikroTik routers running in real time
 * with hotspot traffic, the payment provider stand-ins, and the demo ({@link Demo#steps()}: a
 * reseller with its keys, plans, the routers, a purchase, a voucher used and expired, a voucher
 * batch). Ctrl-C stops everything; {@code --exit-after-start} stops right after the demo (for tests
 * and CI).
 */
public final class LocalRun implements AutoCloseable {
    private static final String USAGE = """
        usage: ./dev run [--routers N] [--ports BASE] [--keys FILE] [--exit-after-start] [--verbose]
          --routers            simulated routers (1-5, default 3)
          --ports              the first of the ten ports the run listens on (default 4566, or
                               WISPBILL_LOCAL_PORTS): AWS endpoint, API, hotspot page, provider stand-ins,
                               routers, console; 0 for ports the system picks
          --keys               where the demo API keys are kept across runs (default
                               .wispbill-local/demo-keys.properties; none: new keys every run)
          --exit-after-start   start, run the demo, print, then stop (no Ctrl-C needed)
          --verbose            also print the functions' logs and metrics and the stack's routine messages
        """;
    /** Where {@code ./dev run}'s ports start unless told: LocalStack's edge port, so AWS tools find it there. */
    static final int DEFAULT_PORTS = 4566;
    static final Path DEFAULT_KEY_FILE = Path.of(".wispbill-local", "demo-keys.properties");
    /** Offsets from the first port; routers follow the stand-ins, at most 5 of them. */
    private static final int EDGE = 0;
    private static final int HTTP_API = 1;
    private static final int HOTSPOT_PAGE = 2;
    private static final int PROVIDERS = 3;
    private static final int FIRST_ROUTER = 4;
    /** After the at most 5 routers (offsets 4-8). */
    private static final int CONSOLE = 9;
    /** The template's response headers policy of the console's distribution, whose headers the local console sends. */
    static final String CONSOLE_HEADERS_POLICY = "ConsoleResponseHeadersPolicy";
    private static final int PORTS_USED = 10;
    /** What each simulated hotspot session moves per second, in/out from the router's side. */
    private static final long TRAFFIC_IN_BYTES_PER_SECOND = 20_000;
    private static final long TRAFFIC_OUT_BYTES_PER_SECOND = 250_000;
    private static final int SESSIONS_PER_ROUTER = 2;

    /**
     * @param ports   the first of {@value #PORTS_USED} fixed ports, or 0 for ephemeral ones (tests)
     * @param keyFile where the demo keys are kept across runs; empty: new keys every run (tests)
     */
    record Options(int routers, boolean exitAfterStart, boolean verbose, int ports, Optional<Path> keyFile) {
        Options(int routers, boolean exitAfterStart, boolean verbose) {
            this(routers, exitAfterStart, verbose, 0, Optional.empty());
        }

        /** What {@code ./dev run} starts with: fixed ports and kept keys unless {@code args} say otherwise. */
        static Options console(String... args) {
            List<String> all = new ArrayList<>(List.of("--ports", Integer.toString(DEFAULT_PORTS),
                    "--keys", DEFAULT_KEY_FILE.toString()));
            all.addAll(List.of(args));
            return parse(all.toArray(String[]::new));
        }

        /** Ephemeral ports and new keys unless {@code args} say otherwise. */
        static Options parse(String... args) {
            int routers = 3;
            boolean exitAfterStart = false;
            boolean verbose = false;
            int ports = 0;
            Optional<Path> keyFile = Optional.empty();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--exit-after-start" -> exitAfterStart = true;
                    case "--verbose" -> verbose = true;
                    case "--ports" -> {
                        ports = number(args, ++i, "--ports");
                        if (ports != 0 && (ports < 1024 || ports > 65535 - PORTS_USED)) {
                            throw new IllegalArgumentException("--ports must be 0 or between 1024 and "
                                    + (65535 - PORTS_USED) + ", got " + ports);
                        }
                    }
                    case "--keys" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("--keys needs a file name, or none");
                        }
                        String file = args[++i];
                        keyFile = "none".equals(file) ? Optional.empty() : Optional.of(Path.of(file));
                    }
                    case "--routers" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("--routers needs a number");
                        }
                        try {
                            routers = Integer.parseInt(args[++i]);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--routers needs a number, got " + args[i]);
                        }
                        if (routers < 1 || routers > 5) {
                            throw new IllegalArgumentException("--routers must be between 1 and 5, got " + routers);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(routers, exitAfterStart, verbose, ports, keyFile);
        }

        private static int number(String[] args, int at, String option) {
            if (at >= args.length) {
                throw new IllegalArgumentException(option + " needs a number");
            }
            try {
                return Integer.parseInt(args[at]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number, got " + args[at]);
            }
        }

        /** The port at {@code offset} from the first, or 0 (ephemeral) when the ports are not fixed. */
        int port(int offset) {
            return ports == 0 ? 0 : ports + offset;
        }
    }

    private final List<RouterOsSimulator> routers = new ArrayList<>();
    private ScheduledExecutorService routerClock;
    private LocalHub hub;
    private ProviderSimulator providers;
    private DemoContext demo;
    private EmbeddedStack stack;
    private DynamoDbClient dynamoDb;
    private SecretsManagerClient secrets;
    private Duration startupTime;
    private HotspotHttpServer hotspot;
    private ConsoleHttpServer console;
    private int consolePort;
    private Options options;

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.console(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        run(options, System.out);
    }

    /**
     * Starts, prints, then either returns at once after stopping ({@code exitAfterStart}) or waits
     * for Ctrl-C. Returns the ports that were listening while it ran (all closed on return).
     */
    static List<Integer> run(Options options, PrintStream out) throws Exception {
        LocalRun run = start(options, out);
        List<Integer> ports = run.listeningPorts();
        if (options.exitAfterStart()) {
            run.close();
            out.println("Stopped (--exit-after-start).");
            return ports;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\nStopping...");
            run.close();
            out.println("Stopped: all ports closed.");
            stopped.countDown();
        }, "wispbill-local-shutdown"));
        stopped.await();
        return ports;
    }

    /**
     * Starts the whole system in this JVM as {@code ./dev run ARGS} does, but on ports the system picks,
     * with new keys and the demo fast-forwarded, printing to {@code out} (for the benchmarks);
     * {@link #close()} stops it all.
     */
    public static LocalRun startInProcess(PrintStream out, String... args) throws Exception {
        return start(Options.parse(args), out, true);
    }

    /** Starts everything and runs the demo; {@link #close()} stops it all. */
    static LocalRun start(Options options, PrintStream out) throws Exception {
        return start(options, out, false);
    }

    /**
     * As {@link #start(Options, PrintStream)}; with {@code fastForward} the demo moves the simulated
     * routers' clocks ahead and fires the schedules itself instead of waiting minutes in real time
     * (for tests).
     */
    static LocalRun start(Options options, PrintStream out, boolean fastForward) throws Exception {
        long started = System.nanoTime();
        configureConsole(options.verbose());
        LocalRun run = new LocalRun();
        try {
            run.options = options;
            run.startRouters(options);
            // The stand-ins must be up before the stack: their URLs are part of the functions' environment.
            // Checkouts on the stand-in's own pages, so a person can pay by card on the hotspot page locally.
            run.providers = ProviderSimulator.start(Clock.systemUTC(), options.port(PROVIDERS)).localCheckoutPages(true);
            int apiPort = options.ports() == 0 ? freePort() : options.port(HTTP_API);
            run.consolePort = options.ports() == 0 ? freePort() : options.port(CONSOLE);
            EmbeddedStack.Options stackOptions = EmbeddedStack.options()
                    // Functions whose handler class is not written yet are listed as NOT WIRED.
                    .skipFunctionsWithoutHandlerClass()
                    .schedulesEnabled(true)
                    // Fixed so the providers' callbacks can be pointed at it before the stack starts.
                    .httpApiPort(apiPort)
                    .parameter("PaymentCallbackBaseUrl", "http://127.0.0.1:" + apiPort)
                    // The console's CSP lets it call the reseller API: here on the same local port as the public API.
                    .parameter("ResellerApiOrigin", "http://127.0.0.1:" + apiPort)
                    // The API's CORS allows the console served here in place of its CloudFront distribution.
                    .consoleOrigin("http://127.0.0.1:" + run.consolePort)
                    // Routers registered without a host are reached through the hub: here, the spare router.
                    .handler("RouterDriverFunction", run.hub.routerDriver())
                    .handler("PollWorkerFunction", run.hub.pollWorker());
            if (options.ports() != 0) {
                stackOptions.edgePort(options.port(EDGE));
            }
            SimulatedMerchants.environmentFor(run.providers).forEach(stackOptions::environment);
            run.stack = options.verbose() ? EmbeddedStack.start(stackOptions) : withoutStandardOutput(() -> EmbeddedStack.start(stackOptions));
            run.hub.tunnelNetwork(run.stack.environment().get("ROUTER_TUNNEL_CIDR"));
            run.dynamoDb = AwsClients.newDynamoDbClient();
            run.secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
            run.startupTime = Duration.ofNanos(System.nanoTime() - started);
            run.printStarted(out);
            run.runDemo(out, fastForward);
            return run;
        } catch (Exception | Error e) {
            run.close();
            throw e;
        }
    }

    /**
     * The console shows what the run prints and the functions' errors; {@code --verbose} adds their
     * INFO lines and the stack's routine messages. The functions' log lines are plain text here
     * instead of JSON for CloudWatch (set before anything logs: the provider reads them once); so are
     * metric lines (EmfMetricLines, read when a function is wired), and only with {@code --verbose}.
     */
    private static void configureConsole(boolean verbose) {
        if (System.getProperty(JsonLogProvider.FORMAT_PROPERTY) == null) {
            System.setProperty(JsonLogProvider.FORMAT_PROPERTY, "text");
        }
        if (!verbose && System.getProperty(JsonLogProvider.LEVEL_PROPERTY) == null) {
            System.setProperty(JsonLogProvider.LEVEL_PROPERTY, "ERROR");
        }
        if (System.getProperty(EmfMetricLines.FORMAT_PROPERTY) == null) {
            System.setProperty(EmfMetricLines.FORMAT_PROPERTY, verbose ? "text" : "off");
        }
        System.setProperty(EmbeddedStack.QUIET_PROPERTY, String.valueOf(!verbose));
    }

    /** Runs {@code start} with standard output discarded: DynamoDB Local prints its configuration banner there. */
    private static <T> T withoutStandardOutput(java.util.concurrent.Callable<T> start) throws Exception {
        PrintStream original = System.out;
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return start.call();
        } finally {
            System.setOut(original);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    private void startRouters(Options options) throws IOException {
        for (int i = 1; i <= options.routers(); i++) {
            RouterOsSimulator router = RouterOsSimulator.builder().identity("demo-hotspot-" + i)
                    .version(i % 2 == 0 ? RouterOsVersion.V6_49 : RouterOsVersion.V7_19)
                    .credentials("wispbill", UUID.randomUUID().toString())
                    .port(options.port(FIRST_ROUTER + i - 1)).start();
            routers.add(router);
            router.state().addHotspotUserProfile(Map.of("name", "walk-in", "rate-limit", "1M/2M"));
            for (int s = 1; s <= SESSIONS_PER_ROUTER; s++) {
                String user = "walkin-" + i + "-" + s;
                router.addHotspotUserBehindBillingsBack(user, "pw-" + s, "walk-in");
                router.login(user, "10.5.50." + (10 * i + s), String.format("AA:BB:CC:00:%02X:%02X", i, s));
            }
        }
        hub = new LocalHub(RouterOsSimulator.builder().identity("spare-router").version(RouterOsVersion.V7_19)
                // On a port the system picks: it is reached through the hub, never at a port a person types.
                .credentials("wispbill", UUID.randomUUID().toString()).start());
        routerClock = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "wispbill-local-router-clock");
            thread.setDaemon(true);
            return thread;
        });
        routerClock.scheduleAtFixedRate(() -> routers.forEach(r -> r.advance(Duration.ofSeconds(1),
                TRAFFIC_IN_BYTES_PER_SECOND, TRAFFIC_OUT_BYTES_PER_SECOND)), 1, 1, TimeUnit.SECONDS);
    }

    private void printStarted(PrintStream out) {
        out.println();
        stack.printSummary(out);
        out.println("  Simulated routers (real time, " + SESSIONS_PER_ROUTER + " hotspot sessions each, "
                + TRAFFIC_IN_BYTES_PER_SECOND + "/" + TRAFFIC_OUT_BYTES_PER_SECOND + " B/s in/out per session)");
        for (RouterOsSimulator router : routers) {
            out.printf("    %s  RouterOS %s  api %s:%d%n", router.state().identity(), router.version(), router.host(), router.port());
        }
        RouterOsSimulator spare = hub.spare();
        out.printf("    %s  RouterOS %s  api %s:%d  not registered: onboard it in the console (no TLS, plain API allowed,"
                + " login %s / %s); it answers at every tunnel address%n", spare.state().identity(), spare.version(),
                spare.host(), spare.port(), spare.username(), spare.password());
        out.println();
    }

    private void runDemo(PrintStream out, boolean fastForward) throws Exception {
        TableNames tables = new TableNames(stack.resources().tableName("EntityTable"), stack.resources().tableName("UsageTable"));
        demo = new DemoContext(stack, dynamoDb, new DynamoStore(dynamoDb, tables, Clock.systemUTC()), secrets,
                routers, providers, Clock.systemUTC(), out, fastForward);
        Optional<Properties> kept = options.keyFile().flatMap(LocalRun::readKeys);
        kept.ifPresent(keys -> {
            Optional.ofNullable(keys.getProperty(DemoContext.API_KEY)).ifPresent(k -> demo.put(DemoContext.KEPT_API_KEY, k));
            Optional.ofNullable(keys.getProperty(DemoContext.OPERATOR_KEY)).ifPresent(k -> demo.put(DemoContext.KEPT_OPERATOR_KEY, k));
            Optional.ofNullable(keys.getProperty(DemoContext.OWNER_PASSWORD)).ifPresent(p -> demo.put(DemoContext.KEPT_OWNER_PASSWORD, p));
            Optional.ofNullable(keys.getProperty(DemoContext.CASHIER_PASSWORD)).ifPresent(p -> demo.put(DemoContext.KEPT_CASHIER_PASSWORD, p));
        });
        out.println("Demo");
        for (DemoStep step : Demo.steps()) {
            out.println("  " + step.title());
            step.run(demo);
        }
        options.keyFile().ifPresent(file -> writeKeys(file, demo));
        out.println();
        out.println("WISPbill is running locally (started in " + startupTime.toMillis() + " ms).");
        hotspot = startHotspot();
        console = ConsoleHttpServer.start(consolePort, LocalRun.class.getClassLoader(), ConsoleHttpServer.CLASSPATH_ROOT,
                stack.httpApiEndpoint().toString(), stack.cloudFrontSecurityHeaders(CONSOLE_HEADERS_POLICY));
        out.println("Open in a browser (a phone-sized window shows the pages as resellers and customers see them)");
        out.println("  Console         " + console.baseUri() + "#/link/" + ownerSignInLink()
                + "   (the reseller console, signed in as the demo owner: a one-time link, 15 minutes)");
        out.println("                  " + console.baseUri() + "   (sign in as " + DemoContext.OWNER_EMAIL + " or "
                + DemoContext.CASHIER_EMAIL + " with the password printed above)");
        out.println("  Hotspot page    " + hotspot.loginUri() + "   (" + routers.getFirst().state().identity()
                + "'s login page: buy a plan, or type a printed code)");
        out.println("  M-Pesa phone    " + providers.mpesaPhoneUrl() + "   (the customer's phone: Send pays, Cancel declines)");
        out.println("From a terminal");
        out.println("  API base URL    " + stack.httpApiEndpoint() + "/v1/   e.g. curl -H 'Authorization: Bearer "
                + demo.get(DemoContext.API_KEY, String.class) + "' " + stack.httpApiEndpoint() + "/v1/plans");
        out.println("  Hotspot portal  " + stack.httpApiEndpoint() + "/portal/" + demo.get(DemoContext.PORTAL_ID, String.class) + "/plans");
        out.println("  AWS endpoint    " + stack.endpoint() + "   (AWS_ENDPOINT_URL for the aws CLI or SDKs: any region, any credentials)");
        out.println("  Ports           " + (options.ports() == 0 ? "picked by the system (--ports 0)"
                : options.ports() + "-" + (options.ports() + PORTS_USED - 1) + ", the same every run (--ports N or WISPBILL_LOCAL_PORTS=N moves them)"));
        out.println("  Demo keys       " + options.keyFile().map(f -> "kept in " + f + " (the same every run; delete it for new ones)")
                .orElse("new every run (--keys none)"));
        out.println("  Stop            Ctrl-C (stops the functions, the stack and the routers; frees every port)");
        out.flush();
    }

    /**
     * A one-time sign-in link (15 minutes) for the demo reseller's owner, asked for as an owner would
     * ask: {@code POST /v1/staff/{staffId}/sign-in-links} with the demo key.
     */
    private String ownerSignInLink() throws IOException, InterruptedException {
        String staffId = demo.get(DemoContext.OWNER_STAFF_ID, String.class);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> link = http.send(HttpRequest.newBuilder(URI.create(stack.httpApiEndpoint() + "/v1/staff/"
                            + staffId + "/sign-in-links")).header("Authorization", "Bearer " + demo.get(DemoContext.API_KEY, String.class))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (link.statusCode() != 201) {
                throw new IllegalStateException("POST /v1/staff/" + staffId + "/sign-in-links answered " + link.statusCode() + ": " + link.body());
            }
            return Json.MAPPER.readTree(link.body()).path("linkToken").asText();
        }
    }

    /** The kept demo keys, if the file exists. */
    private static Optional<Properties> readKeys(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (var in = Files.newBufferedReader(file)) {
            Properties keys = new Properties();
            keys.load(in);
            return Optional.of(keys);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not read the demo keys from " + file, e);
        }
    }

    /** Keeps the demo keys and staff passwords for the next run (owner-only where the file system has POSIX permissions). */
    private static void writeKeys(Path file, DemoContext demo) {
        Properties keys = new Properties();
        for (String name : java.util.List.of(DemoContext.API_KEY, DemoContext.OPERATOR_KEY, DemoContext.OWNER_PASSWORD,
                DemoContext.CASHIER_PASSWORD)) {
            keys.setProperty(name, demo.get(name, String.class));
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (var writer = Files.newBufferedWriter(file)) {
                keys.store(writer, "WISPbill local run: demo API keys and staff passwords, valid only against ./dev run's in-memory stack");
            }
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions apply
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not keep the demo keys in " + file, e);
        }
    }

    /**
     * The repository's hotspot page as the first router serves it, buying through the demo's portal
     * (which sells for that router) on this run's HTTP API.
     */
    private HotspotHttpServer startHotspot() throws IOException {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isRegularFile(directory.resolve("hotspot/login.html"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("hotspot/login.html not found above " + Path.of("").toAbsolutePath());
        }
        String config = "var WISPBILL_API = \"" + stack.httpApiEndpoint() + "\";\n"
                + "var PORTAL_ID = \"" + demo.get(DemoContext.PORTAL_ID, String.class) + "\";\n"
                + "var WISPBILL_PAGE = { language: \"en\", name: \"WISPbill demo hotspot\", wifiName: \"WISPbill-Demo\" };\n";
        return HotspotHttpServer.builder(routers.getFirst()).directory(directory.resolve("hotspot")).file("config.js", config)
                .port(options.port(HOTSPOT_PAGE)).start();
    }

    /** Every port this run listens on: the stack's, each simulated router's and the provider stand-ins'. */
    List<Integer> listeningPorts() {
        List<Integer> ports = new ArrayList<>(stack.listeningPorts());
        routers.forEach(r -> ports.add(r.port()));
        ports.add(hub.spare().port());
        if (hotspot != null) {
            ports.add(hotspot.baseUri().getPort());
        }
        if (console != null) {
            ports.add(console.port());
        }
        java.util.stream.Stream.of(providers.mpesaBaseUrl(), providers.paystackBaseUrl(), providers.stripeBaseUrl(),
                providers.midtransBaseUrl()).map(java.net.URI::getPort).distinct().forEach(ports::add);
        return ports;
    }

    Duration startupTime() {
        return startupTime;
    }

    /** What the demo steps shared and recorded (ids, keys, the purchased code). */
    public DemoContext demo() {
        return demo;
    }

    /** Where the console is served, {@code http://127.0.0.1:<port>/}. */
    public URI consoleUri() {
        return console.baseUri();
    }

    @Override
    public void close() {
        if (console != null) {
            console.close();
        }
        if (hotspot != null) {
            hotspot.close();
        }
        if (demo != null) {
            demo.close();
        }
        if (routerClock != null) {
            routerClock.shutdownNow();
        }
        if (secrets != null) {
            secrets.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (stack != null) {
            stack.close();
        }
        routers.forEach(RouterOsSimulator::close);
        if (hub != null) {
            hub.spare().close();
        }
        if (providers != null) {
            providers.close();
        }
    }
}
