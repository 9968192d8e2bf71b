package com.wispbill.api.http;

import com.wispbill.adapters.http.ProblemException;
import com.wispbill.adapters.http.Problems;
import com.wispbill.adapters.http.HttpResponse;
import com.wispbill.adapters.http.HttpRequest;
import com.wispbill.adapters.repository.StoreBusyException;
import com.wispbill.adapters.repository.StoreUnavailableException;
import com.wispbill.adapters.sqs.QueueSendException;
import com.wispbill.api.auth.Authenticator;
import com.wispbill.api.auth.Caller;
import com.wispbill.api.auth.RateLimiter;
import com.wispbill.adapters.CursorSeal;
import com.wispbill.api.service.IdempotencyKeyReusedException;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.ForbiddenException;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.IllegalStateTransitionException;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything between the HTTP request and an endpoint, in this order: body size (413), route (404,
 * 405), API key or session (401), rate limit (429), role against the route's level in {@link RoleTable} (403); then the endpoint, whose domain errors become
 * problem documents: validation 400 with field errors, not found 404, conflicts 409, AWS failures 503. Nothing an
 * endpoint writes happens before all of these checks passed.
 */
public final class ApiDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);

    private final RouteTable routes;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final int maxBodyBytes;
    private final CursorSeal cursors;

    public ApiDispatcher(RouteTable routes, Authenticator authenticator, RateLimiter rateLimiter, int maxBodyBytes,
                         CursorSeal cursors) {
        this.routes = routes;
        this.cursors = cursors;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.maxBodyBytes = maxBodyBytes;
    }

    public RouteTable routes() {
        return routes;
    }

    public HttpResponse handle(HttpRequest request) {
        try {
            return dispatch(request);
        } catch (ProblemException e) {
            return Problems.response(e.status(), e.title(), e.getMessage(), e.errors(), e.headers(), e.extensions());
        } catch (IdempotencyKeyReusedException e) {
            return Problems.response(422, "Idempotency-Key reused", e.getMessage(),
                    List.of(new FieldError("Idempotency-Key", "was used with another body")), Map.of());
        } catch (ValidationException e) {
            return Problems.response(400, "Invalid request", "the request has invalid fields; see errors",
                    e.errors(), Map.of());
        } catch (ForbiddenException e) {
            return Problems.response(403, "Forbidden", e.getMessage());
        } catch (NotFoundException e) {
            return Problems.response(404, "Not Found", e.getMessage());
        } catch (ConflictException | IllegalStateTransitionException e) {
            return Problems.response(409, "Conflict", e.getMessage());
        } catch (QueueSendException | StoreBusyException | StoreUnavailableException e) {
            LOG.error("a queue or table could not be reached for {} {}", request.method(), request.path(), e);
            return Problems.response(503, "Service Unavailable", "a backing service could not be reached; try again",
                    List.of(), Map.of("retry-after", "5"));
        } catch (RuntimeException e) {
            LOG.error("unexpected failure for {} {}", request.method(), request.path(), e);
            return Problems.response(500, "Internal Server Error", "unexpected error");
        }
    }

    private HttpResponse dispatch(HttpRequest request) {
        if (request.body().length > maxBodyBytes) {
            throw new ProblemException(413, "Content Too Large", "request bodies are limited to " + maxBodyBytes + " bytes");
        }
        RouteTable.Match match = routes.match(request.method(), request.path()).orElseThrow(() -> noRoute(request));
        Route route = match.route();
        Optional<Caller> caller = Optional.empty();
        if (route.access() != Access.PUBLIC) {
            Caller c = authenticator.authenticate(request);
            rateLimiter.acquire(c.principalId());
            if (!RoleTable.allows(c.role(), route.access())) {
                throw ProblemException.forbidden(route.access() == Access.OPERATOR ? "this route is for operator keys"
                        : "the role " + c.role() + " may not call " + route.method() + " " + route.template());
            }
            caller = Optional.of(c);
        }
        ApiCall call = new ApiCall(request, match.pathParameters(), caller);
        // Clients only ever hold sealed cursors; routes and repositories see the listing's own.
        Optional<String> sealed = request.queryParameter("cursor");
        if (sealed.isPresent()) {
            call = new ApiCall(request.withQueryParameter("cursor", cursors.open(sealed.get(), call.cursorContext())),
                    match.pathParameters(), caller);
        }
        return route.endpoint().handle(call);
    }

    private ProblemException noRoute(HttpRequest request) {
        var methods = routes.methodsFor(request.path());
        if (methods.isEmpty()) {
            return new ProblemException(404, "Not Found", "no such resource: " + request.path());
        }
        return new ProblemException(405, "Method Not Allowed", request.method() + " is not supported here",
                List.of(), Map.of("allow", String.join(", ", methods)));
    }
}
