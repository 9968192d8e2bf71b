package com.wispbill.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.ValidationException;
import com.wispbill.payment.provider.ProviderConfigurationException;
import com.wispbill.payment.provider.ProviderRejectedException;
import com.wispbill.payment.provider.ProviderUnavailableException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public hotspot portal routes (no API key; the portal id in the path names the reseller and router):
 * {@code GET /portal/{portalId}/plans}, {@code POST /portal/{portalId}/purchases},
 * {@code GET /portal/{portalId}/purchases/{paymentId}}. Errors are {@code application/problem+json}
 * with field-level errors. Login pages are served by the router, another origin, so answers allow any
 * origin; the page posts JSON as {@code text/plain} (a CORS "simple request", no preflight).
 */
public final class PortalHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(PortalHandler.class);

    /** Where the login page sends its answer to a challenge {@link PortalLimits} asked for. */
    static final String CHALLENGE_HEADER = "X-Portal-Challenge";

    private final PurchaseService purchases;

    /** What Lambda calls: real clients, from the function's environment, built once per execution environment. */
    public PortalHandler() {
        this(PaymentWiring.fromEnvironment().purchaseService());
    }

    public PortalHandler(PurchaseService purchases) {
        this.purchases = purchases;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        CorrelationId.adopt(event);
        String portalId = HttpReplies.pathParameter(event, "portalId");
        try {
            return switch (String.valueOf(event.getRouteKey())) {
                case "GET /portal/{portalId}/plans" -> ok(200, purchases.catalogue(portalId));
                case "POST /portal/{portalId}/purchases" -> ok(202, purchases.start(portalId, form(event), requester(event)));
                case "GET /portal/{portalId}/purchases/{paymentId}" ->
                        ok(200, purchases.status(portalId, HttpReplies.pathParameter(event, "paymentId")));
                default -> problem(404, "Not Found", "no such route", null);
            };
        } catch (ValidationException e) {
            return problem(400, "Invalid request", e.getMessage(), e);
        } catch (TooManyPurchasesException e) {
            return tooMany(e);
        } catch (NotFoundException e) {
            return problem(404, "Not Found", e.getMessage(), null);
        } catch (ProviderRejectedException e) {
            return problem(422, "Payment refused", e.getMessage(), null);
        } catch (ProviderUnavailableException e) {
            LOG.warn("provider unavailable for portal {}: {}", portalId, e.getMessage());
            return problem(503, "Payment provider unavailable", "please try again in a moment", null);
        } catch (ConflictException e) {
            return problem(409, "Conflict", e.getMessage(), null);
        } catch (ProviderConfigurationException e) {
            LOG.error("portal {}: provider set-up is incomplete: {}", portalId, e.getMessage());
            return problem(503, "Payment provider unavailable", "this payment method is not available", null);
        }
    }

    /** API Gateway's view of the caller (not X-Forwarded-For, which the caller writes). */
    private static PortalLimits.Requester requester(APIGatewayV2HTTPEvent event) {
        String sourceIp = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? null
                : event.getRequestContext().getHttp().getSourceIp();
        return new PortalLimits.Requester(sourceIp, Optional.ofNullable(header(event, CHALLENGE_HEADER)));
    }

    private static String header(APIGatewayV2HTTPEvent event, String name) {
        if (event.getHeaders() == null) {
            return null;
        }
        return event.getHeaders().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static APIGatewayV2HTTPResponse tooMany(TooManyPurchasesException e) {
        ObjectNode problem = problemBody(429, "Too Many Requests", e.getMessage(), null);
        e.challenge().ifPresent(c -> problem.putObject("challenge").put("kind", c.kind()).put("subject", c.subject())
                .put("difficulty", c.difficulty()).put("header", CHALLENGE_HEADER));
        APIGatewayV2HTTPResponse response = problemResponse(429, problem);
        Map<String, String> headers = new HashMap<>(response.getHeaders());
        headers.put("Retry-After", Long.toString(e.retryAfterSeconds()));
        response.setHeaders(headers);
        return response;
    }

    private static PurchaseService.PurchaseForm form(APIGatewayV2HTTPEvent event) {
        byte[] body = HttpReplies.rawBody(event);
        if (body.length == 0) {
            throw new ValidationException("body", "is required: a JSON object with planId, phone and provider");
        }
        try {
            return Json.MAPPER.readValue(body, PurchaseService.PurchaseForm.class);
        } catch (IOException e) {
            throw new ValidationException("body", "must be a JSON object with planId, phone, provider and optionally email, username, returnUrl");
        }
    }

    private static APIGatewayV2HTTPResponse ok(int status, Object body) {
        try {
            return withCors(HttpReplies.json(status, Json.MAPPER.writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode a portal response", e);
        }
    }

    private static APIGatewayV2HTTPResponse problem(int status, String title, String detail, ValidationException errors) {
        return problemResponse(status, problemBody(status, title, detail, errors));
    }

    private static ObjectNode problemBody(int status, String title, String detail, ValidationException errors) {
        ObjectNode problem = Json.MAPPER.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (errors != null) {
            ArrayNode list = problem.putArray("errors");
            for (FieldError error : errors.errors()) {
                list.addObject().put("field", error.field()).put("message", error.message());
            }
        }
        return problem;
    }

    private static APIGatewayV2HTTPResponse problemResponse(int status, ObjectNode problem) {
        APIGatewayV2HTTPResponse response = HttpReplies.json(status, problem.toString());
        Map<String, String> headers = new HashMap<>(response.getHeaders());
        headers.put("Content-Type", "application/problem+json");
        response.setHeaders(headers);
        return withCors(response);
    }

    private static APIGatewayV2HTTPResponse withCors(APIGatewayV2HTTPResponse response) {
        Map<String, String> headers = new HashMap<>(response.getHeaders());
        headers.put("Access-Control-Allow-Origin", "*");
        response.setHeaders(headers);
        return response;
    }
}
