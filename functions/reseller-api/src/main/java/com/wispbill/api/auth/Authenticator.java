package com.wispbill.api.auth;

import com.wispbill.adapters.repository.ApiKeyRepository;
import com.wispbill.adapters.repository.ResellerRepository;
import com.wispbill.adapters.http.ProblemException;
import com.wispbill.adapters.http.HttpRequest;
import com.wispbill.domain.ApiKey;
import com.wispbill.domain.ApiKeys;
import com.wispbill.domain.Reseller;
import java.util.Optional;

/**
 * Finds the caller from {@code Authorization: Bearer <credential>} or {@code x-api-key: <key>}. A staff session
 * token ({@code wbs_...}) goes to {@link StaffSignIn#authenticate} (one BatchGetItem); an API key is one strongly
 * consistent read of the key's hash and one of its reseller, so a revoked key stops working on the next request.
 * Unknown, malformed and revoked credentials all get the same 401, which tells a guesser nothing.
 */
public final class Authenticator {
    private static final String BEARER = "bearer ";

    private final ApiKeyRepository apiKeys;
    private final ResellerRepository resellers;
    private final StaffSignIn sessions;

    public Authenticator(ApiKeyRepository apiKeys, ResellerRepository resellers, StaffSignIn sessions) {
        this.apiKeys = apiKeys;
        this.resellers = resellers;
        this.sessions = sessions;
    }

    public Caller authenticate(HttpRequest request) {
        String secret = presentedSecret(request)
                .orElseThrow(() -> ProblemException.unauthorized("send your API key as 'Authorization: Bearer <key>'"));
        Caller caller = SessionTokens.isSession(secret) ? sessions.authenticate(secret) : keyCaller(secret);
        // One rule for both credentials: a suspended reseller's keys and staff sessions are refused alike.
        if (!caller.reseller().isActive()) {
            throw ProblemException.forbidden("reseller account is suspended");
        }
        return caller;
    }

    private Caller keyCaller(String secret) {
        ApiKey key = apiKeys.findByHash(ApiKeys.hash(secret))
                .filter(ApiKey::isActive)
                .orElseThrow(() -> ProblemException.unauthorized("the API key is not valid"));
        Reseller reseller = resellers.find(key.resellerId())
                .orElseThrow(() -> ProblemException.unauthorized("the API key is not valid"));
        return Caller.ofKey(key, reseller);
    }

    private static Optional<String> presentedSecret(HttpRequest request) {
        Optional<String> authorization = request.header("authorization");
        if (authorization.isPresent()) {
            String value = authorization.get();
            if (value.length() > BEARER.length() && value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return Optional.of(value.substring(BEARER.length()).strip()).filter(s -> !s.isEmpty());
            }
            return Optional.empty();
        }
        return request.header("x-api-key").map(String::strip).filter(s -> !s.isEmpty());
    }
}
