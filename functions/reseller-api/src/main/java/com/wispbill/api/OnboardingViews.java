package com.wispbill.api;

import com.wispbill.api.service.ProviderKeysService;
import com.wispbill.api.service.VoucherService;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.RouterConnectionTest;
import com.wispbill.domain.payment.Portal;
import com.wispbill.domain.payment.PortalBranding;
import java.time.Instant;
import java.util.List;

/** JSON answers of the onboarding and support routes; never a password, key or token except where made. */
final class OnboardingViews {
    private OnboardingViews() {
    }

    record ConnectionTestView(String testId, String status, Instant requestedAt, Instant checkedAt, String identity,
                              String routerOsVersion, Boolean hotspotPresent, Boolean pppPresent, String error) {
        static ConnectionTestView of(RouterConnectionTest t) {
            return new ConnectionTestView(t.testId(), t.status().name(), t.requestedAt(), t.checkedAt().orElse(null),
                    t.identity().orElse(null), t.routerOsVersion().orElse(null), t.hotspotPresent().orElse(null),
                    t.pppPresent().orElse(null), t.error().orElse(null));
        }
    }

    record BrandingView(String name, String logoUrl, String accentColour, String backgroundColour, String textColour) {
        static BrandingView of(PortalBranding b) {
            return new BrandingView(b.name().orElse(null), b.logoUrl().orElse(null), b.accentColour().orElse(null),
                    b.backgroundColour().orElse(null), b.textColour().orElse(null));
        }
    }

    /** {@code plansPath}: the public catalogue the login page reads. */
    record PortalView(String id, String routerId, List<String> planIds, List<String> providers, BrandingView branding,
                      String language, String location, Instant createdAt, String plansPath) {
        static PortalView of(Portal p) {
            return new PortalView(p.id(), p.routerId(), p.planIds(), p.providers().stream().map(PaymentProvider::slug).toList(),
                    p.branding().map(BrandingView::of).orElse(null), p.language().orElse(null), p.location().orElse(null),
                    p.createdAt(), "/portal/" + p.id() + "/plans");
        }
    }

    /** {@code webhookPath}: only in the answer that made the token (shown once). */
    /** {@code version}: the stored keys' version, what a PUT of new keys sends back (null when not connected). */
    record ProviderView(String provider, boolean connected, String webhookPath, String version) {
        static ProviderView of(ProviderKeysService.Connection c) {
            return new ProviderView(c.provider().slug(), c.connected(), c.webhookPath().orElse(null), c.version().orElse(null));
        }
    }

    record ProvidersView(List<ProviderView> items) {
    }

    record ProviderCheckView(String provider, boolean accepted, String detail, Instant checkedAt) {
        static ProviderCheckView of(ProviderKeysService.CheckResult r) {
            return new ProviderCheckView(r.provider().slug(), r.accepted(), r.detail(), r.checkedAt());
        }
    }

    record VoidedView(String batchId, int voided, int skipped, String nextCursor) {
        static VoidedView of(String batchId, VoucherService.VoidedPage page, String sealedCursor) {
            return new VoidedView(batchId, page.voided(), page.skipped(), sealedCursor);
        }
    }
}
