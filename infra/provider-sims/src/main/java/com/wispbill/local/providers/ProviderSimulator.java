package com.wispbill.local.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Local stand-ins for the four payment providers' APIs on one loopback HTTP server, following their
 * documented request and response formats (Safaricom Daraja STK push / query and OAuth, Paystack
 * initialize / verify, Stripe Checkout Sessions, Midtrans Snap / status), and sending their callbacks
 * signed the way each documents. Base URLs: {@link #mpesaBaseUrl()} etc. replace
 * {@code https://api.safaricom.co.ke}, {@code https://api.paystack.co}, {@code https://api.stripe.com},
 * {@code https://app.midtrans.com} / {@code https://api.midtrans.com}.
 *
 * <p>A payment is settled by the test or demo: {@link #pay}, {@link #decline}, {@link #refund} change the
 * provider-side state and return the callback the provider would send, which the caller may
 * {@link Callback#deliver() deliver}, alter, or drop (a lost callback).
 */
public final class ProviderSimulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
    private static final DateTimeFormatter DARAJA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private HttpServer server;
    private final Clock clock;
    private final Map<String, SimulatedTransaction> transactions = new ConcurrentHashMap<>();
    private final List<String> referencesInOrder = new ArrayList<>();
    private final Map<String, MpesaMerchant> mpesaByConsumerKey = new ConcurrentHashMap<>();
    private final Set<String> mpesaTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, String> mpesaTokenOwner = new ConcurrentHashMap<>();
    private final Map<String, URI> paystackWebhooks = new ConcurrentHashMap<>();
    private final Map<String, StripeMerchant> stripeBySecretKey = new ConcurrentHashMap<>();
    private final Map<String, URI> midtransWebhooks = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> requestCounts = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong(1000);
    private volatile Duration responseDelay = Duration.ZERO;
    private final AtomicLong stkPushAnswersToLose = new AtomicLong();
    private final Set<String> refusedMpesaKeys = ConcurrentHashMap.newKeySet();

    private record MpesaMerchant(String consumerKey, String consumerSecret, String shortCode, String passkey) {
    }

    private record StripeMerchant(String secretKey, URI webhookUrl, List<String> webhookSecrets) {
    }

    private ProviderSimulator(Clock clock) {
        this.clock = clock;
    }

    /** Starts on an ephemeral loopback port. {@code clock} dates Stripe signatures and Daraja timestamps. */
    public static ProviderSimulator start(Clock clock) {
        return start(clock, 0);
    }

    /** Starts on loopback {@code port} (0: an ephemeral one), e.g. a fixed one so its pages keep their URLs. */
    public static ProviderSimulator start(Clock clock, int port) {
        ProviderSimulator simulator = new ProviderSimulator(clock);
        simulator.server = LoopbackServer.start("provider-sim", port, simulator::handle);
        return simulator;
    }

    public static ProviderSimulator start() {
        return start(Clock.systemUTC());
    }

    private URI base(String prefix) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + prefix);
    }

    /** Stands in for {@code https://api.safaricom.co.ke}. */
    public URI mpesaBaseUrl() {
        return base("mpesa");
    }

    /** Stands in for {@code https://api.paystack.co}. */
    public URI paystackBaseUrl() {
        return base("paystack");
    }

    /** Stands in for {@code https://api.stripe.com}. */
    public URI stripeBaseUrl() {
        return base("stripe");
    }

    /** Stands in for both Midtrans hosts ({@code app.midtrans.com} for Snap, {@code api.midtrans.com} for status). */
    public URI midtransBaseUrl() {
        return base("midtrans");
    }

    // ------------------------------------------------------------------ merchant accounts

    /** A Daraja app (consumer key/secret) with its paybill/till short code and Lipa Na M-Pesa passkey. */
    public ProviderSimulator mpesaMerchant(String consumerKey, String consumerSecret, String shortCode, String passkey) {
        mpesaByConsumerKey.put(consumerKey, new MpesaMerchant(consumerKey, consumerSecret, shortCode, passkey));
        return this;
    }

    /** A Paystack account (secret key) whose dashboard webhook URL is {@code webhookUrl}. */
    public ProviderSimulator paystackMerchant(String secretKey, URI webhookUrl) {
        paystackWebhooks.put(secretKey, webhookUrl);
        return this;
    }

    /**
     * A Stripe account with a webhook endpoint. Several endpoint secrets mean a rotation in progress:
     * Stripe then sends one {@code v1} signature per secret.
     */
    public ProviderSimulator stripeMerchant(String secretKey, URI webhookUrl, String... webhookSecrets) {
        stripeBySecretKey.put(secretKey, new StripeMerchant(secretKey, webhookUrl, List.of(webhookSecrets)));
        return this;
    }

    /** A Midtrans account (server key) whose notification URL is {@code webhookUrl}. */
    public ProviderSimulator midtransMerchant(String serverKey, URI webhookUrl) {
        midtransWebhooks.put(serverKey, webhookUrl);
        return this;
    }

    /** Every API answer waits this long first (to test the caller's read timeout). */
    public void responseDelay(Duration delay) {
        this.responseDelay = delay;
    }

    /**
     * The next STK push is accepted (the prompt reaches the phone and can be paid) but its answer never
     * arrives: the connection breaks after the status line, as when a network path drops mid-response.
     */
    public void loseNextStkPushAnswer() {
        stkPushAnswersToLose.incrementAndGet();
    }

    /**
     * Daraja no longer accepts this app's consumer key/secret (revoked or rotated at Safaricom): OAuth
     * answers "Invalid Authentication passed" and the tokens it issued stop working.
     */
    public void refuseMpesaCredentials(String consumerKey) {
        refusedMpesaKeys.add(consumerKey);
        mpesaTokenOwner.entrySet().removeIf(e -> {
            if (e.getValue().equals(consumerKey)) {
                mpesaTokens.remove(e.getKey());
                return true;
            }
            return false;
        });
    }

    /** How many API requests hit paths containing {@code pathPart}. */
    public long requests(String pathPart) {
        return requestCounts.entrySet().stream().filter(e -> e.getKey().contains(pathPart))
                .mapToLong(e -> e.getValue().get()).sum();
    }

    // ------------------------------------------------------------------ provider-side state

    public Optional<TransactionSnapshot> transaction(String reference) {
        return Optional.ofNullable(transactions.get(reference)).map(t -> {
            synchronized (t) {
                return t.snapshot();
            }
        });
    }

    /** The newest payment started with {@code provider}. */
    public Optional<TransactionSnapshot> latest(Provider provider) {
        synchronized (referencesInOrder) {
            for (int i = referencesInOrder.size() - 1; i >= 0; i--) {
                SimulatedTransaction t = transactions.get(referencesInOrder.get(i));
                if (t.provider == provider) {
                    return transaction(t.reference);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A payment the provider already holds under a fixed {@code reference}, in {@code status}, as if
     * started earlier elsewhere (the sample events name such payments). {@code merchantKey} is the
     * account's consumer key (M-Pesa), secret key (Paystack, Stripe) or server key (Midtrans).
     */
    public void existing(Provider provider, String reference, String merchantKey, long amountMinor, String currency,
                         ProviderStatus status) {
        SimulatedTransaction t = new SimulatedTransaction(provider, reference, merchantKey, amountMinor, currency, "",
                Optional.empty(), Optional.empty(), clock.instant(), Long.toString(sequence.incrementAndGet() * 1000), "");
        t.status = status;
        store(t);
    }

    /** The customer pays: the provider records it and this is the success callback it sends. */
    public Callback pay(String reference) {
        SimulatedTransaction t = require(reference);
        synchronized (t) {
            t.status = ProviderStatus.PAID;
            t.receipt = Optional.of(receiptFor(t));
        }
        return callback(t, "success");
    }

    /**
     * The customer does not pay: M-Pesa cancelled (1032) or timed out (1037) as {@code status}
     * CANCELLED / TIMED_OUT; Paystack/Stripe/Midtrans declined or expired.
     */
    public Callback decline(String reference, ProviderStatus status) {
        if (status != ProviderStatus.CANCELLED && status != ProviderStatus.TIMED_OUT && status != ProviderStatus.FAILED && status != ProviderStatus.EXPIRED) {
            throw new IllegalArgumentException("a decline is CANCELLED, TIMED_OUT, FAILED or EXPIRED");
        }
        SimulatedTransaction t = require(reference);
        synchronized (t) {
            t.status = status;
        }
        return callback(t, "decline");
    }

    /** The merchant refunds (Paystack refund.processed, Stripe charge.refunded, Midtrans refund). */
    public Callback refund(String reference) {
        SimulatedTransaction t = require(reference);
        if (t.provider == Provider.MPESA) {
            throw new IllegalArgumentException("STK push payments are reversed through a separate Daraja API, not refunded here");
        }
        synchronized (t) {
            t.status = ProviderStatus.REFUNDED;
        }
        return callback(t, "refund");
    }

    private SimulatedTransaction require(String reference) {
        SimulatedTransaction t = transactions.get(reference);
        if (t == null) {
            throw new IllegalArgumentException("no simulated payment with reference " + reference);
        }
        return t;
    }

    private String receiptFor(SimulatedTransaction t) {
        return switch (t.provider) {
            case MPESA -> "S" + Long.toString(sequence.incrementAndGet(), 36).toUpperCase() + "K7Q2";
            default -> t.externalId;
        };
    }

    // ------------------------------------------------------------------ callbacks

    private Callback callback(SimulatedTransaction t, String kind) {
        synchronized (t) {
            return switch (t.provider) {
                case MPESA -> mpesaCallback(t);
                case PAYSTACK -> paystackCallback(t, kind);
                case STRIPE -> stripeCallback(t, kind);
                case MIDTRANS -> midtransCallback(t);
            };
        }
    }

    private Callback mpesaCallback(SimulatedTransaction t) {
        ObjectNode stk = JSON.createObjectNode();
        stk.put("MerchantRequestID", t.merchantRequestId);
        stk.put("CheckoutRequestID", t.reference);
        int code = switch (t.status) {
            case PAID -> 0;
            case CANCELLED -> 1032;
            case TIMED_OUT -> 1037;
            default -> 1;
        };
        stk.put("ResultCode", code);
        stk.put("ResultDesc", mpesaResultDesc(code));
        if (code == 0) {
            ArrayNode items = stk.putObject("CallbackMetadata").putArray("Item");
            items.addObject().put("Name", "Amount").put("Value", t.amountMinor / 100);
            items.addObject().put("Name", "MpesaReceiptNumber").put("Value", t.receipt.orElseThrow());
            items.addObject().put("Name", "Balance");
            items.addObject().put("Name", "TransactionDate")
                    .put("Value", Long.parseLong(DARAJA_TIME.format(LocalDateTime.ofInstant(clock.instant(), NAIROBI))));
            items.addObject().put("Name", "PhoneNumber").put("Value", Long.parseLong(t.phone));
        }
        ObjectNode root = JSON.createObjectNode();
        root.putObject("Body").set("stkCallback", stk);
        return new Callback(t.callbackUrl.orElseThrow(), Map.of("Content-Type", "application/json"), bytes(root));
    }

    private static String mpesaResultDesc(int code) {
        return switch (code) {
            case 0 -> "The service request is processed successfully.";
            case 1032 -> "Request cancelled by user";
            case 1037 -> "DS timeout user cannot be reached";
            default -> "The balance is insufficient for the transaction";
        };
    }

    private Callback paystackCallback(SimulatedTransaction t, String kind) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data;
        if (kind.equals("refund")) {
            root.put("event", "refund.processed");
            data = root.putObject("data");
            data.put("id", sequence.incrementAndGet());
            data.put("status", "processed");
            data.put("transaction_reference", t.reference);
            data.put("amount", t.amountMinor);
            data.put("currency", t.currency);
        } else if (t.status == ProviderStatus.PAID) {
            root.put("event", "charge.success");
            data = paystackTransaction(t, root.putObject("data"));
        } else {
            // Paystack does not notify failed attempts on a hosted checkout; the verify API tells.
            throw new IllegalStateException("Paystack sends no webhook for " + t.status + "; the verify endpoint reports it");
        }
        String secretKey = t.merchantKey;
        byte[] body = bytes(root);
        return new Callback(paystackWebhooks.get(secretKey),
                Map.of("Content-Type", "application/json", "x-paystack-signature", Signing.paystack(body, secretKey)), body);
    }

    private ObjectNode paystackTransaction(SimulatedTransaction t, ObjectNode data) {
        data.put("id", Long.parseLong(t.externalId));
        data.put("domain", "test");
        data.put("status", switch (t.status) {
            case PAID -> "success";
            case REFUNDED -> "reversed";
            case PENDING -> "abandoned";
            default -> "failed";
        });
        data.put("reference", t.reference);
        data.put("amount", t.amountMinor);
        data.put("currency", t.currency);
        data.put("gateway_response", t.status == ProviderStatus.PAID ? "Successful" : "Declined");
        if (t.status == ProviderStatus.PAID || t.status == ProviderStatus.REFUNDED) {
            data.put("paid_at", t.createdAt.toString());
            data.put("fees", Math.max(1, t.amountMinor * 15 / 1000));
        }
        data.put("channel", "card");
        data.putObject("customer").put("phone", t.phone);
        return data;
    }

    private Callback stripeCallback(SimulatedTransaction t, String kind) {
        StripeMerchant merchant = stripeBySecretKey.get(t.merchantKey);
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "evt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        event.put("object", "event");
        event.put("api_version", "2024-06-20");
        event.put("created", clock.instant().getEpochSecond());
        event.put("livemode", false);
        ObjectNode data = event.putObject("data");
        if (kind.equals("refund")) {
            event.put("type", "charge.refunded");
            ObjectNode charge = data.putObject("object");
            charge.put("id", "ch_" + t.externalId.substring(3));
            charge.put("object", "charge");
            charge.put("amount", t.amountMinor);
            charge.put("amount_refunded", t.amountMinor);
            charge.put("currency", t.currency);
            charge.put("payment_intent", t.externalId);
            charge.put("refunded", true);
            ObjectNode metadata = charge.putObject("metadata");
            t.paymentId.ifPresent(id -> metadata.put("paymentId", id));
        } else {
            event.put("type", switch (t.status) {
                case PAID -> "checkout.session.completed";
                case EXPIRED, CANCELLED -> "checkout.session.expired";
                default -> "checkout.session.async_payment_failed";
            });
            stripeSession(t, data.putObject("object"));
        }
        byte[] body = bytes(event);
        long timestamp = clock.instant().getEpochSecond();
        StringBuilder header = new StringBuilder("t=").append(timestamp);
        for (String secret : merchant.webhookSecrets()) {
            header.append(",v1=").append(Signing.stripe(timestamp, body, secret));
        }
        return new Callback(merchant.webhookUrl(),
                Map.of("Content-Type", "application/json; charset=utf-8", "Stripe-Signature", header.toString()), body);
    }

    private ObjectNode stripeSession(SimulatedTransaction t, ObjectNode session) {
        session.put("id", t.reference);
        session.put("object", "checkout.session");
        session.put("amount_total", t.amountMinor);
        session.put("currency", t.currency);
        session.put("client_reference_id", t.paymentId.orElse(null));
        session.put("mode", "payment");
        session.put("payment_intent", t.externalId);
        session.put("status", switch (t.status) {
            case PAID, REFUNDED -> "complete";
            case EXPIRED, CANCELLED -> "expired";
            default -> "open";
        });
        session.put("payment_status", t.status == ProviderStatus.PAID || t.status == ProviderStatus.REFUNDED ? "paid" : "unpaid");
        session.put("url", t.status == ProviderStatus.PENDING ? checkoutUrl("https://checkout.stripe.com/c/pay/" + t.reference,
                t.reference, null) : null);
        ObjectNode metadata = session.putObject("metadata");
        t.paymentId.ifPresent(id -> metadata.put("paymentId", id));
        return session;
    }

    private Callback midtransCallback(SimulatedTransaction t) {
        ObjectNode n = midtransStatus(t);
        return new Callback(midtransWebhooks.get(t.merchantKey), Map.of("Content-Type", "application/json"), bytes(n));
    }

    private ObjectNode midtransStatus(SimulatedTransaction t) {
        String grossAmount = (t.amountMinor / 100) + "." + String.format("%02d", t.amountMinor % 100);
        String transactionStatus;
        String statusCode;
        switch (t.status) {
            case PAID -> { transactionStatus = "settlement"; statusCode = "200"; }
            case PENDING -> { transactionStatus = "pending"; statusCode = "201"; }
            case REFUNDED -> { transactionStatus = "refund"; statusCode = "200"; }
            case EXPIRED -> { transactionStatus = "expire"; statusCode = "407"; }
            case CANCELLED -> { transactionStatus = "cancel"; statusCode = "200"; }
            default -> { transactionStatus = "deny"; statusCode = "202"; }
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("transaction_time", LocalDateTime.ofInstant(t.createdAt, ZoneId.of("Asia/Jakarta"))
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        n.put("transaction_status", transactionStatus);
        n.put("transaction_id", t.externalId);
        n.put("status_message", "midtrans payment notification");
        n.put("status_code", statusCode);
        n.put("signature_key", Signing.midtrans(t.reference, statusCode, grossAmount, t.merchantKey));
        n.put("payment_type", "gopay");
        n.put("order_id", t.reference);
        n.put("merchant_id", "G000000000");
        n.put("gross_amount", grossAmount);
        n.put("fraud_status", "accept");
        n.put("currency", t.currency);
        return n;
    }

    // ------------------------------------------------------------------ HTTP API

    private static final Pattern PAYSTACK_VERIFY = Pattern.compile("/paystack/transaction/verify/([^/]+)");
    private static final Pattern STRIPE_SESSION = Pattern.compile("/stripe/v1/checkout/sessions/([^/]+)");
    private static final Pattern MIDTRANS_STATUS = Pattern.compile("/midtrans/v2/([^/]+)/status");

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requestCounts.computeIfAbsent(exchange.getRequestMethod() + " " + path, k -> new AtomicLong()).incrementAndGet();
            if (!responseDelay.isZero()) {
                Thread.sleep(responseDelay.toMillis());
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.startsWith(MPESA_PHONE)) {
                mpesaPhone(exchange, path);
                return;
            }
            if (path.startsWith(CHECKOUT)) {
                checkout(exchange, path);
                return;
            }
            Reply reply = route(exchange, path, body);
            byte[] out = bytes(reply.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (path.equals("/mpesa/mpesa/stkpush/v1/processrequest") && reply.status() == 200
                    && stkPushAnswersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                // Promise a body, send none and close: the caller gets an I/O error after Daraja acted.
                exchange.sendResponseHeaders(200, out.length);
                return;
            }
            exchange.sendResponseHeaders(reply.status(), out.length);
            exchange.getResponseBody().write(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            byte[] out = ("{\"error\":\"" + e.getClass().getSimpleName() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, out.length);
            exchange.getResponseBody().write(out);
        }
    }

    private record Reply(int status, JsonNode body) {
    }

    // --- the customer's phone for STK pushes, for people trying things locally (CustomerPages)

    private static final String MPESA_PHONE = "/mpesa/phone";
    private static final Pattern MPESA_PHONE_ANSWER = Pattern.compile("/mpesa/phone/([^/]+)/(pay|cancel)");

    /** The M-Pesa prompts still waiting, oldest first. */
    public List<TransactionSnapshot> pendingMpesaPrompts() {
        List<TransactionSnapshot> pending = new ArrayList<>();
        synchronized (referencesInOrder) {
            for (String reference : referencesInOrder) {
                transaction(reference).filter(t -> t.provider() == Provider.MPESA && t.status() == ProviderStatus.PENDING)
                        .ifPresent(pending::add);
            }
        }
        return pending;
    }

    /** The phone's prompt page for a person: where M-Pesa's Pay and Cancel become the callbacks M-Pesa sends. */
    public URI mpesaPhoneUrl() {
        return mpesaBaseUrl().resolve(MPESA_PHONE);
    }

    private static final String CHECKOUT = "/checkout/";
    private static final Pattern CHECKOUT_PAGE = Pattern.compile("/checkout/([^/]+)(?:/(pay|decline))?");
    private volatile boolean localCheckoutPages;
    /** Where each hosted checkout sends the customer back to (Paystack callback_url, Stripe success_url, Midtrans finish). */
    private final Map<String, URI> checkoutReturns = new ConcurrentHashMap<>();

    /**
     * With {@code true}, Paystack, Stripe and Midtrans checkout URLs are this stand-in's own pages
     * ({@code /checkout/<reference>}, Pay or Decline, then back to the merchant's return URL) instead of
     * the providers' hosts: for a person trying the hotspot page locally.
     */
    public ProviderSimulator localCheckoutPages(boolean enabled) {
        this.localCheckoutPages = enabled;
        return this;
    }

    private String checkoutUrl(String providerUrl, String reference, String returnUrl) {
        if (returnUrl != null && !returnUrl.isBlank()) {
            checkoutReturns.put(reference, URI.create(returnUrl));
        }
        return localCheckoutPages ? base("checkout").toString() + "/" + reference : providerUrl;
    }

    private void checkout(HttpExchange exchange, String path) throws IOException {
        Matcher m = CHECKOUT_PAGE.matcher(path);
        Optional<TransactionSnapshot> t = m.matches() ? transaction(m.group(1)).filter(s -> s.provider() != Provider.MPESA)
                : Optional.empty();
        String html;
        int status = 200;
        if (t.isEmpty()) {
            status = 404;
            html = CustomerPages.answered("Not found", "No such checkout.");
        } else if (t.get().status() != ProviderStatus.PENDING) {
            status = 409;
            html = CustomerPages.answered("Nothing to answer", "This checkout was already answered.");
        } else if (m.group(2) == null) {
            html = CustomerPages.checkout(t.get());
        } else if (!exchange.getRequestMethod().equals("POST")) {
            status = 405;
            html = CustomerPages.answered("Not allowed", "Use the buttons.");
        } else {
            String reference = m.group(1);
            Callback.Delivery delivery = (m.group(2).equals("pay") ? pay(reference) : decline(reference, ProviderStatus.FAILED)).deliver();
            URI back = checkoutReturns.get(reference);
            if (back != null) {
                exchange.getResponseHeaders().set("Location", back.toString());
                exchange.sendResponseHeaders(303, -1);
                return;
            }
            html = CustomerPages.answered(m.group(2).equals("pay") ? "Paid" : "Declined",
                    "The stand-in sent the callback; WISPbill answered " + delivery.status() + ".");
        }
        byte[] out = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
    }

    private void mpesaPhone(HttpExchange exchange, String path) throws IOException {
        Matcher m = MPESA_PHONE_ANSWER.matcher(path);
        int status = 200;
        String html;
        if (exchange.getRequestMethod().equals("GET") && path.equals(MPESA_PHONE)) {
            html = CustomerPages.prompts(pendingMpesaPrompts());
        } else if (exchange.getRequestMethod().equals("POST") && m.matches()) {
            Optional<TransactionSnapshot> t = transaction(m.group(1))
                    .filter(s -> s.provider() == Provider.MPESA && s.status() == ProviderStatus.PENDING);
            if (t.isEmpty()) {
                status = 409;
                html = CustomerPages.answered("Nothing to answer", "This prompt was already answered or does not exist.");
            } else if (m.group(2).equals("pay")) {
                Callback.Delivery delivery = pay(m.group(1)).deliver();
                html = CustomerPages.answered("Paid", "Paid. The stand-in sent the success callback; WISPbill answered "
                        + delivery.status() + ".");
            } else {
                Callback.Delivery delivery = decline(m.group(1), ProviderStatus.CANCELLED).deliver();
                html = CustomerPages.answered("Cancelled", "Cancelled. The stand-in sent the cancellation callback; WISPbill answered "
                        + delivery.status() + ".");
            }
        } else {
            status = 404;
            html = CustomerPages.answered("Not found", "No such page.");
        }
        byte[] out = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
    }

    private Reply route(HttpExchange exchange, String path, byte[] body) throws IOException {
        String method = exchange.getRequestMethod();
        String auth = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
        Matcher m;
        if (method.equals("GET") && path.equals("/mpesa/oauth/v1/generate")) {
            return mpesaToken(auth, exchange.getRequestURI().getQuery());
        }
        if (method.equals("POST") && path.equals("/mpesa/mpesa/stkpush/v1/processrequest")) {
            return mpesaStkPush(auth, JSON.readTree(body));
        }
        if (method.equals("POST") && path.equals("/mpesa/mpesa/stkpushquery/v1/query")) {
            return mpesaStkQuery(auth, JSON.readTree(body));
        }
        if (method.equals("POST") && path.equals("/mpesa/mpesa/c2b/v1/registerurl")) {
            return mpesaC2bRegister(auth, JSON.readTree(body));
        }
        if (method.equals("POST") && path.equals("/paystack/transaction/initialize")) {
            return paystackInitialize(auth, JSON.readTree(body));
        }
        if (method.equals("GET") && (m = PAYSTACK_VERIFY.matcher(path)).matches()) {
            return paystackVerify(auth, m.group(1));
        }
        if (method.equals("POST") && path.equals("/stripe/v1/checkout/sessions")) {
            return stripeCreateSession(auth, form(body));
        }
        if (method.equals("GET") && (m = STRIPE_SESSION.matcher(path)).matches()) {
            return stripeRetrieveSession(auth, m.group(1));
        }
        if (method.equals("POST") && path.equals("/midtrans/snap/v1/transactions")) {
            return midtransSnap(auth, JSON.readTree(body));
        }
        if (method.equals("GET") && (m = MIDTRANS_STATUS.matcher(path)).matches()) {
            return midtransGetStatus(auth, m.group(1));
        }
        ObjectNode notFound = JSON.createObjectNode().put("message", "no such endpoint: " + method + " " + path);
        return new Reply(404, notFound);
    }

    // --- M-Pesa Daraja

    /** Words Daraja refuses in C2B URLs, in any case (its own list: it plays Safaricom, so it shares nothing with our code). */
    private static final List<String> C2B_URL_FORBIDDEN = List.of("m-pesa", "mpesa", "safaricom", "exe", "exec", "cmd", "sql", "query");
    private final Map<String, C2bRegistration> c2bByShortCode = new ConcurrentHashMap<>();
    private final Set<String> c2bExternalValidation = ConcurrentHashMap.newKeySet();

    /** The URLs a short code registered with {@code /mpesa/c2b/v1/registerurl} (the last registration counts). */
    public record C2bRegistration(String shortCode, String responseType, URI confirmationUrl, URI validationUrl) {
    }

    /**
     * What a customer's paybill payment led to: whether M-Pesa completed it (the validation URL may refuse it:
     * {@code validationResult} is what it answered), its transaction id, and the confirmation M-Pesa POSTed
     * (delivered once already; deliver it again to see a duplicate).
     */
    public record C2bPayment(String transId, boolean completed, Optional<String> validationResult,
                             Optional<Callback> confirmation, Optional<Callback.Delivery> confirmationAnswer) {
    }

    public Optional<C2bRegistration> c2bRegistration(String shortCode) {
        return Optional.ofNullable(c2bByShortCode.get(shortCode));
    }

    /** Safaricom turns external validation on per short code on request; off by default, as there. */
    public void c2bExternalValidation(String shortCode, boolean enabled) {
        if (enabled) {
            c2bExternalValidation.add(shortCode);
        } else {
            c2bExternalValidation.remove(shortCode);
        }
    }

    private Reply mpesaC2bRegister(String auth, JsonNode request) {
        Optional<MpesaMerchant> merchant = mpesaCaller(auth);
        if (merchant.isEmpty()) {
            return darajaError(401, "404.001.03", "Invalid Access Token");
        }
        String shortCode = request.path("ShortCode").asText();
        String responseType = request.path("ResponseType").asText();
        if (!merchant.get().shortCode().equals(shortCode)) {
            return darajaError(400, "400.003.02", "Bad Request - Invalid ShortCode");
        }
        if (!responseType.equals("Completed") && !responseType.equals("Cancelled")) {
            return darajaError(400, "400.003.02", "Bad Request - Invalid ResponseType");
        }
        Optional<URI> confirmation = c2bUrl(request.path("ConfirmationURL").asText());
        Optional<URI> validation = c2bUrl(request.path("ValidationURL").asText());
        if (confirmation.isEmpty()) {
            return darajaError(400, "400.003.02", "Bad Request - Invalid ConfirmationURL");
        }
        if (validation.isEmpty()) {
            return darajaError(400, "400.003.02", "Bad Request - Invalid ValidationURL");
        }
        c2bByShortCode.put(shortCode, new C2bRegistration(shortCode, responseType, confirmation.get(), validation.get()));
        ObjectNode ok = JSON.createObjectNode();
        ok.put("OriginatorCoversationID", UUID.randomUUID().toString());
        ok.put("ResponseCode", "0");
        ok.put("ResponseDescription", "Success");
        return new Reply(200, ok);
    }

    private static Optional<URI> c2bUrl(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://"))
                || C2B_URL_FORBIDDEN.stream().anyMatch(lower::contains)) {
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * A customer pays {@code amountMinor} (KES cents) to {@code shortCode} from {@code msisdn} (12 digits,
     * 2547...) with account number {@code billRef}, as M-Pesa runs it: the validation URL first when external
     * validation is on (a ResultCode other than 0 cancels the payment; an unreachable URL follows the
     * registration's ResponseType), then the confirmation to the confirmation URL, once.
     */
    public C2bPayment c2bPay(String shortCode, String billRef, String msisdn, long amountMinor) {
        C2bRegistration registration = c2bRegistration(shortCode)
                .orElseThrow(() -> new IllegalStateException("short code " + shortCode + " registered no C2B URLs"));
        String transId = c2bTransId();
        ObjectNode notice = JSON.createObjectNode();
        notice.put("TransactionType", "Pay Bill");
        notice.put("TransID", transId);
        notice.put("TransTime", DARAJA_TIME.format(LocalDateTime.ofInstant(clock.instant(), NAIROBI)));
        notice.put("TransAmount", java.math.BigDecimal.valueOf(amountMinor, 2).toPlainString());
        notice.put("BusinessShortCode", shortCode);
        notice.put("BillRefNumber", billRef);
        notice.put("InvoiceNumber", "");
        notice.put("OrgAccountBalance", "");
        notice.put("ThirdPartyTransID", "");
        notice.put("MSISDN", msisdn);
        notice.put("FirstName", "John");
        notice.put("MiddleName", "");
        notice.put("LastName", "");
        Map<String, String> headers = Map.of("Content-Type", "application/json");
        Optional<String> validationResult = Optional.empty();
        if (c2bExternalValidation.contains(shortCode)) {
            Callback validation = new Callback(registration.validationUrl(), headers, bytes(notice));
            boolean accepted;
            try {
                Callback.Delivery answer = validation.deliver();
                String code = answer.accepted() ? JSON.readTree(answer.body()).path("ResultCode").asText() : "";
                validationResult = Optional.of(code);
                accepted = code.equals("0");
            } catch (IOException | RuntimeException e) {
                accepted = registration.responseType().equals("Completed");
            }
            if (!accepted) {
                return new C2bPayment(transId, false, validationResult, Optional.empty(), Optional.empty());
            }
        }
        ObjectNode confirmationBody = notice.deepCopy();
        confirmationBody.put("OrgAccountBalance", "49197.00");
        Callback confirmation = new Callback(registration.confirmationUrl(), headers, bytes(confirmationBody));
        return new C2bPayment(transId, true, validationResult, Optional.of(confirmation), Optional.of(confirmation.deliver()));
    }

    private String c2bTransId() {
        String n = Long.toString(sequence.incrementAndGet(), 36).toUpperCase(java.util.Locale.ROOT);
        String id = "TK" + "0".repeat(Math.max(0, 8 - n.length())) + n;
        return id.substring(id.length() - 10);
    }

    private Reply darajaError(int status, String code, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("requestId", UUID.randomUUID().toString());
        e.put("errorCode", code);
        e.put("errorMessage", message);
        return new Reply(status, e);
    }

    private Reply mpesaToken(String auth, String query) {
        if (query == null || !query.contains("grant_type=client_credentials") || !auth.startsWith("Basic ")) {
            return darajaError(400, "400.008.02", "Invalid grant type passed");
        }
        String[] pair = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8).split(":", 2);
        MpesaMerchant merchant = mpesaByConsumerKey.get(pair[0]);
        if (merchant == null || pair.length != 2 || !merchant.consumerSecret().equals(pair[1])
                || refusedMpesaKeys.contains(merchant.consumerKey())) {
            return darajaError(400, "400.008.01", "Invalid Authentication passed");
        }
        String token = UUID.randomUUID().toString().replace("-", "");
        mpesaTokens.add(token);
        mpesaTokenOwner.put(token, merchant.consumerKey());
        return new Reply(200, JSON.createObjectNode().put("access_token", token).put("expires_in", "3599"));
    }

    private Optional<MpesaMerchant> mpesaCaller(String auth) {
        if (!auth.startsWith("Bearer ") || !mpesaTokens.contains(auth.substring(7))) {
            return Optional.empty();
        }
        return Optional.ofNullable(mpesaByConsumerKey.get(mpesaTokenOwner.get(auth.substring(7))));
    }

    private Optional<String> mpesaPasswordError(MpesaMerchant merchant, JsonNode request) {
        String shortCode = request.path("BusinessShortCode").asText();
        String timestamp = request.path("Timestamp").asText();
        if (!merchant.shortCode().equals(shortCode)) {
            return Optional.of("Invalid BusinessShortCode");
        }
        if (!timestamp.matches("\\d{14}")) {
            return Optional.of("Invalid Timestamp");
        }
        String expected = Base64.getEncoder().encodeToString((shortCode + merchant.passkey() + timestamp)
                .getBytes(StandardCharsets.UTF_8));
        return expected.equals(request.path("Password").asText()) ? Optional.empty() : Optional.of("Invalid Password");
    }

    private Reply mpesaStkPush(String auth, JsonNode request) {
        Optional<MpesaMerchant> merchant = mpesaCaller(auth);
        if (merchant.isEmpty()) {
            return darajaError(401, "404.001.03", "Invalid Access Token");
        }
        Optional<String> error = mpesaPasswordError(merchant.get(), request);
        if (error.isPresent()) {
            return darajaError(400, "400.002.02", "Bad Request - " + error.get());
        }
        JsonNode amount = request.path("Amount");
        String phone = request.path("PhoneNumber").asText();
        String callbackUrl = request.path("CallBackURL").asText();
        if (!amount.canConvertToLong() || amount.asLong() < 1 || !phone.matches("254\\d{9}")
                || !request.path("PartyA").asText().equals(phone) || !callbackUrl.startsWith("http")
                || !Set.of("CustomerPayBillOnline", "CustomerBuyGoodsOnline").contains(request.path("TransactionType").asText())
                || request.path("AccountReference").asText().length() > 12 || request.path("AccountReference").asText().isEmpty()
                || request.path("TransactionDesc").asText().length() > 13) {
            return darajaError(400, "400.002.02", "Bad Request - Invalid request fields");
        }
        String checkoutRequestId = "ws_CO_" + DARAJA_TIME.format(LocalDateTime.ofInstant(clock.instant(), NAIROBI))
                + sequence.incrementAndGet();
        String merchantRequestId = UUID.randomUUID().toString().substring(0, 18);
        store(new SimulatedTransaction(Provider.MPESA, checkoutRequestId, merchant.get().consumerKey(),
                amount.asLong() * 100, "KES", phone, Optional.of(URI.create(callbackUrl)), Optional.empty(), clock.instant(),
                checkoutRequestId, merchantRequestId));
        ObjectNode ok = JSON.createObjectNode();
        ok.put("MerchantRequestID", merchantRequestId);
        ok.put("CheckoutRequestID", checkoutRequestId);
        ok.put("ResponseCode", "0");
        ok.put("ResponseDescription", "Success. Request accepted for processing");
        ok.put("CustomerMessage", "Success. Request accepted for processing");
        return new Reply(200, ok);
    }

    private Reply mpesaStkQuery(String auth, JsonNode request) {
        Optional<MpesaMerchant> merchant = mpesaCaller(auth);
        if (merchant.isEmpty()) {
            return darajaError(401, "404.001.03", "Invalid Access Token");
        }
        Optional<String> error = mpesaPasswordError(merchant.get(), request);
        if (error.isPresent()) {
            return darajaError(400, "400.002.02", "Bad Request - " + error.get());
        }
        SimulatedTransaction t = transactions.get(request.path("CheckoutRequestID").asText());
        if (t == null || t.provider != Provider.MPESA || !t.merchantKey.equals(merchant.get().consumerKey())) {
            return darajaError(500, "500.001.1001", "Unable to lock subscriber, a transaction is already in process for the current subscriber");
        }
        ProviderStatus status;
        synchronized (t) {
            status = t.status;
        }
        if (status == ProviderStatus.PENDING) {
            return darajaError(500, "500.001.1001", "The transaction is being processed");
        }
        int code = switch (status) {
            case PAID -> 0;
            case CANCELLED -> 1032;
            case TIMED_OUT -> 1037;
            default -> 1;
        };
        ObjectNode ok = JSON.createObjectNode();
        ok.put("ResponseCode", "0");
        ok.put("ResponseDescription", "The service request has been accepted successsfully");
        ok.put("MerchantRequestID", t.merchantRequestId);
        ok.put("CheckoutRequestID", t.reference);
        ok.put("ResultCode", Integer.toString(code));
        ok.put("ResultDesc", mpesaResultDesc(code));
        return new Reply(200, ok);
    }

    // --- Paystack

    private Reply paystackError(int status, String message) {
        return new Reply(status, JSON.createObjectNode().put("status", false).put("message", message));
    }

    private Optional<String> paystackCaller(String auth) {
        return auth.startsWith("Bearer ") && paystackWebhooks.containsKey(auth.substring(7))
                ? Optional.of(auth.substring(7)) : Optional.empty();
    }

    private Reply paystackInitialize(String auth, JsonNode request) {
        Optional<String> secretKey = paystackCaller(auth);
        if (secretKey.isEmpty()) {
            return paystackError(401, "Invalid key");
        }
        String email = request.path("email").asText();
        String reference = request.path("reference").asText();
        JsonNode amount = request.path("amount");
        long minor = amount.isTextual() && amount.asText().matches("\\d+") ? Long.parseLong(amount.asText())
                : amount.canConvertToLong() ? amount.asLong() : -1;
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            return paystackError(400, "Invalid Email Address Passed");
        }
        if (minor <= 0) {
            return paystackError(400, "Invalid Amount Sent");
        }
        if (reference.isEmpty() || transactions.containsKey(reference)) {
            return paystackError(400, "Duplicate Transaction Reference");
        }
        String currency = request.path("currency").asText("NGN");
        store(new SimulatedTransaction(Provider.PAYSTACK, reference, secretKey.get(), minor, currency,
                request.path("metadata").path("phone").asText(""), Optional.empty(),
                Optional.ofNullable(request.path("metadata").path("paymentId").textValue()), clock.instant(),
                Long.toString(sequence.incrementAndGet() * 1000), ""));
        String accessCode = Long.toString(sequence.incrementAndGet(), 36) + "xq";
        ObjectNode ok = JSON.createObjectNode();
        ok.put("status", true);
        ok.put("message", "Authorization URL created");
        ok.putObject("data").put("authorization_url", checkoutUrl("https://checkout.paystack.com/" + accessCode, reference,
                        request.path("callback_url").textValue()))
                .put("access_code", accessCode).put("reference", reference);
        return new Reply(200, ok);
    }

    private Reply paystackVerify(String auth, String reference) {
        Optional<String> secretKey = paystackCaller(auth);
        if (secretKey.isEmpty()) {
            return paystackError(401, "Invalid key");
        }
        SimulatedTransaction t = transactions.get(URLDecoder.decode(reference, StandardCharsets.UTF_8));
        if (t == null || t.provider != Provider.PAYSTACK || !t.merchantKey.equals(secretKey.get())) {
            return paystackError(400, "Transaction reference not found");
        }
        ObjectNode ok = JSON.createObjectNode();
        ok.put("status", true);
        ok.put("message", "Verification successful");
        synchronized (t) {
            paystackTransaction(t, ok.putObject("data"));
        }
        return new Reply(200, ok);
    }

    // --- Stripe

    private Optional<StripeMerchant> stripeCaller(String auth) {
        String key = null;
        if (auth.startsWith("Bearer ")) {
            key = auth.substring(7);
        } else if (auth.startsWith("Basic ")) {
            key = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8).split(":", 2)[0];
        }
        return Optional.ofNullable(key == null ? null : stripeBySecretKey.get(key));
    }

    private Reply stripeError(int status, String type, String message, String param) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("type", type);
        error.put("message", message);
        if (param != null) {
            error.put("param", param);
        }
        return new Reply(status, root);
    }

    private Reply stripeCreateSession(String auth, Map<String, String> form) {
        Optional<StripeMerchant> merchant = stripeCaller(auth);
        if (merchant.isEmpty()) {
            return stripeError(401, "invalid_request_error", "Invalid API Key provided", null);
        }
        for (String required : List.of("mode", "success_url", "line_items[0][price_data][currency]",
                "line_items[0][price_data][unit_amount]", "line_items[0][price_data][product_data][name]",
                "line_items[0][quantity]")) {
            if (!form.containsKey(required) || form.get(required).isBlank()) {
                return stripeError(400, "invalid_request_error", "Missing required param: " + required + ".", required);
            }
        }
        if (!form.get("mode").equals("payment") || !form.get("line_items[0][price_data][unit_amount]").matches("\\d+")) {
            return stripeError(400, "invalid_request_error", "Invalid line item", "line_items");
        }
        long minor = Long.parseLong(form.get("line_items[0][price_data][unit_amount]"))
                * Long.parseLong(form.get("line_items[0][quantity]"));
        String id = "cs_test_" + UUID.randomUUID().toString().replace("-", "");
        String paymentIntent = "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        SimulatedTransaction t = new SimulatedTransaction(Provider.STRIPE, id, merchant.get().secretKey(), minor,
                form.get("line_items[0][price_data][currency]"), form.getOrDefault("metadata[phone]", ""), Optional.empty(),
                Optional.ofNullable(form.get("metadata[paymentId]")), clock.instant(), paymentIntent, "");
        store(t);
        checkoutUrl("", id, form.get("success_url"));
        return new Reply(200, stripeSession(t, JSON.createObjectNode()));
    }

    private Reply stripeRetrieveSession(String auth, String id) {
        Optional<StripeMerchant> merchant = stripeCaller(auth);
        if (merchant.isEmpty()) {
            return stripeError(401, "invalid_request_error", "Invalid API Key provided", null);
        }
        SimulatedTransaction t = transactions.get(id);
        if (t == null || t.provider != Provider.STRIPE || !t.merchantKey.equals(merchant.get().secretKey())) {
            return stripeError(404, "invalid_request_error", "No such checkout.session: '" + id + "'", "session");
        }
        synchronized (t) {
            return new Reply(200, stripeSession(t, JSON.createObjectNode()));
        }
    }

    // --- Midtrans

    private Optional<String> midtransCaller(String auth) {
        if (!auth.startsWith("Basic ")) {
            return Optional.empty();
        }
        String decoded = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
        String serverKey = decoded.endsWith(":") ? decoded.substring(0, decoded.length() - 1) : decoded;
        return midtransWebhooks.containsKey(serverKey) ? Optional.of(serverKey) : Optional.empty();
    }

    private Reply midtransSnap(String auth, JsonNode request) {
        Optional<String> serverKey = midtransCaller(auth);
        if (serverKey.isEmpty()) {
            return new Reply(401, JSON.createObjectNode().set("error_messages",
                    JSON.createArrayNode().add("Access denied due to unauthorized transaction, please check client or server key")));
        }
        JsonNode details = request.path("transaction_details");
        String orderId = details.path("order_id").asText();
        JsonNode gross = details.path("gross_amount");
        if (orderId.isEmpty() || !gross.canConvertToLong() || gross.asLong() < 1) {
            return new Reply(400, JSON.createObjectNode().set("error_messages",
                    JSON.createArrayNode().add("transaction_details.gross_amount is required")));
        }
        if (transactions.containsKey(orderId)) {
            return new Reply(400, JSON.createObjectNode().set("error_messages",
                    JSON.createArrayNode().add("transaction_details.order_id sudah digunakan")));
        }
        store(new SimulatedTransaction(Provider.MIDTRANS, orderId, serverKey.get(), gross.asLong() * 100, "IDR",
                request.path("customer_details").path("phone").asText(""), Optional.empty(), Optional.of(orderId),
                clock.instant(), UUID.randomUUID().toString(), ""));
        String token = UUID.randomUUID().toString();
        return new Reply(201, JSON.createObjectNode().put("token", token)
                .put("redirect_url", checkoutUrl("https://app.midtrans.com/snap/v4/redirection/" + token, orderId,
                        request.path("callbacks").path("finish").textValue())));
    }

    private Reply midtransGetStatus(String auth, String orderId) {
        Optional<String> serverKey = midtransCaller(auth);
        if (serverKey.isEmpty()) {
            return new Reply(401, JSON.createObjectNode().put("status_code", "401")
                    .put("status_message", "Unknown Merchant server_key/id"));
        }
        SimulatedTransaction t = transactions.get(URLDecoder.decode(orderId, StandardCharsets.UTF_8));
        if (t == null || t.provider != Provider.MIDTRANS || !t.merchantKey.equals(serverKey.get())) {
            return new Reply(404, JSON.createObjectNode().put("status_code", "404")
                    .put("status_message", "Transaction doesn't exist."));
        }
        synchronized (t) {
            ObjectNode status = midtransStatus(t);
            status.put("status_message", "Success, transaction is found");
            return new Reply(200, status);
        }
    }

    // ------------------------------------------------------------------ plumbing

    private void store(SimulatedTransaction t) {
        transactions.put(t.reference, t);
        synchronized (referencesInOrder) {
            referencesInOrder.add(t.reference);
        }
    }

    private static Map<String, String> form(byte[] body) {
        Map<String, String> values = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return values;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(key, value);
        }
        return values;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
