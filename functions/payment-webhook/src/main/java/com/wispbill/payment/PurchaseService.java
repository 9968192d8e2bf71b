package com.wispbill.payment;

import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.Page;
import com.wispbill.domain.DataSize;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.domain.PhoneNumbers;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.RouterReach;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.Validation;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.payment.PaymentGrant;
import com.wispbill.domain.payment.Portal;
import com.wispbill.domain.payment.PortalBranding;
import com.wispbill.payment.provider.CredentialsSource;
import com.wispbill.payment.provider.ProviderAdapters;
import com.wispbill.payment.provider.ProviderCredentials;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The public purchase flow behind a hotspot login page: list plans, start a purchase (a PENDING
 * payment, then the provider's STK push or checkout), and report its status until the code is ready.
 * Every input is validated before anything is written; a provider refusal closes the payment as FAILED.
 */
public final class PurchaseService {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[A-Za-z]{2,24}");
    private static final int MAX_PLANS = 100;
    static final String ANSWER_LOST_MESSAGE = "If a payment prompt reaches your phone, enter your PIN; this page updates "
            + "once the payment arrives";

    private final PaymentRepositories repos;
    private final ProviderAdapters adapters;
    private final CredentialsSource credentials;
    private final PaymentStart start;
    private final PortalLimits limits;
    private final PublicRenewal renewal;
    private final Clock clock;
    private static final int MAX_REMEMBERED_ROUTERS = 10_000;
    private final Set<String> reachedRouters = ConcurrentHashMap.newKeySet();

    public PurchaseService(PaymentRepositories repos, ProviderAdapters adapters, CredentialsSource credentials,
                           URI callbackBaseUrl, PortalLimits limits, Clock clock) {
        this(repos, adapters, credentials, Optional.of(callbackBaseUrl), limits, clock);
    }

    public PurchaseService(PaymentRepositories repos, ProviderAdapters adapters, CredentialsSource credentials,
                           Optional<URI> callbackBaseUrl, PortalLimits limits, Clock clock) {
        this.repos = repos;
        this.limits = limits;
        this.renewal = new PublicRenewal(repos.subscriptions(), repos.customers(), repos.plans());
        this.adapters = adapters;
        this.credentials = credentials;
        this.start = new PaymentStart(repos.payments(), callbackBaseUrl, clock);
        this.clock = clock;
    }

    /** A plan as the login page shows it. Prices are decimal strings, never floating point. */
    public record PlanView(String id, String name, String price, String currency, String priceText, String validity,
                           String dataLimit, String rateLimit) {
    }

    /**
     * What the login page offers: the plans, the providers this reseller has set up (only those can be
     * paid with), the calling code its local phone numbers are read with and how one is typed there
     * (null if unknown), and the language the page opens in: the reseller's SMS language.
     */
    public record Catalogue(List<PlanView> plans, List<String> providers, String phoneCallingCode,
                            String phoneExample, String language, BrandingView branding) {
    }

    /** The portal's branding for the page (null fields: the page's own config.js values). */
    public record BrandingView(String name, String logoUrl, String accentColour, String backgroundColour, String textColour) {
        static BrandingView of(PortalBranding b) {
            return new BrandingView(b.name().orElse(null), b.logoUrl().orElse(null), b.accentColour().orElse(null),
                    b.backgroundColour().orElse(null), b.textColour().orElse(null));
        }
    }

    /** What the customer asked for. {@code username}: renew this hotspot/PPPoE account instead of buying a voucher. */
    public record PurchaseForm(String planId, String phone, String provider, String email, String username, String returnUrl) {
    }

    /**
     * The purchase was started; the page polls {@code paymentId} until it is final. {@code checkoutUrl}
     * is null for STK push (the customer confirms on the phone). Nullable fields are JSON nulls.
     */
    public record PurchaseStarted(String paymentId, String status, String provider, String checkoutUrl, String message) {
    }

    /**
     * Where a purchase is. {@code code}: the voucher code, canonical (it is the hotspot login), only once
     * SUCCEEDED with a voucher; the page groups it for display. {@code grantStatus} once SUCCEEDED: PENDING_ROUTER
     * until the router took the voucher (then {@code reason} says what it waits for; the code is shown all the
     * same, the customer paid for it), ACTIVE after.
     */
    public record PurchaseStatus(String paymentId, String status, String code, Instant expiresAt, String reason,
                                 String grantStatus) {
    }

    private Portal portal(String portalId) {
        return repos.portals().find(portalId).orElseThrow(() -> new NotFoundException("Portal", String.valueOf(portalId)));
    }

    /**
     * Refuses to list or sell on a portal whose router has never answered ({@link RouterReach}): before any write
     * or provider call, so no customer pays for a voucher no router can take.
     */
    private void requireSelling(Portal portal) {
        if (!reached(portal)) {
            throw new NotSellingYetException(RouterReach.neverReachedReason(portal.routerId()));
        }
    }

    /**
     * Whether the portal's router has ever answered ({@link RouterReach}), for selling and for the status poll alike.
     * Reached routers are remembered per execution environment (a router once reached stays reached), so a selling
     * portal, and the page polling a purchase on it, cost no extra read.
     */
    private boolean reached(Portal portal) {
        String key = portal.resellerId() + "/" + portal.routerId();
        if (reachedRouters.contains(key)) {
            return true;
        }
        if (!repos.routers().hasBeenReached(portal.resellerId(), portal.routerId())) {
            return false;
        }
        if (reachedRouters.size() >= MAX_REMEMBERED_ROUTERS) {
            reachedRouters.clear();
        }
        reachedRouters.add(key);
        return true;
    }

    private Reseller activeReseller(Portal portal) {
        Reseller reseller = repos.resellers().get(portal.resellerId());
        if (!reseller.isActive()) {
            throw new NotFoundException("Portal", portal.id());
        }
        return reseller;
    }

    public Catalogue catalogue(String portalId) {
        Portal portal = portal(portalId);
        Reseller reseller = activeReseller(portal);
        requireSelling(portal);
        List<String> providers = new ArrayList<>();
        for (PaymentProvider provider : PaymentProvider.values()) {
            if (portal.offersProvider(provider) && credentials.find(reseller.id(), provider).isPresent()) {
                providers.add(provider.slug());
            }
        }
        Optional<String> callingCode = PhoneNumbers.callingCode(reseller.currency());
        return new Catalogue(plans(portalId), providers, callingCode.orElse(null),
                callingCode.flatMap(PhoneNumbers::nationalExample).orElse(null),
                portal.language().orElseGet(() -> repos.smsSettings().settings(reseller.id()).language()),
                portal.branding().map(BrandingView::of).orElse(null));
    }

    public List<PlanView> plans(String portalId) {
        Portal portal = portal(portalId);
        activeReseller(portal);
        requireSelling(portal);
        List<PlanView> views = new ArrayList<>();
        PageRequest page = PageRequest.first(MAX_PLANS);
        Page<Plan> plans = repos.plans().list(portal.resellerId(), page);
        for (Plan plan : plans.items()) {
            if (plan.active() && plan.price().isPositive() && portal.offersPlan(plan.id())) {
                views.add(new PlanView(plan.id(), plan.name(), plan.price().toDecimalString(),
                        plan.price().currency().getCurrencyCode(), plan.price().format(), PlanTexts.validity(plan),
                        plan.dataLimit().map(DataSize::formatDecimal).orElse(null),
                        plan.rateLimit().map(Object::toString).orElse(null)));
            }
        }
        return views;
    }

    /** Starts a purchase once {@link PortalLimits} admit it: nothing is written or sent before. */
    public PurchaseStarted start(String portalId, PurchaseForm form, PortalLimits.Requester requester) {
        Portal portal = portal(portalId);
        Reseller reseller = activeReseller(portal);
        requireSelling(portal);

        Validation v = new Validation();
        v.notBlank(form.planId(), "planId");
        String phone = null;
        try {
            phone = PhoneNumbers.requireE164(form.phone(), "phone", PhoneNumbers.callingCode(reseller.currency()));
        } catch (ValidationException e) {
            v.addAll(e.errors());
        }
        PaymentProvider provider = null;
        if (v.notBlank(form.provider(), "provider")) {
            try {
                provider = PaymentProvider.fromSlug(form.provider());
            } catch (NotFoundException e) {
                v.check(false, "provider", "must be one of mpesa, paystack, stripe, midtrans");
            }
        }
        Optional<String> email = Optional.ofNullable(form.email()).map(String::strip).filter(e -> !e.isEmpty());
        email.ifPresent(e -> v.check(EMAIL.matcher(e).matches(), "email", "is not an e-mail address"));
        if (provider != null && adapters.get(provider).requiresEmail()) {
            v.check(email.isPresent(), "email", "is required to pay with " + form.provider());
        }
        URI returnUrl = null;
        if (form.returnUrl() != null && !form.returnUrl().isBlank()) {
            try {
                returnUrl = URI.create(form.returnUrl().strip());
                v.check(returnUrl.isAbsolute() && ("http".equals(returnUrl.getScheme()) || "https".equals(returnUrl.getScheme())),
                        "returnUrl", "must be an http(s) URL");
            } catch (IllegalArgumentException e) {
                v.check(false, "returnUrl", "must be an http(s) URL");
            }
        }
        Optional<String> username = Optional.ofNullable(form.username()).map(String::strip).filter(u -> !u.isEmpty());
        username.ifPresent(u -> v.check(Subscription.isValidUsername(u), "username", "is not an account name"));
        v.throwIfInvalid();
        limits.admit(portal, phone, requester);

        Plan plan = repos.plans().find(reseller.id(), form.planId()).filter(p -> portal.offersPlan(p.id()))
                .orElseThrow(() -> new ValidationException("planId", "no such plan"));
        PaymentProvider chosen = provider;
        ProviderCredentials creds = credentials.find(reseller.id(), provider).filter(c -> portal.offersProvider(chosen))
                .orElseThrow(() -> new ValidationException("provider", "this hotspot does not take " + form.provider()));
        Payment payment;
        if (username.isPresent()) {
            Subscription subscription = renewal.renewable(reseller.id(), username.get(), phone, plan);
            payment = Payment.forRenewal(reseller.id(), phone, plan, provider, subscription.id(), clock);
        } else {
            payment = Payment.forVoucher(reseller.id(), phone, plan, provider, portal.routerId(), clock);
        }
        PaymentStart.Started started = start.start(payment, adapters.get(provider), creds, plan.name(),
                Optional.ofNullable(returnUrl), "/portal/" + portal.id() + "/purchases/" + payment.id(), email);
        return started.initiation()
                .map(i -> new PurchaseStarted(started.payment().id(), PaymentStatus.PENDING.name(), chosen.slug(),
                        i.checkoutUrl().orElse(null), i.customerMessage()))
                .orElseGet(() -> new PurchaseStarted(started.payment().id(), PaymentStatus.PENDING.name(), chosen.slug(),
                        null, ANSWER_LOST_MESSAGE));
    }

    public PurchaseStatus status(String portalId, String paymentId) {
        Portal portal = portal(portalId);
        // Payment ids carry 80 random bits: knowing one is what lets the page that started it see the code.
        Payment payment = repos.payments().find(portal.resellerId(), paymentId)
                .filter(p -> p.routerId().map(portal.routerId()::equals).orElse(true))
                .orElseThrow(() -> new NotFoundException("Purchase", String.valueOf(paymentId)));
        if (payment.status() != PaymentStatus.SUCCEEDED) {
            return new PurchaseStatus(payment.id(), payment.status().name(), null, null, payment.failureReason().orElse(null),
                    null);
        }
        // Written in the same transaction as SUCCEEDED and read strongly: always there.
        PaymentGrant grant = repos.grants().find(portal.resellerId(), payment.id())
                .orElseThrow(() -> new IllegalStateException("payment " + payment.id() + " succeeded without a grant"));
        String pendingReason = grant.isPendingRouter() ? RouterReach.grantPendingReason(portal.routerId(), reached(portal))
                : null;
        return new PurchaseStatus(payment.id(), payment.status().name(), grant.voucherCode().orElse(null),
                grant.expiresAt().orElse(null), pendingReason, grant.status().name());
    }
}
