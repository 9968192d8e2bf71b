package com.wispbill.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.wispbill.adapters.HttpApiHandler;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.http.HttpEvents;
import com.wispbill.adapters.http.HttpResponse;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import com.wispbill.api.health.HealthCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * {@code GET /health} for uptime monitors, without a key: 200 when both tables, the four work queues
 * and Secrets Manager answer, else 503; the body names each dependency with "ok" or "unreachable"
 * and the build version, nothing about any reseller.
 */
public final class HealthHandler extends HttpApiHandler {
    private final HealthCheck health;

    public HealthHandler(HealthCheck health) {
        this.health = health;
    }

    /** What Lambda calls: the template's tables and queues, real clients. */
    public HealthHandler() {
        this(ResellerApiWiring.fromEnvironment().healthCheck());
        SnapStartPriming.register(HealthHandler.class);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        CorrelationId.adopt(event);
        HealthCheck.Report report = health.run();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.healthy() ? "ok" : "unavailable");
        body.put("version", report.version());
        body.put("checks", report.checks());
        try {
            return HttpEvents.response(HttpResponse.uncachedJson(report.healthy() ? 200 : 503,
                    Json.MAPPER.writeValueAsString(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Maven project version, written into the jar at build time. */
    static String buildVersion() {
        try (InputStream in = HealthHandler.class.getResourceAsStream("/wispbill-build.properties")) {
            if (in == null) {
                throw new IllegalStateException("wispbill-build.properties is missing from the jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
