package com.wispbill.api.service;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.PaybillRepository;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Validation;
import com.wispbill.domain.paybill.PaybillPayment;
import com.wispbill.domain.payment.DarajaUrlWords;
import com.wispbill.payment.Paybill;
import com.wispbill.payment.provider.CredentialsSource;
import com.wispbill.payment.provider.MpesaAdapter;
import com.wispbill.payment.provider.ProviderCredentials;
import com.wispbill.payment.provider.ProviderRejectedException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The reseller's M-Pesa paybill (C2B): registering the validation and confirmation URLs with Daraja, the
 * "refuse unknown account numbers" setting the validation URL follows, and the payments waiting for review,
 * assigned to a subscriber (renewed through the webhook's settlement, {@link Paybill}) or closed with a refund note.
 */
public final class PaybillService {
    private final PaybillRepository paybillPayments;
    private final Paybill paybill;
    private final CredentialsSource credentials;
    private final MpesaAdapter mpesa;
    private final ProviderKeysService providerKeys;

    public PaybillService(PaybillRepository paybillPayments, Paybill paybill, CredentialsSource credentials, MpesaAdapter mpesa,
                          ProviderKeysService providerKeys) {
        this.paybillPayments = paybillPayments;
        this.paybill = paybill;
        this.credentials = credentials;
        this.mpesa = mpesa;
        this.providerKeys = providerKeys;
    }

    /** What was registered: the URLs Daraja will call (they hold the reseller's secret path token). */
    public record Registration(String shortCode, URI confirmationUrl, URI validationUrl) {
    }

    /**
     * Registers {@code <apiBase>/webhooks/paybill/<pathToken>/confirmation} and {@code .../validation} for the
     * short code of the reseller's M-Pesa credentials. {@code apiBase}: where this API is served (the
     * webhooks are on the same HTTP API).
     *
     * <p>An M-Pesa path token made before tokens avoided Daraja's forbidden words ({@link DarajaUrlWords}) and
     * holding one (its reseller id spells EXE, CMD, MPESA...) is rotated first, so the registration goes through
     * in one tap instead of a 409 sending a reseller on a phone to another page and back. Nothing else uses the
     * M-Pesa token that the reseller must update: STK pushes carry their callback URL themselves, and a push whose
     * callback goes to the old URL meanwhile stays PENDING until the reconciler asks Daraja about it.
     */
    public Registration register(Reseller reseller, URI apiBase) {
        // The keys as stored now, not as cached, and token and short code from that one read: a token rotated or keys
        // saved (a new short code, keys reconnected after a removal) a minute ago are the ones to register.
        ProviderCredentials creds = credentials.findNow(reseller.id(), PaymentProvider.MPESA).orElseThrow(PaybillService::noCredentials);
        String token = creds.optional(ProviderCredentials.CALLBACK_PATH_TOKEN).filter(t -> !t.isBlank())
                .orElseThrow(PaybillService::noCredentials);
        if (DarajaUrlWords.refused(token)) {
            String path = providerKeys.rotateWebhookToken(reseller, PaymentProvider.MPESA).webhookPath().orElseThrow();
            token = path.substring(path.lastIndexOf('/') + 1);
        }
        String base = apiBase.toString().replaceAll("/+$", "") + "/webhooks/paybill/" + token;
        Registration registration = new Registration(creds.require("shortCode"), URI.create(base + "/confirmation"),
                URI.create(base + "/validation"));
        try {
            mpesa.registerC2bUrls(creds, registration.confirmationUrl(), registration.validationUrl());
        } catch (ProviderRejectedException e) {
            throw new ConflictException(e.getMessage());
        }
        return registration;
    }

    private static ConflictException noCredentials() {
        return new ConflictException("no M-Pesa credentials: set them first (consumer key and secret, short code, passkey)");
    }

    public boolean refusesUnknownAccounts(Reseller reseller) {
        return paybillPayments.refusesUnknownAccounts(reseller.id());
    }

    public boolean setRefusesUnknownAccounts(Reseller reseller, boolean refuse) {
        paybillPayments.setRefusesUnknownAccounts(reseller.id(), refuse);
        return refuse;
    }

    public Page<PaybillPayment> reviews(Reseller reseller, PageRequest page) {
        return paybillPayments.listForReview(reseller.id(), page);
    }

    public PaybillPayment payment(Reseller reseller, String transId) {
        return paybillPayments.find(reseller.id(), transId)
                .orElseThrow(() -> new NotFoundException("Paybill payment", transId));
    }

    /** Renews {@code subscriptionId} with the payment (its plan's period, for the amount paid). */
    public PaybillPayment assign(Reseller reseller, String transId, String subscriptionId, List<FieldError> inputErrors) {
        Validation v = new Validation();
        v.addAll(inputErrors);
        v.throwIfInvalid();
        return paybill.assign(reseller.id(), transId, subscriptionId);
    }

    /** Closes it: refunded outside WISPbill, {@code note} (1-500 characters) says how. */
    public PaybillPayment refund(Reseller reseller, String transId, Optional<String> note, List<FieldError> inputErrors) {
        Validation v = new Validation();
        v.addAll(inputErrors);
        note.ifPresent(n -> v.check(!n.isBlank() && n.length() <= 500, "note", "must be 1-500 characters"));
        v.throwIfInvalid();
        return paybill.refund(reseller.id(), transId, note.orElseThrow().strip());
    }
}
