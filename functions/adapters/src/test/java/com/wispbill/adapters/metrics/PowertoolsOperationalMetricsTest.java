package com.wispbill.adapters.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import com.wispbill.domain.metrics.Metric;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * What reaches CloudWatch: one embedded-metric-format line per figure, in the namespace and with
 * exactly the dimensions the template's alarms and dashboard name.
 */
class PowertoolsOperationalMetricsTest {

    @Test
    void eachFigureIsOneEmfLineWithItsOwnDimensions() throws Exception {
        List<JsonNode> lines = captured(() -> {
            PowertoolsOperationalMetrics metrics = new PowertoolsOperationalMetrics(MetricsFactory.getMetricsInstance(), "WISPbillTest");
            metrics.record(Metric.ROUTER_COMMANDS_FAILED, 3, Map.of("RouterId", "rtr_1"));
            metrics.record(Metric.EXPIRIES, 7);
            metrics.record(Metric.SMS_FAILED, 0);
            metrics.record(Metric.PAYMENTS_STILL_PENDING, 0);
        });
        JsonNode failed = lines.stream().filter(l -> l.has("RouterCommandsFailed")).findFirst().orElseThrow(() -> new AssertionError(lines));
        assertEquals(3, failed.get("RouterCommandsFailed").asInt());
        assertEquals("rtr_1", failed.get("RouterId").asText());
        JsonNode directive = failed.at("/_aws/CloudWatchMetrics/0");
        assertEquals("WISPbillTest", directive.get("Namespace").asText());
        assertEquals("[[\"RouterId\"]]", directive.get("Dimensions").toString());
        assertEquals("Count", directive.at("/Metrics/0/Unit").asText());

        JsonNode expiries = lines.stream().filter(l -> l.has("Expiries")).findFirst().orElseThrow(() -> new AssertionError(lines));
        assertEquals(7, expiries.get("Expiries").asInt());
        assertEquals("[[\"Service\"]]", expiries.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());

        // No SMS failed: no line. No payment pending: a zero, so the backlog alarm sees it clear.
        assertEquals(0, lines.stream().filter(l -> l.has("SmsFailed")).count());
        assertEquals(0, lines.stream().filter(l -> l.has("PaymentsStillPending")).findFirst()
                .orElseThrow(() -> new AssertionError(lines)).get("PaymentsStillPending").asInt());
    }

    private static List<JsonNode> captured(Runnable run) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(original);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{")) {
                lines.add(Json.MAPPER.readTree(line));
            }
        }
        return lines;
    }
}
