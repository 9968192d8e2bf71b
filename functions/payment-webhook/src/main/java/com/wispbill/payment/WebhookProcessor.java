package com.wispbill.payment;

import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.domain.payment.PaymentReview;
import com.wispbill.payment.provider.CredentialsSource;
import com.wispbill.payment.provider.MalformedCallbackException;
import com.wispbill.payment.provider.ProviderAdapter;
import com.wispbill.payment.provider.ProviderAdapters;
import com.wispbill.payment.provider.ProviderCredentials;
import com.wispbill.payment.provider.ProviderUnavailableException;
import com.wispbill.payment.provider.ProviderUpdate;
import com.wispbill.payment.provider.ProviderUpdate.Outcome;
import com.wispbill.payment.provider.Signatures;
import com.wispbill.payment.provider.Verification;
import com.wispbill.payment.provider.WebhookRequest;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider callback, from proof of origin to a settled payment:
 * <ol>
 *   <li>the path token names the reseller and must equal the one in that reseller's credentials;</li>
 *   <li>the provider's signature is checked on the exact bytes;</li>
 *   <li>the payment is found by the provider reference (or our id echoed in metadata) within that reseller;
 *       an unknown one is recorded for review and acknowledged;</li>
 *   <li>a success from a provider whose callback proves too little is confirmed by a status query;</li>
 *   <li>{@link PaymentSettlement} applies it once.</li>
 * </ol>
 * Refusals write nothing but a {@link SecurityLog} entry. The reply follows the provider's rules
 * (docs/payments.md): 2xx once the outcome is durable (or nothing needs doing), the provider's
 * rejection status for failed verification, 503 when a retry could succeed.
 */
public final class WebhookProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookProcessor.class);

    /** The HTTP answer for the provider. */
    public record Reply(int status, String body) {
    }

    private final ProviderAdapters adapters;
    private final CredentialsSource credentials;
    private final PaymentRepositories repos;
    private final PaymentSettlement settlement;
    private final SecurityLog security;
    private final Clock clock;

    public WebhookProcessor(ProviderAdapters adapters, CredentialsSource credentials, PaymentRepositories repos,
                            PaymentSettlement settlement, SecurityLog security, Clock clock) {
        this.adapters = adapters;
        this.credentials = credentials;
        this.repos = repos;
        this.settlement = settlement;
        this.security = security;
        this.clock = clock;
    }

    public Reply handle(String providerSlug, String pathToken, WebhookRequest request) {
        PaymentProvider provider;
        try {
            provider = PaymentProvider.fromSlug(providerSlug);
        } catch (NotFoundException e) {
            return new Reply(404, "{\"message\":\"Not Found\"}");
        }
        ProviderAdapter adapter = adapters.get(provider);
        Optional<String> resellerId = CallbackPathTokens.resellerOf(pathToken);
        if (resellerId.isEmpty()) {
            return refuse(adapter, "-", "path token is not a token");
        }
        Optional<ProviderCredentials> creds;
        try {
            creds = credentials.find(resellerId.get(), provider);
        } catch (RuntimeException e) {
            LOG.error("credentials of reseller {} for {} could not be read", resellerId.get(), provider, e);
            return new Reply(503, "{\"message\":\"try again\"}");
        }
        if (creds.isEmpty()) {
            return refuse(adapter, resellerId.get(), "reseller has no " + provider + " credentials");
        }
        if (!Signatures.textEquals(creds.get().callbackPathToken(), pathToken)) {
            return refuse(adapter, resellerId.get(), "wrong path token");
        }
        Verification verification = adapter.verify(request, creds.get(), clock.instant());
        if (!verification.verified()) {
            return refuse(adapter, resellerId.get(), verification.failure().orElse("not verified"));
        }
        ProviderUpdate update;
        try {
            update = adapter.read(request);
        } catch (MalformedCallbackException e) {
            security.refused(provider, resellerId.get(), "verified but unreadable: " + e.getMessage());
            return new Reply(400, "{\"message\":\"unreadable notification\"}");
        }
        try {
            return apply(adapter, resellerId.get(), creds.get(), update);
        } catch (ProviderUnavailableException e) {
            LOG.warn("{} callback {} not applied, provider unavailable: {}", provider, update.eventId(), e.getMessage());
            return new Reply(503, "{\"message\":\"try again\"}");
        }
    }

    private Reply apply(ProviderAdapter adapter, String resellerId, ProviderCredentials creds, ProviderUpdate update) {
        PaymentProvider provider = adapter.provider();
        Reply ack = new Reply(200, adapter.acknowledgement());
        if (update.outcome() == Outcome.IGNORED) {
            return ack;
        }
        Optional<Payment> found = update.reference().flatMap(ref -> repos.payments().findByProviderReference(provider, ref))
                .or(() -> update.paymentId().flatMap(id -> repos.payments().find(resellerId, id)))
                .filter(p -> p.resellerId().equals(resellerId) && p.provider() == provider);
        if (found.isEmpty()) {
            boolean recorded = repos.reviews().recordIfNew(new PaymentReview(resellerId, provider,
                    PaymentSettlement.reviewKey(update.eventId()), PaymentReview.Reason.UNKNOWN_REFERENCE, Optional.empty(),
                    update.reference(), update.outcome() + " " + update.detail(), clock.instant()));
            if (recorded) {
                LOG.warn("{} notification {} for an unknown payment of reseller {} recorded for review", provider,
                        update.eventId(), resellerId);
            }
            return ack;
        }
        Payment payment = found.get();
        if (update.outcome() == Outcome.SUCCEEDED) {
            if (update.amount().isPresent() && !update.amount().get().equals(payment.amount())) {
                security.refused(provider, resellerId, "amount " + update.amount().get() + " differs from payment "
                        + payment.id() + " (" + payment.amount() + ")");
                return ack;
            }
            if (payment.status() == PaymentStatus.PENDING && adapter.confirmsByQuery()) {
                ProviderUpdate confirmed = adapter.query(payment, creds);
                if (confirmed.outcome() != Outcome.SUCCEEDED
                        || confirmed.amount().map(a -> !a.equals(payment.amount())).orElse(false)) {
                    // Not (yet) confirmed: the reconciler settles it from the provider's own answer later.
                    security.refused(provider, resellerId, "success for payment " + payment.id()
                            + " not confirmed by the provider (" + confirmed.outcome() + " " + confirmed.detail() + ")");
                    return ack;
                }
            }
        }
        PaymentSettlement.Result result = settlement.apply(payment, update);
        if (result == PaymentSettlement.Result.AMOUNT_MISMATCH) {
            security.refused(provider, resellerId, "amount differs from payment " + payment.id());
        }
        return ack;
    }

    private Reply refuse(ProviderAdapter adapter, String resellerId, String reason) {
        security.refused(adapter.provider(), resellerId, reason);
        return new Reply(adapter.rejectedStatus(), "{\"message\":\"refused\"}");
    }
}
