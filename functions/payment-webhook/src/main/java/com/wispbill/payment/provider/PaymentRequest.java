package com.wispbill.payment.provider;

import com.wispbill.domain.Payment;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider needs to start collecting {@code payment}.
 *
 * @param description  a short text the customer sees (plan name)
 * @param callbackUrl  our webhook URL for this reseller and provider (M-Pesa takes it per request)
 * @param returnUrl    where a hosted checkout sends the customer back (the login page)
 * @param email        the customer's e-mail, for providers that require one (Paystack)
 */
public record PaymentRequest(Payment payment, String description, URI callbackUrl, URI returnUrl, Optional<String> email) {
    public PaymentRequest {
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(callbackUrl, "callbackUrl");
        Objects.requireNonNull(returnUrl, "returnUrl");
        email = Objects.requireNonNullElse(email, Optional.empty());
    }
}
