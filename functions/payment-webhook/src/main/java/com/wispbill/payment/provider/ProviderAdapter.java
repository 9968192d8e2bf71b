package com.wispbill.payment.provider;

import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything provider-specific: how to start a payment, how a callback proves its origin, what it
 * means, and how to ask about a payment. Adding a provider is one implementation plus one line in
 * {@link ProviderAdapters}.
 */
public interface ProviderAdapter {
    PaymentProvider provider();

    /**
     * The reference the provider will know the payment by when we choose it (our payment id as Paystack
     * reference or Midtrans order id): stored with the payment before the provider is called, so the
     * payment can be asked about even if the provider's answer is lost. Empty when the provider makes
     * up its own (M-Pesa CheckoutRequestID, Stripe session id).
     */
    default Optional<String> referenceBeforeInitiation(Payment payment) {
        return Optional.empty();
    }

    /**
     * Whether the provider prompts the customer itself (STK push on the phone), so the customer may pay
     * even when the provider's answer to us was lost; hosted checkouts need the URL from that answer.
     */
    default boolean reachesCustomerDirectly() {
        return false;
    }

    /**
     * How long after it started the customer can still complete a payment at this provider. After it
     * (and a grace period) the reconciler ends a payment the provider still calls unpaid.
     */
    default Duration checkoutWindow() {
        return Duration.ofHours(24);
    }

    /** The payer's number (E.164) a verified callback names, when the provider sends it (M-Pesa CallbackMetadata PhoneNumber). */
    default Optional<String> payerPhone(WebhookRequest request) {
        return Optional.empty();
    }

    /** Starts collecting the payment (STK push, hosted checkout); the reference identifies it from now on. */
    Initiation initiate(PaymentRequest request, ProviderCredentials credentials);

    /**
     * Checks the callback's proof of origin on its exact bytes. The reseller's secret path token has
     * already been checked by the caller for every provider; this adds the provider's own signature.
     */
    Verification verify(WebhookRequest request, ProviderCredentials credentials, Instant now);

    /** Reads a verified callback; {@link MalformedCallbackException} if it is not one we understand. */
    ProviderUpdate read(WebhookRequest request);

    /**
     * Whether a success callback must be confirmed with {@link #query} before anything is granted,
     * because the callback itself proves too little (M-Pesa: unsigned; Midtrans: the signature does
     * not cover the transaction status).
     */
    boolean confirmsByQuery();

    /** Asks the provider where the payment is now (reconciler; confirmation before a grant). */
    ProviderUpdate query(Payment payment, ProviderCredentials credentials);

    /** Whether the provider needs the customer's e-mail to start a payment (checked before anything is written). */
    default boolean requiresEmail() {
        return false;
    }

    /** HTTP status for a callback that failed verification (see docs/payments.md, response policy). */
    int rejectedStatus();

    /** The body the provider expects with a 2xx acknowledgement. */
    default String acknowledgement() {
        return "{\"received\":true}";
    }
}
