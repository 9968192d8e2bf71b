package com.wispbill.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code ./dev run --exit-after-start} in-process: starts everything, runs the demo, prints, stops cleanly. */
class LocalRunTest {

    @Test
    void startsRunsTheDemoPrintsWhatRunsThenStopsWithEveryPortClosedAndNoThreadLeft() throws Exception {
        Set<Thread> before = liveNonDaemonThreads();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);

        List<Integer> ports = LocalRun.run(LocalRun.Options.parse("--routers", "2", "--exit-after-start"), out);

        String printed = captured.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertTrue(printed.contains("WISPbill embedded stack"), "stack summary");
        for (String resource : List.of("EntityTable", "UsageTable", "NotificationsQueue", "NotificationsDLQ",
                "RouterCommandsQueue", "AlertsTopic", "NotifierFunction")) {
            assertTrue(printed.contains(resource), "summary lists " + resource);
        }
        assertTrue(Pattern.compile("API base URL +http://127\\.0\\.0\\.1:\\d+/v1/").matcher(printed).find(), "API URL");
        assertTrue(Pattern.compile("API key wbk_[0-9A-Z]{32}").matcher(printed).find(), "demo API key");
        assertTrue(printed.contains("Stop            Ctrl-C"), "how to stop");
        assertEquals(2, Pattern.compile("router \\S+  demo-hotspot-\\d  api 127\\.0\\.0\\.1:\\d+  login in secret wispbill/routers/")
                .matcher(printed).results().count(), "both routers registered");
        assertTrue(Pattern.compile("operator key wbk_[0-9A-Z]{32}").matcher(printed).find(), "operator key");
        assertTrue(Pattern.compile("voucher code [0-9A-Z]{10}").matcher(printed).find(), "purchased voucher code");
        assertTrue(printed.contains("SMS to +254712000111 from DEMOHOT: "), "the purchase SMS");
        assertTrue(printed.contains("READY: 5 vouchers"), "the voucher batch");
        assertTrue(printed.contains("voucher USED, first use "), "first use recorded");
        assertTrue(printed.contains("the scheduled expiry sweep (every minute) expires it"), "expiry watched in the background");
        Matcher startup = Pattern.compile("started in (\\d+) ms").matcher(printed);
        assertTrue(startup.find(), "startup time printed");
        System.out.println("LocalRun startup: " + startup.group(1) + " ms");

        // stack: edge, HTTP API, DynamoDB Local, ElasticMQ; one API port per router and the spare router's (LocalHub);
        // the provider stand-ins; the hotspot page; the console
        assertEquals(10, ports.size(), "ports " + ports);
        assertTrue(Pattern.compile("Console +http://127\\.0\\.0\\.1:\\d+/").matcher(printed).find(), "console URL");
        assertTrue(Pattern.compile("Hotspot page +http://127\\.0\\.0\\.1:\\d+/login").matcher(printed).find(), "hotspot page URL");
        for (int port : ports) {
            try (ServerSocket reuse = new ServerSocket()) {
                reuse.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        Set<Thread> left;
        do {
            left = liveNonDaemonThreads().stream().filter(t -> !before.contains(t)).collect(Collectors.toSet());
            Thread.sleep(50);
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        assertEquals(Set.of(), left.stream().map(Thread::getName).collect(Collectors.toSet()), () -> "threads left running: "
                + liveNonDaemonThreads().stream().filter(t -> !before.contains(t))
                        .map(t -> t.getName() + " " + java.util.Arrays.toString(t.getStackTrace())).collect(Collectors.joining("\n")));
        assertFalse(System.getProperties().containsKey("aws.endpointUrl") && before.isEmpty());
    }

    @Test
    void badOptionsAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> LocalRun.Options.parse("--routers", "9"));
        assertThrows(IllegalArgumentException.class, () -> LocalRun.Options.parse("--fast"));
        assertEquals(new LocalRun.Options(3, false, false), LocalRun.Options.parse());
        assertThrows(IllegalArgumentException.class, () -> LocalRun.Options.parse("--ports", "80"));
        assertThrows(IllegalArgumentException.class, () -> LocalRun.Options.parse("--keys"));
    }

    @Test
    void devRunsPortsAndKeyFileAreFixedByDefaultAndEitherCanBeChanged() {
        LocalRun.Options console = LocalRun.Options.console();
        assertEquals(LocalRun.DEFAULT_PORTS, console.ports());
        assertEquals(Optional.of(LocalRun.DEFAULT_KEY_FILE), console.keyFile());
        LocalRun.Options moved = LocalRun.Options.console("--ports", "5000", "--keys", "none");
        assertEquals(5000, moved.ports());
        assertEquals(Optional.empty(), moved.keyFile());
        assertEquals(0, LocalRun.Options.console("--ports", "0").ports(), "0: the system picks");
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon()).collect(Collectors.toSet());
    }
}
