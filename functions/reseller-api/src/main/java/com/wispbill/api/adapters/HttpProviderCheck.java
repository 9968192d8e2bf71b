package com.wispbill.api.adapters;

import com.wispbill.api.service.ProviderCheck;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.payment.provider.ProviderHttp;
import com.wispbill.payment.provider.ProviderUnavailableException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

/**
 * {@link ProviderCheck} over HTTPS to the providers' APIs (base URLs as the payment functions have them: the
 * production hosts, or the local stand-ins). One call each, a few seconds at most; keys only in headers.
 */
public final class HttpProviderCheck implements ProviderCheck {
    /** Base URLs of Daraja, Paystack, Stripe and the Midtrans API host. */
    public record Endpoints(URI mpesa, URI paystack, URI stripe, URI midtransApi) {
        public static final Endpoints PRODUCTION = new Endpoints(URI.create("https://api.safaricom.co.ke"),
                URI.create("https://api.paystack.co"), URI.create("https://api.stripe.com"), URI.create("https://api.midtrans.com"));
    }

    private final Endpoints endpoints;
    /** Connect within 3 s, an answer within 8 s (ProviderHttp's defaults). */
    private final ProviderHttp http;

    /** With the function's one provider HTTP client (its TLS set-up and selector thread are not built twice). */
    public HttpProviderCheck(Endpoints endpoints, ProviderHttp http) {
        this.endpoints = endpoints;
        this.http = http;
    }

    /** With a provider HTTP client of its own: for tools and tests that have none. */
    public HttpProviderCheck(Endpoints endpoints) {
        this(endpoints, new ProviderHttp());
    }

    @Override
    public Outcome check(PaymentProvider provider, Map<String, String> keys) {
        String probe = "wispbill-key-check-" + UUID.randomUUID();
        return switch (provider) {
            case MPESA -> {
                ProviderHttp.Response a = get(endpoints.mpesa(), "/oauth/v1/generate?grant_type=client_credentials",
                        ProviderHttp.basic(keys.get("consumerKey"), keys.get("consumerSecret")));
                yield a.status() == 200 && a.body().hasNonNull("access_token") ? new Outcome(true, "Daraja issued a token")
                        : refusedOrUnreachable(provider, a, a.body().path("errorMessage").asText("refused"));
            }
            case PAYSTACK -> {
                ProviderHttp.Response a = get(endpoints.paystack(), "/transaction/verify/" + probe, "Bearer " + keys.get("secretKey"));
                yield a.status() == 401 ? new Outcome(false, a.body().path("message").asText("invalid key"))
                        : accepted(provider, a);
            }
            case STRIPE -> {
                ProviderHttp.Response a = get(endpoints.stripe(), "/v1/checkout/sessions/" + probe, "Bearer " + keys.get("secretKey"));
                yield a.status() == 401 ? new Outcome(false, a.body().path("error").path("message").asText("invalid key"))
                        : accepted(provider, a);
            }
            case MIDTRANS -> {
                ProviderHttp.Response a = get(endpoints.midtransApi(), "/v2/" + probe + "/status", ProviderHttp.basic(keys.get("serverKey"), ""));
                // Midtrans may answer HTTP 200 with the status in the body.
                boolean unauthorised = a.status() == 401 || "401".equals(a.body().path("status_code").asText());
                yield unauthorised ? new Outcome(false, a.body().path("status_message").asText("invalid server key"))
                        : accepted(provider, a);
            }
        };
    }

    private static Outcome accepted(PaymentProvider provider, ProviderHttp.Response a) {
        if (a.status() >= 500) {
            throw new Unreachable(provider.slug() + " answered " + a.status(), null);
        }
        return new Outcome(true, provider.slug() + " accepted the keys");
    }

    private static Outcome refusedOrUnreachable(PaymentProvider provider, ProviderHttp.Response a, String detail) {
        if (a.status() >= 500) {
            throw new Unreachable(provider.slug() + " answered " + a.status(), null);
        }
        return new Outcome(false, detail);
    }

    private ProviderHttp.Response get(URI base, String pathAndQuery, String authorization) {
        try {
            return http.get(ProviderHttp.join(base, pathAndQuery), Map.of("Authorization", authorization));
        } catch (ProviderUnavailableException e) {
            throw new Unreachable("could not reach " + base.getHost() + ": " + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName(), e);
        }
    }
}
