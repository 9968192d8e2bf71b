package com.wispbill.api.service;

import com.wispbill.adapters.repository.CustomerRepository;
import com.wispbill.adapters.repository.PaymentRepository;
import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.adapters.repository.SubscriptionRepository;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PhoneNumbers;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionStatus;
import com.wispbill.payment.provider.CredentialsSource;
import com.wispbill.payment.provider.Initiation;
import com.wispbill.payment.provider.MpesaAdapter;
import com.wispbill.payment.provider.PaymentRequest;
import com.wispbill.payment.provider.ProviderCredentials;
import com.wispbill.payment.provider.ProviderRejectedException;
import com.wispbill.payment.provider.ProviderUnavailableException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * An M-Pesa STK push the reseller sends a subscriber from the API: a PENDING renewal payment of the
 * subscription's plan, and the prompt on the customer's phone. Only the request is made here; the payment
 * is settled (and the subscription renewed) by the payment webhook's callback or the reconciler, the one
 * grant path every provider payment takes.
 */
public final class StkRenewalService {
    private final SubscriptionRepository subscriptions;
    private final CustomerRepository customers;
    private final PlanRepository plans;
    private final PaymentRepository payments;
    private final CredentialsSource credentials;
    private final MpesaAdapter mpesa;
    private final Clock clock;

    public StkRenewalService(SubscriptionRepository subscriptions, CustomerRepository customers, PlanRepository plans,
                             PaymentRepository payments, CredentialsSource credentials, MpesaAdapter mpesa, Clock clock) {
        this.subscriptions = subscriptions;
        this.customers = customers;
        this.plans = plans;
        this.payments = payments;
        this.credentials = credentials;
        this.mpesa = mpesa;
        this.clock = clock;
    }

    /** The payment as stored, and what M-Pesa told the customer (empty when its answer was lost). */
    public record StkRequested(Payment payment, Optional<String> customerMessage) {
    }

    /**
     * Pushes the plan's price to {@code phone} (default: the customer's), with callbacks to
     * {@code apiBase}{@code /webhooks/mpesa/<pathToken>}.
     */
    public StkRequested push(Reseller reseller, String subscriptionId, Optional<String> phone, URI apiBase) {
        Subscription subscription = subscriptions.get(reseller.id(), subscriptionId);
        if (subscription.status() == SubscriptionStatus.CANCELLED) {
            throw new ConflictException("subscription " + subscriptionId + " has ended");
        }
        String payer = phone.map(p -> PhoneNumbers.requireE164(p, "phone"))
                .orElseGet(() -> customers.get(reseller.id(), subscription.customerId()).phone());
        ProviderCredentials creds = credentials.find(reseller.id(), PaymentProvider.MPESA).orElseThrow(() ->
                new ConflictException("no M-Pesa credentials: set them first"));
        Plan plan = plans.get(reseller.id(), subscription.planId());
        Payment payment = Payment.forRenewal(reseller.id(), payer, plan, PaymentProvider.MPESA, subscription.id(), clock);
        String base = apiBase.toString().replaceAll("/+$", "");
        URI callback = URI.create(base + "/webhooks/" + PaymentProvider.MPESA.slug() + "/" + creds.callbackPathToken());
        payments.create(payment);
        Initiation initiation;
        try {
            initiation = mpesa.initiate(new PaymentRequest(payment, plan.name(), callback, URI.create(base), Optional.empty()), creds);
        } catch (ProviderRejectedException e) {
            payments.transition(payment, payment.fail(e.getMessage(), clock));
            throw new ConflictException("M-Pesa refused the push: " + e.getMessage());
        } catch (ProviderUnavailableException e) {
            if (e.mayHaveReachedProvider()) {
                // The prompt may be on the phone: the callback (matched by payer and amount) or the reconciler settles it.
                return new StkRequested(payment, Optional.empty());
            }
            payments.transition(payment, payment.fail("M-Pesa unavailable: " + e.getMessage(), clock));
            throw e;
        }
        Payment sent = payment.withProviderReference(initiation.reference(), clock);
        payments.attachProviderReference(payment, sent);
        return new StkRequested(sent, Optional.of(initiation.customerMessage()));
    }
}
