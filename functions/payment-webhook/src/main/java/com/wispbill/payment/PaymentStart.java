package com.wispbill.payment;

import com.wispbill.adapters.repository.PaymentRepository;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.Payment;
import com.wispbill.domain.ValidationException;
import com.wispbill.payment.provider.Initiation;
import com.wispbill.payment.provider.PaymentRequest;
import com.wispbill.payment.provider.ProviderAdapter;
import com.wispbill.payment.provider.ProviderConfigurationException;
import com.wispbill.payment.provider.ProviderCredentials;
import com.wispbill.payment.provider.ProviderRejectedException;
import com.wispbill.payment.provider.ProviderUnavailableException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start of every provider payment, whoever asks for it (a portal's customer, a reseller's STK push from the API):
 * the PENDING payment is stored with everything needed to find it again before the provider hears of it, the
 * provider is asked with callbacks to the deployment's configured public URL (never a request's Host header), and
 * the provider's reference is attached. A refusal closes the payment FAILED; a lost answer leaves it PENDING only
 * when the prompt may be on the customer's phone (the callback or the reconciler settles it).
 */
public final class PaymentStart {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentStart.class);

    private final PaymentRepository payments;
    /** Empty until the deployment's PaymentCallbackBaseUrl is set (it cannot be known before the first deploy). */
    private final Optional<URI> callbackBaseUrl;
    private final Clock clock;

    public PaymentStart(PaymentRepository payments, Optional<URI> callbackBaseUrl, Clock clock) {
        this.payments = payments;
        this.callbackBaseUrl = callbackBaseUrl;
        this.clock = clock;
    }

    /** What was started; {@code initiation} is empty when the provider's answer was lost and the payment left PENDING. */
    public record Started(Payment payment, Optional<Initiation> initiation) {
    }

    /**
     * Starts {@code created} (a new PENDING payment, not stored yet) with {@code adapter}. {@code returnPath}: where a
     * hosted checkout sends the customer back, under the public URL, unless {@code returnUrl} is given.
     */
    public Started start(Payment created, ProviderAdapter adapter, ProviderCredentials creds, String description,
                         Optional<URI> returnUrl, String returnPath, Optional<String> email) {
        Payment payment = created;
        // Our id (M-Pesa AccountReference, Stripe client_reference_id), payer, amount and, where we choose it, the
        // provider's reference (Paystack reference, Midtrans order id) are stored before the provider hears of it.
        Optional<String> ourReference = adapter.referenceBeforeInitiation(payment);
        if (ourReference.isPresent()) {
            payment = payment.withProviderReference(ourReference.get(), clock);
        }
        String base = callbackBase();
        URI callbackUrl = URI.create(base + "/webhooks/" + payment.provider().slug() + "/" + creds.callbackPathToken());
        URI back = returnUrl.orElseGet(() -> URI.create(base + returnPath));
        PaymentRequest request = new PaymentRequest(payment, description, callbackUrl, back, email);

        payments.create(payment);
        Initiation initiation;
        try {
            initiation = adapter.initiate(request, creds);
        } catch (ValidationException | ProviderRejectedException | ProviderConfigurationException e) {
            payments.transition(payment, payment.fail(e.getMessage(), clock));
            throw e;
        } catch (ProviderUnavailableException e) {
            if (e.mayHaveReachedProvider() && adapter.reachesCustomerDirectly()) {
                // The prompt may be on the phone although the answer is lost: the customer can pay.
                LOG.warn("payment {} of reseller {}: {} answer lost ({}); left PENDING without a reference",
                        payment.id(), payment.resellerId(), payment.provider(), e.getMessage());
                return new Started(payment, Optional.empty());
            }
            // Nothing reached the customer (no checkout page without the provider's answer): nothing can be paid.
            payments.transition(payment, payment.fail("provider unavailable: " + e.getMessage(), clock));
            throw e;
        }
        if (payment.providerReference().isEmpty()) {
            Payment referenced = payment.withProviderReference(initiation.reference(), clock);
            try {
                payments.attachProviderReference(payment, referenced);
                payment = referenced;
            } catch (ConflictException e) {
                // A fast callback may have matched the payment by payer and amount first: same reference, all is well.
                Payment stored = payments.get(payment.resellerId(), payment.id());
                if (!stored.providerReference().equals(Optional.of(initiation.reference()))) {
                    throw e;
                }
                payment = stored;
            }
        }
        return new Started(payment, Optional.of(initiation));
    }

    private String callbackBase() {
        String base = callbackBaseUrl.orElseThrow(() -> new ProviderConfigurationException(
                "the deployment's PaymentCallbackBaseUrl is not set: providers would have no URL to call back")).toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
