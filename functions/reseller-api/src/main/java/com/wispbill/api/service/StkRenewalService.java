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
import com.wispbill.payment.PaymentStart;
import com.wispbill.payment.provider.CredentialsSource;
import com.wispbill.payment.provider.Initiation;
import com.wispbill.payment.provider.MpesaAdapter;
import com.wispbill.payment.provider.ProviderConfigurationException;
import com.wispbill.payment.provider.ProviderCredentials;
import com.wispbill.payment.provider.ProviderRejectedException;
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
    private final CredentialsSource credentials;
    private final MpesaAdapter mpesa;
    private final PaymentStart start;
    private final Clock clock;

    /** {@code callbackBaseUrl}: the deployment's PaymentCallbackBaseUrl, where Daraja calls the payment webhook back. */
    public StkRenewalService(SubscriptionRepository subscriptions, CustomerRepository customers, PlanRepository plans,
                             PaymentRepository payments, CredentialsSource credentials, MpesaAdapter mpesa,
                             Optional<URI> callbackBaseUrl, Clock clock) {
        this.subscriptions = subscriptions;
        this.customers = customers;
        this.plans = plans;
        this.credentials = credentials;
        this.mpesa = mpesa;
        this.start = new PaymentStart(payments, callbackBaseUrl, clock);
        this.clock = clock;
    }

    /** The payment as stored, and what M-Pesa told the customer (empty when its answer was lost). */
    public record StkRequested(Payment payment, Optional<String> customerMessage) {
    }

    /**
     * Pushes the plan's price to {@code phone} (default: the customer's), started as every provider payment is
     * ({@link PaymentStart}): callbacks to the configured public URL's {@code /webhooks/mpesa/<pathToken>}.
     */
    public StkRequested push(Reseller reseller, String subscriptionId, Optional<String> phone) {
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
        PaymentStart.Started started;
        try {
            started = start.start(payment, mpesa, creds, plan.name(), Optional.empty(), "", Optional.empty());
        } catch (ProviderRejectedException e) {
            throw new ConflictException("M-Pesa refused the push: " + e.getMessage());
        } catch (ProviderConfigurationException e) {
            // The public URL is not configured (nothing stored) or the keys are not usable (the payment is FAILED).
            throw new ConflictException("no STK push can be sent: " + e.getMessage());
        }
        return new StkRequested(started.payment(), started.initiation().map(Initiation::customerMessage));
    }
}
