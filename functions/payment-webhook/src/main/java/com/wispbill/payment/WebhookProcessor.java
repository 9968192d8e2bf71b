package com.wispbill.payment;

import com.wispbill.domain.payment.CallbackPathTokens;
import com.wispbill.adapters.http.HttpEvents;
import com.wispbill.adapters.repository.SettlementReads.SaleContext;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.payment.PaymentReview;
import com.wispbill.payment.provider.CredentialsSource;
import com.wispbill.payment.provider.MalformedCallbackException;
import com.wispbill.payment.provider.ProviderAdapter;
import com.wispbill.payment.provider.ProviderAdapters;
import com.wispbill.payment.provider.ProviderCredentials;
import com.wispbill.payment.provider.ProviderUnavailableException;
import com.wispbill.payment.provider.ProviderUpdate;
import com.wispbill.payment.provider.ProviderUpdate.Outcome;
import com.wispbill.domain.Signatures;
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
 *   <li>an outcome from a provider whose callback proves too little is confirmed by a status query;</li>
 *   <li>{@link PaymentSettlement} applies it once (a success only for exactly the order's amount).</li>
 * </ol>
 * Refusals write nothing but a {@link SecurityLog} entry. The reply follows the provider's rules
 * (docs/payments.md): 2xx once the outcome is durable (or nothing needs doing), the provider's
 * rejection status for failed verification, 503 when a retry could succeed.
 */
public final class WebhookProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookProcessor.class);

    /** Largest callback body read (a Stripe checkout session event, the largest, is well under 16 KiB). */
    public static final int MAX_BODY_BYTES = HttpEvents.MAX_WEBHOOK_BODY_BYTES;

    /** The HTTP answer for the provider. */
    public record Reply(int status, String body) {
    }

    private final ProviderAdapters adapters;
    private final CredentialsSource credentials;
    private final PaymentRepositories repos;
    private final PaymentSettlement settlement;
    private final SecurityLog security;
    private final Clock clock;
    private final LostAnswerRecovery lostAnswers;

    public WebhookProcessor(ProviderAdapters adapters, CredentialsSource credentials, PaymentRepositories repos,
                            PaymentSettlement settlement, SecurityLog security, Clock clock) {
        this.adapters = adapters;
        this.credentials = credentials;
        this.repos = repos;
        this.settlement = settlement;
        this.security = security;
        this.clock = clock;
        this.lostAnswers = new LostAnswerRecovery(repos, clock);
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
            creds = credentials.findForPathToken(resellerId.get(), provider, pathToken);
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
            return apply(adapter, resellerId.get(), creds.get(), update, request);
        } catch (ProviderUnavailableException e) {
            LOG.warn("{} callback {} not applied, provider unavailable: {}", provider, update.eventId(), e.getMessage());
            return new Reply(503, "{\"message\":\"try again\"}");
        }
    }

    /**
     * A callback body over {@link #MAX_BODY_BYTES}: 413, decided from the path and the size alone (no
     * parsing, no secret read, nothing written), with a security log line.
     */
    public Reply tooLarge(String providerSlug, String pathToken, long bodyBytes) {
        String resellerId = CallbackPathTokens.resellerOf(pathToken).orElse("-");
        try {
            security.refused(PaymentProvider.fromSlug(providerSlug), resellerId,
                    "body of " + bodyBytes + " bytes is over " + MAX_BODY_BYTES);
        } catch (NotFoundException e) {
            LOG.warn("callback body of {} bytes for unknown provider refused", bodyBytes);
        }
        return new Reply(413, "{\"message\":\"payload too large\"}");
    }

    private Reply apply(ProviderAdapter adapter, String resellerId, ProviderCredentials creds, ProviderUpdate update,
                        WebhookRequest request) {
        PaymentProvider provider = adapter.provider();
        Reply ack = new Reply(200, adapter.acknowledgement());
        if (update.outcome() == Outcome.IGNORED) {
            return ack;
        }
        // Payment, reseller, plan and subscription in two round trips (SettlementReads).
        Optional<SaleContext> found = update.reference()
                .flatMap(ref -> repos.settlementReads().byProviderReference(resellerId, provider, ref))
                .or(() -> update.paymentId().flatMap(id -> repos.settlementReads().byPaymentId(resellerId, id)))
                .filter(c -> c.payment().resellerId().equals(resellerId) && c.payment().provider() == provider);
        if (found.isEmpty()) {
            // The provider's answer to our request may have been lost: match by payer and amount, or keep it.
            found = lostAnswers.matchCallback(adapter, resellerId, creds, update, adapter.payerPhone(request)).map(SaleContext::of);
        }
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
        Payment payment = found.get().payment();
        if (PaymentSettlement.withoutWrite(payment.status(), update.outcome()).isPresent()) {
            // A redelivery of what was applied (by this callback or the reconciler), or news that no longer
            // matters: answered from the payment already read, without asking the provider again.
            return ack;
        }
        if (adapter.confirmsByQuery() && update.outcome() != Outcome.PENDING) {
            // The callback proves too little (M-Pesa: unsigned; Midtrans: the signature leaves out the
            // status), so any outcome is applied only once the provider's own API says the same: a
            // settlement relabelled "cancel" or "refund" changes nothing, and the genuine one still grants.
            ProviderUpdate confirmed = adapter.query(payment, creds);
            if (confirmed.outcome() != update.outcome()) {
                // A payment still PENDING is settled later by the reconciler from the provider's answer.
                security.refused(provider, resellerId, update.outcome() + " for payment " + payment.id()
                        + " not confirmed by the provider (" + confirmed.outcome() + " " + confirmed.detail() + ")");
                return ack;
            }
        }
        if (settlement.apply(found.get(), update) == PaymentSettlement.Result.AMOUNT_MISMATCH) {
            security.refused(provider, resellerId, "success " + update.eventId() + " for payment " + payment.id()
                    + " not granted, recorded for review: " + PaymentSettlement.amountProblem(payment, update).orElse(""));
        }
        return ack;
    }

    private Reply refuse(ProviderAdapter adapter, String resellerId, String reason) {
        security.refused(adapter.provider(), resellerId, reason);
        return new Reply(adapter.rejectedStatus(), "{\"message\":\"refused\"}");
    }
}
