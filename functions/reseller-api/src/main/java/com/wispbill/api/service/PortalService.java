package com.wispbill.api.service;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.adapters.repository.PortalRepository;
import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.Ids;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Router;
import com.wispbill.domain.Validation;
import com.wispbill.domain.payment.Portal;
import com.wispbill.domain.payment.PortalBranding;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The caller's hotspot portals: the public handle a login page buys through ({@code /portal/{id}/...}), one or
 * more per router (e.g. one per location), each with the plans and providers it offers, its branding and language.
 * The id is the one the login page's config.js names; the reseller may choose it (globally unique) or get one.
 */
public final class PortalService {
    private final PortalRepository portals;
    private final RouterRepository routers;
    private final PlanRepository plans;
    private final Clock clock;

    public PortalService(PortalRepository portals, RouterRepository routers, PlanRepository plans, Clock clock) {
        this.portals = portals;
        this.routers = routers;
        this.plans = plans;
        this.clock = clock;
    }

    /** What a portal offers. {@code id}: only when creating (empty: one is drawn). */
    public record PortalTerms(Optional<String> id, String routerId, List<String> planIds, List<String> providers,
                              Optional<PortalBranding> branding, Optional<String> language, Optional<String> location,
                              List<FieldError> inputErrors) {
        public PortalTerms {
            planIds = planIds == null ? List.of() : List.copyOf(planIds);
            providers = providers == null ? List.of() : List.copyOf(providers);
            inputErrors = List.copyOf(inputErrors);
        }
    }

    public Portal create(Reseller reseller, PortalTerms terms) {
        String id = terms.id().map(s -> s.strip()).orElseGet(() -> "p-" + Ids.newId(clock).toLowerCase(Locale.ROOT));
        Portal portal = build(reseller, id, clock.instant(), terms);
        portals.create(portal);
        return portal;
    }

    public Portal replace(Reseller reseller, String portalId, PortalTerms terms) {
        Portal current = get(reseller, portalId);
        Portal portal = build(reseller, current.id(), current.createdAt(), terms);
        portals.update(portal);
        return portal;
    }

    public Portal get(Reseller reseller, String portalId) {
        return portals.find(reseller.id(), portalId).orElseThrow(() -> new NotFoundException("Portal", portalId));
    }

    public Page<Portal> list(Reseller reseller, PageRequest page) {
        return portals.list(reseller.id(), page);
    }

    private Portal build(Reseller reseller, String id, Instant createdAt, PortalTerms terms) {
        Validation v = new Validation();
        v.addAll(terms.inputErrors());
        List<PaymentProvider> providers = new ArrayList<>();
        for (int i = 0; i < terms.providers().size(); i++) {
            try {
                providers.add(PaymentProvider.fromSlug(terms.providers().get(i)));
            } catch (NotFoundException e) {
                v.add(new FieldError("providers[" + i + "]", "must be one of mpesa, paystack, stripe, midtrans"));
            }
        }
        if (terms.routerId() != null) {
            Optional<Router> router = Ids.isValid(terms.routerId()) ? routers.find(reseller.id(), terms.routerId())
                    : Optional.empty();
            if (router.isEmpty()) {
                v.add(new FieldError("routerId", "no such router"));
            } else if (!router.get().isActive()) {
                v.add(new FieldError("routerId", "the router is " + router.get().status() + ": a portal cannot sell on it"));
            }
        }
        for (int i = 0; i < terms.planIds().size(); i++) {
            String planId = terms.planIds().get(i);
            if (!Ids.isValid(planId) || plans.find(reseller.id(), planId).isEmpty()) {
                v.add(new FieldError("planIds[" + i + "]", "no such plan"));
            }
        }
        return v.build(() -> new Portal(id, reseller.id(), terms.routerId(), createdAt, terms.planIds(), providers,
                terms.branding(), terms.language(), terms.location()), UnaryOperator.identity());
    }
}
