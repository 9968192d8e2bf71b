package com.wispbill.payment.provider;

import java.util.Objects;
import java.util.Optional;

/**
 * The provider accepted a payment request.
 *
 * @param reference       the provider's handle for it, stored on the payment to match callbacks
 * @param checkoutUrl     where the customer pays (hosted checkout), if the provider works that way
 * @param customerMessage what to show meanwhile ("check your phone")
 */
public record Initiation(String reference, Optional<String> checkoutUrl, String customerMessage) {
    public Initiation {
        Objects.requireNonNull(reference, "reference");
        checkoutUrl = Objects.requireNonNullElse(checkoutUrl, Optional.empty());
        customerMessage = customerMessage == null ? "" : customerMessage;
    }
}
