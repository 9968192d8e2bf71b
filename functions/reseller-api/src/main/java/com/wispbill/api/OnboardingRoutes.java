package com.wispbill.api;

import com.wispbill.adapters.CursorSeal;
import com.wispbill.adapters.http.HttpResponse;
import com.wispbill.adapters.http.ProblemException;
import com.wispbill.adapters.http.Responses;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.api.OnboardingViews.ConnectionTestView;
import com.wispbill.api.OnboardingViews.PortalView;
import com.wispbill.api.OnboardingViews.ProviderCheckView;
import com.wispbill.api.OnboardingViews.ProviderView;
import com.wispbill.api.OnboardingViews.ProvidersView;
import com.wispbill.api.OnboardingViews.VoidedView;
import com.wispbill.api.Views.RouterView;
import com.wispbill.api.Views.VoucherView;
import com.wispbill.api.http.Access;
import com.wispbill.api.http.ApiCall;
import com.wispbill.api.http.Route;
import com.wispbill.api.service.CustomerService;
import com.wispbill.api.service.DashboardService;
import com.wispbill.api.service.MoneyService;
import com.wispbill.api.service.PortalService;
import com.wispbill.api.service.ProviderCheck;
import com.wispbill.api.service.ProviderKeysService;
import com.wispbill.api.service.RouterLifecycle;
import com.wispbill.api.service.VoucherService;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.RouterConnectionTest;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.payment.Portal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Routes for going from nothing to selling and for support: router changes, logins, connection tests, retiring and
 * deleting; portals; payment-provider keys; voucher lookup by printed code, batch void; CSV exports. Registered by
 * {@link ResellerApiRoutes#all()} with the others; {@code docs/api.md} and {@code openapi.json} list them too.
 */
final class OnboardingRoutes {
    /** One export answer: at most this many rows (the listing's page limit), the rest behind {@code x-next-cursor}. */
    static final int EXPORT_PAGE_SIZE = PageRequest.MAX_LIMIT;
    static final int VOID_PAGE_SIZE = 300;

    private final RouterLifecycle routers;
    private final PortalService portals;
    private final ProviderKeysService providers;
    private final VoucherService vouchers;
    private final MoneyService money;
    private final CustomerService customers;
    private final DashboardService dashboards;
    private final CursorSeal cursors;

    OnboardingRoutes(RouterLifecycle routers, PortalService portals, ProviderKeysService providers, VoucherService vouchers,
                     MoneyService money, CustomerService customers, DashboardService dashboards, CursorSeal cursors) {
        this.routers = routers;
        this.portals = portals;
        this.providers = providers;
        this.vouchers = vouchers;
        this.money = money;
        this.customers = customers;
        this.dashboards = dashboards;
        this.cursors = cursors;
    }

    List<Route> all() {
        List<Route> r = new ArrayList<>();
        // router lifecycle
        r.add(new Route("PATCH", "/v1/routers/{routerId}", Access.MANAGE, call -> {
            var router = routers.update(reseller(call), call.path("routerId"), OnboardingCommands.updateRouter(call.body()));
            return Responses.ok(RouterView.of(router, Optional.empty(), routers.lastTest(reseller(call), router.id())));
        }));
        r.add(new Route("PUT", "/v1/routers/{routerId}/credentials", Access.MANAGE, call -> {
            routers.setLogin(reseller(call), call.path("routerId"), OnboardingCommands.routerLogin(call.body()));
            return new HttpResponse(204, Map.of(), "");
        }));
        r.add(new Route("POST", "/v1/routers/{routerId}/test-connection", Access.MANAGE, call -> {
            RouterConnectionTest test = routers.testConnection(reseller(call), call.path("routerId"));
            return Responses.accepted(ConnectionTestView.of(test), "/v1/routers/" + test.routerId());
        }));
        r.add(new Route("POST", "/v1/routers/{routerId}/retire", Access.MANAGE, call -> Responses.ok(
                RouterView.of(routers.retire(reseller(call), call.path("routerId")), Optional.empty()))));
        r.add(new Route("DELETE", "/v1/routers/{routerId}", Access.MANAGE, call -> {
            routers.delete(reseller(call), call.path("routerId"));
            return new HttpResponse(204, Map.of(), "");
        }));

        // portals
        r.add(new Route("POST", "/v1/portals", Access.MANAGE, call -> {
            Portal portal = portals.create(reseller(call), OnboardingCommands.portal(call.body(), true));
            return Responses.created(PortalView.of(portal), "/v1/portals/" + portal.id());
        }));
        r.add(new Route("GET", "/v1/portals", Access.MANAGE, call -> {
            Page<Portal> page = portals.list(reseller(call), call.page());
            return Responses.page(new Page<>(page.items(), cursors.seal(page.nextCursor(), call.cursorContext())), PortalView::of);
        }));
        r.add(new Route("GET", "/v1/portals/{portalId}", Access.MANAGE,
                call -> Responses.ok(PortalView.of(portals.get(reseller(call), call.path("portalId"))))));
        r.add(new Route("PUT", "/v1/portals/{portalId}", Access.MANAGE, call -> Responses.ok(PortalView.of(
                portals.replace(reseller(call), call.path("portalId"), OnboardingCommands.portal(call.body(), false))))));

        // payment-provider keys
        r.add(new Route("GET", "/v1/providers", Access.MANAGE, call -> Responses.ok(new ProvidersView(
                providers.list(reseller(call)).stream().map(ProviderView::of).toList()))));
        r.add(new Route("PUT", "/v1/providers/{provider}", Access.OWN, call -> {
            PaymentProvider provider = ProviderKeysService.provider(call.path("provider"));
            var body = call.body();
            Map<String, String> keys = OnboardingCommands.providerKeys(body, provider);
            Optional<String> version = body.optionalString("version");
            return reachingProvider(() -> current(() -> Responses.ok(ProviderView.of(
                    providers.connect(reseller(call), provider, keys, version, body.errors())))));
        }));
        r.add(new Route("POST", "/v1/providers/{provider}/test", Access.OWN, call -> reachingProvider(() -> Responses.ok(
                ProviderCheckView.of(providers.test(reseller(call), ProviderKeysService.provider(call.path("provider"))))))));
        r.add(new Route("POST", "/v1/providers/{provider}/rotate-webhook-token", Access.OWN, call -> current(() -> Responses.ok(
                ProviderView.of(providers.rotateWebhookToken(reseller(call), ProviderKeysService.provider(call.path("provider"))))))));
        r.add(new Route("DELETE", "/v1/providers/{provider}", Access.OWN, call -> {
            PaymentProvider provider = ProviderKeysService.provider(call.path("provider"));
            var body = call.body();
            Optional<String> version = body.optionalString("version");
            body.finish();
            return current(() -> {
                providers.disconnect(reseller(call), provider, version);
                return new HttpResponse(204, Map.of(), "");
            });
        }));

        // support
        r.add(new Route("GET", "/v1/vouchers", Access.SELL, call -> Responses.ok(VoucherView.of(vouchers.findByPrintedCode(
                reseller(call), call.query("code").orElseThrow(() -> new ValidationException("code",
                        "is required: the code as printed (dashes, spaces and case do not matter)")))))));
        r.add(new Route("POST", "/v1/voucher-batches/{batchId}/void", Access.MANAGE, call -> {
            Optional<String> reason = OnboardingCommands.reason(call.body());
            PageRequest page = new PageRequest(call.limit(VOID_PAGE_SIZE, PageRequest.MAX_LIMIT), call.query("cursor"));
            VoucherService.VoidedPage voided = vouchers.voidBatch(reseller(call), call.path("batchId"), reason, page);
            return Responses.ok(VoidedView.of(call.path("batchId"), voided,
                    cursors.seal(voided.nextCursor(), call.cursorContext()).orElse(null)));
        }));

        // CSV exports: the same items, order and cursors as the lists they mirror
        r.add(new Route("GET", "/v1/exports/vouchers", Access.MANAGE, call -> {
            String batchId = call.query("batchId").orElseThrow(() -> new ValidationException("batchId",
                    "is required: vouchers are exported per batch"));
            return csv(call, "vouchers-" + batchId, vouchers.listBatch(reseller(call), batchId, call.query("status"),
                    exportPage(call)), CsvExport.VOUCHERS);
        }));
        r.add(new Route("GET", "/v1/exports/payments", Access.MANAGE, call -> csv(call, "payments",
                money.payments(reseller(call), call.query("phone"), exportPage(call)), CsvExport.PAYMENTS)));
        r.add(new Route("GET", "/v1/exports/ledger", Access.MANAGE, call -> {
            LocalDate today = dashboards.today(reseller(call));
            LocalDate from = call.date("from", today);
            LocalDate to = call.date("to", from.isAfter(today) ? from : today);
            return csv(call, "ledger-" + from + "-" + to, money.ledger(reseller(call), from, to, exportPage(call)),
                    CsvExport.LEDGER);
        }));
        r.add(new Route("GET", "/v1/exports/customers", Access.MANAGE, call -> csv(call, "customers",
                customers.list(reseller(call), exportPage(call)), CsvExport.CUSTOMERS)));
        return r;
    }

    private static Reseller reseller(ApiCall call) {
        return call.caller().reseller();
    }

    private static PageRequest exportPage(ApiCall call) {
        return new PageRequest(call.limit(EXPORT_PAGE_SIZE, EXPORT_PAGE_SIZE), call.query("cursor"));
    }

    /** One page as CSV; while there is more, {@code x-next-cursor} (sealed) says where the next one starts. */
    private <T> HttpResponse csv(ApiCall call, String name, Page<T> page, List<CsvExport.Column<T>> columns) {
        HttpResponse response = HttpResponse.text(200, CsvExport.CONTENT_TYPE, CsvExport.write(page, columns,
                        reseller(call).zone()))
                .withHeader("content-disposition", "attachment; filename=\"" + name + ".csv\"")
                .withHeader("cache-control", "no-store");
        return cursors.seal(page.nextCursor(), call.cursorContext())
                .map(next -> response.withHeader("x-next-cursor", next)).orElse(response);
    }

    /**
     * Keys changed by someone else since the version the request was based on: 409 on {@code version}, with the
     * version now stored ({@code currentVersion}, absent when not connected); nothing was stored or removed.
     */
    private static HttpResponse current(Supplier<HttpResponse> call) {
        try {
            return call.get();
        } catch (ProviderKeysService.StaleKeys e) {
            Map<String, Object> extensions = e.currentVersion().<Map<String, Object>>map(v -> Map.of("currentVersion", v))
                    .orElse(Map.of());
            throw new ProblemException(409, "Conflict", e.getMessage(),
                    List.of(new FieldError("version", "is not the stored version: read the keys' version again")), Map.of(),
                    extensions);
        }
    }

    /** A provider that cannot be asked is a 503: nothing is known about the keys and nothing was stored. */
    private static HttpResponse reachingProvider(Supplier<HttpResponse> call) {
        try {
            return call.get();
        } catch (ProviderCheck.Unreachable e) {
            throw new ProblemException(503, "Payment provider unavailable", e.getMessage(), List.of(),
                    Map.of("retry-after", "30"));
        }
    }
}
