package com.wispbill.api.service;

import com.wispbill.domain.PaymentProvider;
import java.util.Map;

/**
 * Asks a payment provider whether a reseller's keys are good, with the cheapest authenticated call it has
 * (Daraja: an OAuth token; Paystack: verify a made-up reference; Stripe: retrieve a made-up Checkout Session;
 * Midtrans: the status of a made-up order): the provider's "invalid key" answer means refused, its "no such
 * transaction" means the keys were accepted.
 */
public interface ProviderCheck {
    /** {@code detail}: the provider's words, for people; never a key. */
    record Outcome(boolean accepted, String detail) {
    }

    /** @throws Unreachable when the provider cannot be asked (network, 5xx): nothing is known about the keys */
    Outcome check(PaymentProvider provider, Map<String, String> keys);

    final class Unreachable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
