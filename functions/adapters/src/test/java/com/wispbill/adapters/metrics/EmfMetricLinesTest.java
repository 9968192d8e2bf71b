package com.wispbill.adapters.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wispbill.adapters.logging.LogOutput;
import com.wispbill.domain.metrics.Metric;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What reaches CloudWatch: one embedded-metric-format line per figure, in the namespace, unit and with
 * exactly the dimensions the template's alarms and dashboard name, values as top-level members.
 */
class EmfMetricLinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-01-31T08:05:09.007Z");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final EmfMetricLines metrics = new EmfMetricLines("WISPbillTest", Clock.fixed(NOW, ZoneOffset.UTC),
            LogOutput.to(new PrintStream(bytes, true, StandardCharsets.UTF_8)));

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFigureIsOneEmfLineWithItsDimensionsAndTheClocksTimestamp() throws Exception {
        metrics.record(Metric.ROUTER_COMMANDS_FAILED, 3, Map.of("RouterId", "rtr_1"));

        assertEquals("{\"_aws\":{\"Timestamp\":" + NOW.toEpochMilli() + ",\"CloudWatchMetrics\":[{\"Namespace\":\"WISPbillTest\","
                + "\"Dimensions\":[[\"RouterId\"]],\"Metrics\":[{\"Name\":\"RouterCommandsFailed\",\"Unit\":\"Count\"}]}]},"
                + "\"RouterId\":\"rtr_1\",\"RouterCommandsFailed\":3}\n", output());
        JsonNode line = JSON.readTree(output());
        JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
        assertEquals(1_769_846_709_007L, line.at("/_aws/Timestamp").asLong());
        assertEquals("WISPbillTest", directive.get("Namespace").asText());
        assertEquals("[[\"RouterId\"]]", directive.get("Dimensions").toString());
        assertEquals("[{\"Name\":\"RouterCommandsFailed\",\"Unit\":\"Count\"}]", directive.get("Metrics").toString());
        assertEquals(3, line.get("RouterCommandsFailed").asLong());
        assertEquals("rtr_1", line.get("RouterId").asText());
    }

    @Test
    void everyDimensionGivenIsOneSetAndATopLevelMemberAndNoOther() throws Exception {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("ResellerId", "res \"1\"");
        dimensions.put("Currency", "KES");
        metrics.record(Metric.SALES, 2, dimensions);

        JsonNode line = JSON.readTree(output());
        assertEquals("[[\"Currency\",\"ResellerId\"]]", line.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
        assertEquals("KES", line.get("Currency").asText());
        assertEquals("res \"1\"", line.get("ResellerId").asText());
        assertEquals(2, line.get("Sales").asLong());
        List<String> members = new ArrayList<>();
        line.fieldNames().forEachRemaining(members::add);
        assertEquals(List.of("_aws", "Currency", "ResellerId", "Sales"), members);
    }

    @Test
    void aFigureWithoutDimensionsIsNamedByTheService() throws Exception {
        metrics.record(Metric.EXPIRIES, 7);

        JsonNode line = JSON.readTree(output());
        assertEquals("[[\"Service\"]]", line.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
        assertEquals("wispbill", line.get("Service").asText());
        assertEquals(7, line.get("Expiries").asLong());
    }

    @Test
    void aCountOfZeroWritesNothingALevelOfZeroIsWritten() throws Exception {
        metrics.record(Metric.SMS_FAILED, 0);
        assertEquals("", output());

        metrics.record(Metric.PAYMENTS_STILL_PENDING, 0);
        JsonNode line = JSON.readTree(output());
        assertEquals(0, line.get("PaymentsStillPending").asLong());
        assertTrue(line.get("PaymentsStillPending").isIntegralNumber());

        bytes.reset();
        metrics.write("RouterDrift", 0, Map.of("ResellerId", "res_1"));
        assertEquals(0, JSON.readTree(output()).get("RouterDrift").asLong());
    }

    @Test
    void aDimensionCloudWatchWouldDropIsRefusedAndNothingWritten() {
        assertThrows(IllegalArgumentException.class, () -> metrics.record(Metric.SALES, 1, Map.of("Currency", " ")));
        assertThrows(IllegalArgumentException.class, () -> metrics.record(Metric.SALES, 1, Map.of("Currency", "KÉS")));
        assertThrows(IllegalArgumentException.class, () -> metrics.record(Metric.SALES, 1, Map.of(":Currency", "KES")));
        assertThrows(IllegalArgumentException.class, () -> metrics.record(Metric.SALES, 1, Map.of("Currency", "x".repeat(1025))));
        assertThrows(IllegalArgumentException.class, () -> new EmfMetricLines("WISP bill", Clock.systemUTC(), LogOutput.to(System.out)));
        assertEquals("", output());
    }

    @Test
    void locallyALineCanBeTextOrNone() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        LogOutput to = LogOutput.to(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        new EmfMetricLines("WISPbill", clock, to, EmfMetricLines.Format.OFF).record(Metric.EXPIRIES, 7);
        assertEquals("", output());

        new EmfMetricLines("WISPbill", clock, to, EmfMetricLines.Format.TEXT).record(Metric.SALES, 2, Map.of("Currency", "KES"));
        assertTrue(output().matches("\\d\\d:\\d\\d:09\\.007 METRIC WISPbill Sales=2 Currency=KES\n"), output());
    }

    /**
     * 8 threads each write 400 metric lines and 400 log lines to stdout at once: every line arrives
     * whole (metric lines parse as EMF with their own thread's values, log lines as the log's JSON).
     */
    @Test
    void linesOfManyThreadsNeverInterleaveWithEachOtherOrWithLogLines() throws Exception {
        int threads = 8;
        int perThread = 400;
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, false, StandardCharsets.UTF_8));
        EmfMetricLines toStdout = new EmfMetricLines("WISPbillTest", Clock.systemUTC(), LogOutput.standardOutput());
        Logger log = LoggerFactory.getLogger(EmfMetricLinesTest.class);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String router = "rtr_" + t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 1; i <= perThread; i++) {
                        toStdout.record(Metric.ROUTER_COMMANDS_APPLIED, i, Map.of("RouterId", router));
                        log.warn("log line {} of {}", i, router);
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
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"));
        Set<String> metricLines = new HashSet<>();
        Set<String> logLines = new HashSet<>();
        for (String line : text.split("\n")) {
            JsonNode node = JSON.readTree(line);
            if (node.has("_aws")) {
                assertEquals("[[\"RouterId\"]]", node.at("/_aws/CloudWatchMetrics/0/Dimensions").toString(), line);
                metricLines.add(node.get("RouterId").asText() + "#" + node.get("RouterCommandsApplied").asLong());
            } else {
                assertEquals("WARN", node.get("level").asText(), line);
                logLines.add(node.get("message").asText());
            }
        }
        assertEquals(threads * perThread, metricLines.size());
        assertEquals(threads * perThread, logLines.size());
        for (Iterator<String> it = metricLines.iterator(); it.hasNext(); ) {
            String[] figure = it.next().split("#");
            assertTrue(logLines.contains("log line " + figure[1] + " of " + figure[0]), figure[0] + " " + figure[1]);
        }
    }
}
