package com.wispbill.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.Signatures;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.payment.CallbackPathTokens;
import com.wispbill.domain.paybill.PaybillPayment;
import com.wispbill.payment.WebhookProcessor.Reply;
import com.wispbill.payment.provider.CredentialsSource;
import com.wispbill.payment.provider.ProviderCredentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/paybill/{pathToken}/validation} and {@code .../confirmation}: M-Pesa C2B callbacks as
 * Safaricom sends them to the URLs a reseller registered (the path has no "mpesa": Daraja refuses URLs naming
 * it). C2B callbacks carry no signature, so proof of origin is the reseller's secret path token (the one of its
 * M-Pesa credentials) and the reseller's own short code in {@code BusinessShortCode}; a refusal writes nothing
 * but a security log line. Replies are Daraja's: validation {@code ResultCode} {@code 0} (accept) or
 * {@code C2B00012} (invalid account number, when the reseller refuses unknown ones); confirmation {@code 0} once
 * the payment is durable: applied, or kept raw for the reseller's review when it cannot be applied (credentials
 * unreadable, amount or account number unreadable, any failure); 503 (Daraja delivers again) when even that fails.
 */
public final class PaybillCallbacks {
    private static final Logger LOG = LoggerFactory.getLogger(PaybillCallbacks.class);
    static final String ACCEPTED = "{\"ResultCode\":\"0\",\"ResultDesc\":\"Accepted\"}";
    static final String UNKNOWN_ACCOUNT = "{\"ResultCode\":\"C2B00012\",\"ResultDesc\":\"Rejected\"}";
    static final String CONFIRMED = "{\"ResultCode\":0,\"ResultDesc\":\"Success\"}";

    private final CredentialsSource credentials;
    private final Paybill paybill;
    private final SecurityLog security;

    public PaybillCallbacks(CredentialsSource credentials, Paybill paybill, SecurityLog security) {
        this.credentials = credentials;
        this.paybill = paybill;
        this.security = security;
    }

    public Reply handle(String pathToken, String step, byte[] body) {
        if (!step.equals("validation") && !step.equals("confirmation")) {
            return new Reply(404, "{\"message\":\"Not Found\"}");
        }
        Optional<String> resellerId = CallbackPathTokens.resellerOf(pathToken);
        if (resellerId.isEmpty()) {
            return refuse("-", "paybill path token is not a token");
        }
        // Without a TransID and a short code there is nothing to key a record by or to check: refused.
        Paybill.C2bNotice notice;
        try {
            notice = read(body);
        } catch (ValidationException e) {
            security.refused(PaymentProvider.MPESA, resellerId.get(), "paybill " + step + " unreadable: " + e.getMessage());
            return new Reply(400, "{\"message\":\"unreadable notification\"}");
        }
        boolean confirmation = step.equals("confirmation");
        Optional<ProviderCredentials> creds;
        try {
            creds = credentials.findForPathToken(resellerId.get(), PaymentProvider.MPESA, pathToken);
        } catch (RuntimeException e) {
            LOG.error("M-Pesa credentials of reseller {} could not be read", resellerId.get(), e);
            return confirmation ? keep(resellerId.get(), notice, PaybillPayment.Reason.CREDENTIALS_UNREADABLE,
                    "the reseller's M-Pesa credentials could not be read (" + e.getClass().getSimpleName()
                            + "): path token and short code not checked", body)
                    : new Reply(503, "{\"message\":\"try again\"}");
        }
        if (creds.isEmpty() || !Signatures.textEquals(creds.get().callbackPathToken(), pathToken)) {
            return refuse(resellerId.get(), creds.isEmpty() ? "reseller has no MPESA credentials" : "wrong paybill path token");
        }
        if (!notice.businessShortCode().equals(creds.get().require("shortCode"))) {
            return refuse(resellerId.get(), "paybill " + step + " for short code " + notice.businessShortCode()
                    + ", not the reseller's");
        }
        if (!confirmation) {
            return new Reply(200, paybill.accepts(resellerId.get(), notice.billRefNumber()) ? ACCEPTED : UNKNOWN_ACCOUNT);
        }
        try {
            paybill.confirm(resellerId.get(), notice);
        } catch (ValidationException e) {
            return keep(resellerId.get(), notice, reasonFor(e), e.getMessage(), body);
        } catch (RuntimeException e) {
            LOG.error("paybill confirmation {} of reseller {} not applied", notice.transId(), resellerId.get(), e);
            return keep(resellerId.get(), notice, PaybillPayment.Reason.NOT_PROCESSED, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), body);
        }
        return new Reply(200, CONFIRMED);
    }

    /**
     * M-Pesa took the customer's money: a confirmation not applied is kept raw for the reseller's review, and
     * only then acknowledged; if even that cannot be stored, Daraja is answered with an error to deliver again.
     */
    private Reply keep(String resellerId, Paybill.C2bNotice notice, PaybillPayment.Reason why, String problem, byte[] body) {
        try {
            paybill.keepUnprocessed(resellerId, notice, why, problem, new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            LOG.error("paybill confirmation {} of reseller {} could not be kept for review", notice.transId(), resellerId, e);
            return new Reply(503, "{\"message\":\"try again\"}");
        }
        return new Reply(200, CONFIRMED);
    }

    private static PaybillPayment.Reason reasonFor(ValidationException e) {
        return switch (e.errors().isEmpty() ? "" : e.errors().getFirst().field()) {
            case "TransAmount" -> PaybillPayment.Reason.AMOUNT_UNREADABLE;
            case "BillRefNumber" -> PaybillPayment.Reason.ACCOUNT_MALFORMED;
            default -> PaybillPayment.Reason.NOT_PROCESSED;
        };
    }

    /**
     * Only TransID (the record's key) and BusinessShortCode (the proof of origin) must be readable here; the
     * other fields are read leniently and judged when the confirmation is applied, so a bad amount or account
     * number becomes a review item rather than a refusal.
     */
    private static Paybill.C2bNotice read(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ValidationException("body", "is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ValidationException("body", "is not a JSON object");
        }
        String transId = text(root, "TransID");
        if (!transId.matches("[A-Za-z0-9]{1,40}")) {
            throw new ValidationException("TransID", "is not an M-Pesa transaction id");
        }
        String shortCode = text(root, "BusinessShortCode");
        if (shortCode.isEmpty() || shortCode.length() > 20) {
            throw new ValidationException("BusinessShortCode", "is required");
        }
        return new Paybill.C2bNotice(text(root, "TransactionType"), transId, text(root, "TransAmount"), shortCode,
                text(root, "BillRefNumber"), text(root, "MSISDN"),
                Optional.of(text(root, "FirstName")).filter(n -> !n.isBlank()));
    }

    /** Daraja sends every field as text (numbers sometimes as JSON numbers): either is read as text, else "". */
    private static String text(JsonNode root, String field) {
        JsonNode v = root.get(field);
        String text = v == null || !(v.isTextual() || v.isNumber()) ? "" : v.asText();
        // Cut so an oversized field cannot make the record unstorable; a cut account number still reads as malformed.
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    private Reply refuse(String resellerId, String reason) {
        security.refused(PaymentProvider.MPESA, resellerId, reason);
        return new Reply(404, "{\"message\":\"refused\"}");
    }
}
