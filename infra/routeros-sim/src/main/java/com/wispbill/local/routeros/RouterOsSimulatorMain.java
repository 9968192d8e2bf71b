package com.wispbill.local.routeros;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts simulated routers for manual runs until Ctrl-C:
 * <pre>
 * java -cp routeros-sim.jar com.wispbill.local.routeros.RouterOsSimulatorMain \
 *     --routers 3 --base-port 18728 --tls-base-port 18828 --version 6.49.10 \
 *     --user api --password secret --traffic 20000/250000
 * </pre>
 * Router {@code i} (from 0) listens on {@code base-port + i} (and {@code tls-base-port + i}); a base
 * port of 0 picks free ports. Here the clock runs in real time: every second each router advances by
 * one second, with every session moving the {@code --traffic} bytes per second (in/out, from the
 * router's side).
 */
public final class RouterOsSimulatorMain {
    private static final String USAGE = """
        usage: RouterOsSimulatorMain [--routers N] [--base-port PORT] [--tls-base-port PORT]
                                     [--version 7.19.1] [--user NAME] [--password SECRET]
                                     [--identity-prefix NAME] [--traffic IN/OUT]
          --routers          how many routers (default 1)
          --base-port        API port of the first router, the next ones follow (default 18728; 0: any free port)
          --tls-base-port    api-ssl port of the first router (default: no api-ssl; 0: any free port)
          --version          RouterOS version, e.g. 7.19.1, 7.17.2, 6.49.10, 6.40.9 (default 7.19.1)
          --user/--password  API login (default admin with an empty password)
          --identity-prefix  identities are PREFIX-1, PREFIX-2, ... (default sim-router)
          --traffic          bytes per second each session moves in/out (default 0/0)
        """;

    record Options(int routers, int basePort, Integer tlsBasePort, RouterOsVersion version, String user,
                   String password, String identityPrefix, long bytesInPerSecond, long bytesOutPerSecond) {
    }

    private RouterOsSimulatorMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        List<RouterOsSimulator> routers = start(options, System.out);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "routeros-sim-clock");
            thread.setDaemon(true);
            return thread;
        });
        clock.scheduleAtFixedRate(() -> routers.forEach(router -> router.advance(Duration.ofSeconds(1),
            options.bytesInPerSecond(), options.bytesOutPerSecond())), 1, 1, TimeUnit.SECONDS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            clock.shutdownNow();
            routers.forEach(RouterOsSimulator::close);
            stopped.countDown();
        }, "routeros-sim-shutdown"));
        System.out.println("Ctrl-C stops the routers.");
        stopped.await();
    }

    /** Starts the routers the options describe and prints where each one listens. */
    static List<RouterOsSimulator> start(Options options, PrintStream out) throws IOException {
        List<RouterOsSimulator> routers = new ArrayList<>();
        try {
            for (int i = 0; i < options.routers(); i++) {
                RouterOsSimulator.Builder builder = RouterOsSimulator.builder()
                    .identity(options.identityPrefix() + "-" + (i + 1))
                    .version(options.version())
                    .credentials(options.user(), options.password())
                    .port(options.basePort() == 0 ? 0 : options.basePort() + i);
                if (options.tlsBasePort() != null) {
                    builder.tlsPort(options.tlsBasePort() == 0 ? 0 : options.tlsBasePort() + i);
                }
                RouterOsSimulator router = builder.start();
                routers.add(router);
                out.printf("%s  RouterOS %s  api %s:%d%s%n", router.state().identity(), router.version(), router.host(),
                    router.port(), router.tlsEnabled() ? "  api-ssl " + router.host() + ":" + router.tlsPort() : "");
            }
            return routers;
        } catch (IOException | RuntimeException e) {
            routers.forEach(RouterOsSimulator::close);
            throw e;
        }
    }

    static Options parse(String[] args) {
        int routers = 1;
        int basePort = 18728;
        Integer tlsBasePort = null;
        RouterOsVersion version = RouterOsVersion.V7_19;
        String user = "admin";
        String password = "";
        String identityPrefix = "sim-router";
        long bytesIn = 0;
        long bytesOut = 0;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--routers" -> routers = parseInt(option, value, 1, 1000);
                case "--base-port" -> basePort = parseInt(option, value, 0, 65535);
                case "--tls-base-port" -> tlsBasePort = parseInt(option, value, 0, 65535);
                case "--version" -> version = RouterOsVersion.parse(value);
                case "--user" -> user = value;
                case "--password" -> password = value;
                case "--identity-prefix" -> identityPrefix = value;
                case "--traffic" -> {
                    String[] rates = value.split("/");
                    if (rates.length != 2) {
                        throw new IllegalArgumentException("--traffic wants IN/OUT bytes per second, got " + value);
                    }
                    bytesIn = parseInt(option, rates[0], 0, Integer.MAX_VALUE);
                    bytesOut = parseInt(option, rates[1], 0, Integer.MAX_VALUE);
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (basePort != 0 && basePort + routers - 1 > 65535) {
            throw new IllegalArgumentException("not enough ports above " + basePort + " for " + routers + " routers");
        }
        if (tlsBasePort != null && tlsBasePort != 0 && tlsBasePort + routers - 1 > 65535) {
            throw new IllegalArgumentException("not enough ports above " + tlsBasePort + " for " + routers + " routers");
        }
        return new Options(routers, basePort, tlsBasePort, version, user, password, identityPrefix, bytesIn, bytesOut);
    }

    private static int parseInt(String option, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " wants a number, got " + value, e);
        }
    }
}
