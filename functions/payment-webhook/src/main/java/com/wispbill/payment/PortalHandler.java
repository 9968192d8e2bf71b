package com.wispbill.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wispbill.adapters.Json;
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
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import java.util.function.Supplier;

/**
 * The public hotspot portal routes (no API key; the portal id in the path names the reseller and router):
 * {@code GET /portal/{portalId}/plans}, {@code POST /portal/{portalId}/purchases},
 * {@code GET /portal/{portalId}/purchases/{paymentId}}. Errors are {@code application/problem+json}
 * with field-level errors. Login pages are served by the router, another origin, so answers allow any
 * origin; the page posts JSON as {@code text/plain} (a CORS "simple request", no preflight).
 */
public final class PortalHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LogManager.getLogger(PortalHandler.class);

    private final Supplier<PurchaseService> purchases;

    /**
     * What Lambda calls. The real collaborators are built on first use, once per execution environment
     * (a class holder), so merely loading the handler (the local stack does at start) needs no configuration.
     */
    public PortalHandler() {
        this.purchases = () -> Holder.SERVICE;
    }

    public PortalHandler(PurchaseService purchases) {
        this.purchases = () -> purchases;
    }

    /** With collaborators built when first needed (tests that wire the handler before the stack starts). */
    public PortalHandler(Supplier<PurchaseService> purchases) {
        this.purchases = purchases;
    }

    private static final class Holder {
        static final PurchaseService SERVICE = new PurchaseService(PaymentComponents.repositories(),
                PaymentComponents.adapters(), PaymentComponents.credentials(), PaymentComponents.callbackBaseUrl(),
                PaymentComponents.CLOCK);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String portalId = HttpReplies.pathParameter(event, "portalId");
        try {
            return switch (String.valueOf(event.getRouteKey())) {
                case "GET /portal/{portalId}/plans" -> ok(200, purchases.get().catalogue(portalId));
                case "POST /portal/{portalId}/purchases" -> ok(202, purchases.get().start(portalId, form(event)));
                case "GET /portal/{portalId}/purchases/{paymentId}" ->
                        ok(200, purchases.get().status(portalId, HttpReplies.pathParameter(event, "paymentId")));
                default -> problem(404, "Not Found", "no such route", null);
            };
        } catch (ValidationException e) {
            return problem(400, "Invalid request", e.getMessage(), e);
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
