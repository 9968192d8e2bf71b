package com.wispbill.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wispbill.adapters.HttpApiHandler;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.http.HttpEvents;
import com.wispbill.adapters.http.HttpResponse;
import com.wispbill.adapters.http.Problems;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.ValidationException;
import com.wispbill.payment.provider.ProviderConfigurationException;
import com.wispbill.payment.provider.ProviderRejectedException;
import com.wispbill.payment.provider.ProviderUnavailableException;
import java.io.IOException;
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
public final class PortalHandler extends HttpApiHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PortalHandler.class);

    /** Where the login page sends its answer to a challenge {@link PortalLimits} asked for. */
    static final String CHALLENGE_HEADER = "X-Portal-Challenge";

    private final PurchaseService purchases;

    /** What Lambda calls: real clients, from the function's environment, built once per execution environment. */
    public PortalHandler() {
        this(PaymentWiring.fromEnvironment().purchaseService());
        SnapStartPriming.register(PortalHandler.class);
    }

    public PortalHandler(PurchaseService purchases) {
        this.purchases = purchases;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        CorrelationId.adopt(event);
        return HttpEvents.response(answer(event).withHeader("Access-Control-Allow-Origin", "*"));
    }

    private HttpResponse answer(APIGatewayV2HTTPEvent event) {
        String portalId = HttpEvents.pathParameter(event, "portalId");
        try {
            return switch (String.valueOf(event.getRouteKey())) {
                case "GET /portal/{portalId}/plans" -> ok(200, purchases.catalogue(portalId));
                case "POST /portal/{portalId}/purchases" -> ok(202, purchases.start(portalId, form(event), requester(event)));
                case "GET /portal/{portalId}/purchases/{paymentId}" ->
                        ok(200, purchases.status(portalId, HttpEvents.pathParameter(event, "paymentId")));
                default -> problem(404, "Not Found", "no such route");
            };
        } catch (ValidationException e) {
            return problem(Problems.document(400, "Invalid request", e.getMessage(), e.errors()));
        } catch (TooManyPurchasesException e) {
            return tooMany(e);
        } catch (NotSellingYetException e) {
            // Nothing was written or sent; the page shows the reason and the customer keeps their money.
            return problem(503, "Not selling yet", e.getMessage())
                    .withHeader("Retry-After", "60");
        } catch (NotFoundException e) {
            return problem(404, "Not Found", e.getMessage());
        } catch (ProviderRejectedException e) {
            return problem(422, "Payment refused", e.getMessage());
        } catch (ProviderUnavailableException e) {
            LOG.warn("provider unavailable for portal {}: {}", portalId, e.getMessage());
            return problem(503, "Payment provider unavailable", "please try again in a moment");
        } catch (ConflictException e) {
            return problem(409, "Conflict", e.getMessage());
        } catch (ProviderConfigurationException e) {
            LOG.error("portal {}: provider set-up is incomplete: {}", portalId, e.getMessage());
            return problem(503, "Payment provider unavailable", "this payment method is not available");
        }
    }

    /** API Gateway's view of the caller (not X-Forwarded-For, which the caller writes). */
    private static PortalLimits.Requester requester(APIGatewayV2HTTPEvent event) {
        String sourceIp = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? null
                : event.getRequestContext().getHttp().getSourceIp();
        return new PortalLimits.Requester(sourceIp, Optional.ofNullable(HttpEvents.header(event, CHALLENGE_HEADER)));
    }

    private static HttpResponse tooMany(TooManyPurchasesException e) {
        ObjectNode problem = Problems.document(429, "Too Many Requests", e.getMessage(), null);
        e.challenge().ifPresent(c -> problem.putObject("challenge").put("kind", c.kind()).put("subject", c.subject())
                .put("difficulty", c.difficulty()).put("header", CHALLENGE_HEADER));
        return problem(problem).withHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
    }

    /** The purchase form: a JSON object of {@link PurchaseService.PurchaseForm}'s fields, nothing else. */
    private static PurchaseService.PurchaseForm form(APIGatewayV2HTTPEvent event) {
        byte[] body = HttpEvents.rawBody(event);
        if (body.length == 0) {
            throw new ValidationException("body", "is required: a JSON object with planId, phone and provider");
        }
        try {
            return Json.MAPPER.readValue(body, PurchaseService.PurchaseForm.class);
        } catch (IOException e) {
            throw new ValidationException("body", "must be a JSON object with planId, phone, provider and optionally email, username, returnUrl");
        }
    }

    private static HttpResponse ok(int status, Object body) {
        try {
            return HttpResponse.uncachedJson(status, Json.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode a portal response", e);
        }
    }

    /** A problem without field errors: the portal writes {@code errors} only for invalid fields. */
    private static HttpResponse problem(int status, String title, String detail) {
        return problem(Problems.document(status, title, detail, null));
    }

    private static HttpResponse problem(ObjectNode problem) {
        return HttpResponse.uncachedJson(problem.get("status").intValue(), problem.toString())
                .withHeader("Content-Type", HttpResponse.PROBLEM_JSON);
    }
}
