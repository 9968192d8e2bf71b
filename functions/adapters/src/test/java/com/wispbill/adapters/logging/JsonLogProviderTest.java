package com.wispbill.adapters.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** What every function writes to CloudWatch: the fields, escaping, MDC, errors and levels of each line. */
class JsonLogProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-01-31T08:05:09.007Z");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ThreadMdc mdc = new ThreadMdc();
    private LoggerRegistry loggers = registry(LogSettings.LAMBDA);

    private LoggerRegistry registry(LogSettings settings) {
        return new LoggerRegistry(settings, LogOutput.to(new PrintStream(bytes, true, StandardCharsets.UTF_8)), mdc,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private List<JsonNode> lines() {
        String text = output();
        assertTrue(text.isEmpty() || text.endsWith("\n"), "every line ends with a newline: " + text);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                assertTrue(node.isObject(), line);
                lines.add(node);
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON line: " + line, e);
            }
        }
        return lines;
    }

    private JsonNode onlyLine() {
        List<JsonNode> lines = lines();
        assertEquals(1, lines.size(), output());
        return lines.get(0);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void slf4jFindsThisProviderAndItsMdc() {
        assertInstanceOf(LoggerRegistry.class, LoggerFactory.getILoggerFactory());
        assertInstanceOf(LineLogger.class, LoggerFactory.getLogger("software.amazon.awssdk.request"));
        assertInstanceOf(ThreadMdc.class, MDC.getMDCAdapter());
    }

    @Test
    void aLineHasThePowertoolsFieldsInTheirOrder() {
        loggers.getLogger("com.wispbill.payment.PaymentSettlement").info("payment {} needs review: {}", "pay-1", "AMOUNT_MISMATCH");

        JsonNode line = onlyLine();
        assertEquals(List.of("level", "message", "logger", "thread", "timestamp"), fieldNames(line));
        assertEquals("INFO", line.get("level").asText());
        assertEquals("payment pay-1 needs review: AMOUNT_MISMATCH", line.get("message").asText());
        assertEquals("com.wispbill.payment.PaymentSettlement", line.get("logger").asText());
        assertEquals(Thread.currentThread().getName(), line.get("thread").asText());
        assertEquals("2026-01-31T08:05:09.007Z", line.get("timestamp").asText());
        assertTrue(output().startsWith("{\"level\":\"INFO\",\"message\":"), output());
    }

    @Test
    void everyStringIsEscapedAndUnicodeArrivesAsUtf8() {
        String message = "quote \" backslash \\ slash / newline \n return \r tab \t backspace \b formfeed \f "
                + "nul \u0000 unit separator \u001f delete \u007f line separator \u2028 paragraph \u2029 "
                + "Swahili: Malipo yamepokelewa · café · 日本語 · emoji 📶 · lone surrogates \ud800 and \udc00";
        mdc.put("reseller \"name\"", "Mama \"Mboga\"\n📶");
        loggers.getLogger("com.wispbill.T").warn(message);

        String raw = output();
        assertEquals(raw.length() - 1, raw.indexOf('\n'), "one physical line: " + raw);
        assertTrue(raw.chars().noneMatch(c -> c < 0x20 && c != '\n' || c == 0x7f || c == 0x2028 || c == 0x2029), raw);
        assertTrue(raw.contains("日本語") && raw.contains("📶"), "non-ASCII text is written as UTF-8, not escaped: " + raw);
        assertTrue(raw.contains("\\ud800") && raw.contains("\\udc00"), "lone surrogates escaped: " + raw);
        JsonNode line = onlyLine();
        assertEquals(message, line.get("message").asText());
        assertEquals("Mama \"Mboga\"\n📶", line.get("reseller \"name\"").asText());
    }

    @Test
    void theMdcOfTheLoggingThreadOnlyBecomesFieldsCorrelationIdFirst() throws Exception {
        mdc.put("reseller_id", "r-1");
        mdc.put(CorrelationId.MDC_KEY, "req-7f3a");
        mdc.put("batch_id", "b-9");
        mdc.put("level", "not a field of its own");
        Logger logger = loggers.getLogger("com.wispbill.vouchers.VoucherBatchGenerator");
        logger.info("batch done");
        Thread other = new Thread(() -> {
            mdc.put(CorrelationId.MDC_KEY, "other-thread");
            logger.info("other thread");
        });
        other.start();
        other.join();
        mdc.clear();
        logger.info("after clear");

        List<JsonNode> lines = lines();
        assertEquals(3, lines.size(), output());
        assertEquals(List.of("level", "message", "logger", "thread", "timestamp", "correlation_id", "batch_id", "reseller_id"),
                fieldNames(lines.get(0)));
        assertEquals("INFO", lines.get(0).get("level").asText());
        assertEquals("req-7f3a", lines.get(0).get("correlation_id").asText());
        assertEquals("b-9", lines.get(0).get("batch_id").asText());
        assertEquals("r-1", lines.get(0).get("reseller_id").asText());
        assertEquals("other-thread", lines.get(1).get("correlation_id").asText());
        assertFalse(lines.get(1).has("reseller_id"), lines.get(1).toString());
        assertEquals(List.of("level", "message", "logger", "thread", "timestamp"), fieldNames(lines.get(2)));
    }

    @Test
    void anErrorCarriesItsClassMessageAndWholeStack() {
        IllegalStateException cause = new IllegalStateException("table \"Entity\" unreachable");
        Exception error = new java.io.IOException("send failed\ttwice", cause);
        Logger logger = loggers.getLogger("com.wispbill.notify.SmsSender");
        logger.error("sms {} not sent", "n-1", error);
        logger.warn("no message", new NullPointerException());

        List<JsonNode> lines = lines();
        JsonNode first = lines.get(0);
        assertEquals(List.of("level", "message", "logger", "thread", "error", "timestamp"), fieldNames(first));
        assertEquals("sms n-1 not sent", first.get("message").asText());
        assertEquals("send failed\ttwice", first.at("/error/message").asText());
        assertEquals("java.io.IOException", first.at("/error/name").asText());
        String stack = first.at("/error/stack").asText();
        assertTrue(stack.startsWith("java.io.IOException: send failed\ttwice" + System.lineSeparator() + "\tat "), stack);
        assertTrue(stack.contains("Caused by: java.lang.IllegalStateException: table \"Entity\" unreachable"), stack);
        assertTrue(stack.contains(getClass().getName() + ".anErrorCarriesItsClassMessageAndWholeStack"), stack);
        assertFalse(stack.endsWith("\n"), stack);

        JsonNode second = lines.get(1);
        assertEquals("no message", second.get("message").asText());
        assertEquals(List.of("name", "stack"), fieldNames(second.get("error")));
        assertEquals("java.lang.NullPointerException", second.at("/error/name").asText());
    }

    @Test
    void wispbillLogsInfoTheSecurityLogAndLibrariesWarn() {
        Map<String, Logger> byName = new HashMap<>();
        for (String name : List.of("com.wispbill", "com.wispbill.router.Reconciler", "com.wispbillish.Other",
                "wispbill.security", "wispbill.security.webhook", "software.amazon.awssdk.request", "org.apache.Thing")) {
            byName.put(name, loggers.getLogger(name));
        }
        byName.forEach((name, logger) -> {
            logger.trace("trace {}", name);
            logger.debug("debug {}", name);
            logger.info("info {}", name);
            logger.warn("warn {}", name);
            logger.error("error {}", name);
        });

        List<String> written = lines().stream().map(l -> l.get("message").asText()).sorted().toList();
        assertEquals(List.of("error com.wispbill", "error com.wispbill.router.Reconciler", "error com.wispbillish.Other",
                "error org.apache.Thing", "error software.amazon.awssdk.request", "error wispbill.security",
                "error wispbill.security.webhook",
                "info com.wispbill", "info com.wispbill.router.Reconciler",
                "warn com.wispbill", "warn com.wispbill.router.Reconciler", "warn com.wispbillish.Other",
                "warn org.apache.Thing", "warn software.amazon.awssdk.request", "warn wispbill.security",
                "warn wispbill.security.webhook"), written);
        assertTrue(byName.get("com.wispbill.router.Reconciler").isInfoEnabled());
        assertFalse(byName.get("com.wispbill.router.Reconciler").isDebugEnabled());
        assertFalse(byName.get("wispbill.security").isInfoEnabled());
        assertFalse(byName.get("software.amazon.awssdk.request").isInfoEnabled());
    }

    @Test
    void aLocalRunMaySetOneLevelAndPlainText() {
        loggers = registry(LogSettings.LAMBDA.withEveryLevel(org.slf4j.event.Level.ERROR).withFormat(LogSettings.Format.TEXT));
        loggers.getLogger("com.wispbill.router.Reconciler").warn("not shown");
        loggers.getLogger("com.wispbill.router.Reconciler").error("router {} unreachable", "rt-1", new IllegalStateException("down"));

        String text = output();
        assertTrue(text.matches("(?s)\\d\\d:\\d\\d:\\d\\d\\.007 ERROR \\[Reconciler\\] router rt-1 unreachable\n"
                + "java\\.lang\\.IllegalStateException: down\\R\tat .*\n"), text);
    }

    @Test
    void theSettingsComeFromSystemProperties() {
        assertEquals(LogSettings.LAMBDA, LogSettings.fromSystemProperties());
        System.setProperty(JsonLogProvider.FORMAT_PROPERTY, "text");
        System.setProperty(JsonLogProvider.LEVEL_PROPERTY, " error ");
        try {
            LogSettings local = LogSettings.fromSystemProperties();
            assertEquals(LogSettings.Format.TEXT, local.format());
            assertEquals(org.slf4j.event.Level.ERROR, local.threshold("com.wispbill.x"));
            assertEquals(org.slf4j.event.Level.ERROR, local.threshold("software.amazon.awssdk"));
        } finally {
            System.clearProperty(JsonLogProvider.FORMAT_PROPERTY);
            System.clearProperty(JsonLogProvider.LEVEL_PROPERTY);
        }
    }

    @Test
    void insideAnInvocationTheXrayTraceIdIsAField() {
        System.setProperty(LogLine.TRACE_HEADER_PROPERTY, "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        try {
            loggers.getLogger("com.wispbill.T").info("traced");
        } finally {
            System.clearProperty(LogLine.TRACE_HEADER_PROPERTY);
        }
        JsonNode line = onlyLine();
        assertEquals(List.of("level", "message", "logger", "thread", "timestamp", "xray_trace_id"), fieldNames(line));
        assertEquals("1-5759e988-bd862e3fe1be46a994272793", line.get("xray_trace_id").asText());
    }

    @Test
    void linesFromManyThreadsNeverInterleave() throws Exception {
        int threads = 8;
        int perThread = 400;
        String filler = "x".repeat(3000) + " ü 📶 \" \n";
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    Logger logger = loggers.getLogger("com.wispbill.Concurrent" + thread);
                    for (int i = 0; i < perThread; i++) {
                        logger.info("{} {} {}", thread, i, filler);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<JsonNode> lines = lines();
        assertEquals(threads * perThread, lines.size());
        int[] next = new int[threads];
        for (Iterator<JsonNode> it = lines.iterator(); it.hasNext(); ) {
            String[] parts = it.next().get("message").asText().split(" ", 3);
            int thread = Integer.parseInt(parts[0]);
            assertEquals(next[thread]++, Integer.parseInt(parts[1]), "each thread's lines in its order");
            assertEquals(filler, parts[2]);
        }
    }
}
