package com.wispbill.api;

import com.wispbill.adapters.CursorSeal;
import com.wispbill.adapters.repository.Page;
import com.wispbill.api.Views.ActiveSessionsView;
import com.wispbill.api.Views.AlertView;
import com.wispbill.api.Views.AlertsView;
import com.wispbill.api.Views.ApiKeyView;
import com.wispbill.api.Views.BalanceView;
import com.wispbill.api.Views.BandwidthDayView;
import com.wispbill.api.Views.BandwidthView;
import com.wispbill.api.Views.BatchView;
import com.wispbill.api.Views.CustomerView;
import com.wispbill.api.Views.ExtensionView;
import com.wispbill.api.Views.HealthView;
import com.wispbill.api.Views.IssuedKeyView;
import com.wispbill.api.Views.LedgerEntryView;
import com.wispbill.api.Views.MeView;
import com.wispbill.api.Views.MessageView;
import com.wispbill.api.Views.MessagesView;
import com.wispbill.api.Views.MoneyView;
import com.wispbill.api.Views.OnboardedView;
import com.wispbill.api.Views.PaymentView;
import com.wispbill.api.Views.PlanView;
import com.wispbill.api.Views.PopularPlanView;
import com.wispbill.api.Views.PopularPlansView;
import com.wispbill.api.Views.QuotaView;
import com.wispbill.api.Views.ReminderSettingsView;
import com.wispbill.api.Views.SmsApprovalsView;
import com.wispbill.api.Views.SmsSettingsView;
import com.wispbill.api.Views.SmsTemplateView;
import com.wispbill.api.Views.ResellerView;
import com.wispbill.api.Views.RevenueDaysView;
import com.wispbill.api.Views.RevenueView;
import com.wispbill.api.Views.RouterHealthView;
import com.wispbill.api.Views.RouterView;
import com.wispbill.api.Views.SubscriptionChangeView;
import com.wispbill.api.Views.CashRenewalView;
import com.wispbill.api.Views.SubscriptionView;
import com.wispbill.api.Views.TodayView;
import com.wispbill.api.Views.VoucherView;
import com.wispbill.api.Views.WhatsAppOptInView;
import com.wispbill.api.Views.WhatsAppSettingsView;
import com.wispbill.api.Views.WhatsAppTemplatesView;
import com.wispbill.api.Views.AlertEmailsView;
import com.wispbill.api.http.Access;
import com.wispbill.api.http.ApiCall;
import com.wispbill.adapters.http.HttpResponse;
import com.wispbill.adapters.http.Responses;
import com.wispbill.api.http.Route;
import com.wispbill.api.http.RoleTable;
import com.wispbill.api.http.RouteTable;
import com.wispbill.api.service.CustomerService;
import com.wispbill.api.service.MessageService;
import com.wispbill.api.service.DashboardService;
import com.wispbill.api.service.MoneyService;
import com.wispbill.api.service.PlanService;
import com.wispbill.api.service.ResellerAdmin;
import com.wispbill.api.service.RouterService;
import com.wispbill.api.service.VoucherBatchService;
import com.wispbill.api.service.RouterSetupService;
import com.wispbill.api.service.SettingsService;
import com.wispbill.api.service.SubscriberService;
import com.wispbill.api.service.PaybillService;
import com.wispbill.api.service.StkRenewalService;
import com.wispbill.api.service.WalletService;
import com.wispbill.api.Views.WalletView;
import com.wispbill.api.Views.WalletRenewalView;
import com.wispbill.api.Views.StkPushView;
import com.wispbill.api.Views.PaybillPaymentView;
import com.wispbill.api.Views.PaybillRegistrationView;
import com.wispbill.api.Views.PaybillSettingsView;
import com.wispbill.adapters.http.ProblemException;
import com.wispbill.payment.provider.ProviderUnavailableException;
import com.wispbill.api.service.NoticeSettingsService;
import com.wispbill.api.service.VoucherService;
import com.wispbill.api.service.VoucherSheetService;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.ResellerStatus;
import com.wispbill.domain.Validation;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.sheets.VoucherSheet;
import com.wispbill.sheets.VoucherSheets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every route of the API: the path, who may call it, and how the call maps onto a service and back
 * to JSON. Tenant routes take the reseller from the caller's key only; nothing here reads a reseller
 * id from a body or query. {@code docs/api.md} and {@code openapi.json} describe the same list.
 */
final class ResellerApiRoutes {
    static final String OPENAPI_RESOURCE = "/openapi.json";
    private static final int MAX_POPULAR_PLANS = 100;
    private static final String SHEET_HTML = "html";
    private static final String SHEET_PDF = "pdf";
    private static final String SCRIPT_CONTENT_TYPE = "text/plain; charset=utf-8";

    private final ResellerAdmin admin;
    private final PlanService plans;
    private final RouterService routers;
    private final VoucherBatchService batches;
    private final VoucherService vouchers;
    private final VoucherSheetService sheets;
    private final RouterSetupService routerSetup;
    private final CustomerService customers;
    private final SubscriberService subscribers;
    private final PaybillService paybill;
    private final StkRenewalService stkRenewals;
    private final WalletService wallets;
    private final MessageService messages;
    private final MoneyService money;
    private final DashboardService dashboards;
    private final SettingsService resellerSettings;
    private final NoticeSettingsService notices;
    private final ApiSettings settings;
    private final CursorSeal cursors;
    private final String openApiDocument;
    private final OnboardingRoutes onboarding;
    private final StaffRoutes staff;
    private RouteTable table;

    ResellerApiRoutes(ResellerAdmin admin, PlanService plans, RouterService routers, VoucherBatchService batches,
                      VoucherService vouchers, VoucherSheetService sheets, RouterSetupService routerSetup,
                      CustomerService customers, SubscriberService subscribers, PaybillService paybill, WalletService wallets,
                      StkRenewalService stkRenewals,
                      MessageService messages, MoneyService money, DashboardService dashboards,
                      SettingsService resellerSettings, NoticeSettingsService notices, ApiSettings settings, CursorSeal cursors,
                      OnboardingRoutes onboarding, StaffRoutes staff) {
        this.onboarding = onboarding;
        this.staff = staff;
        this.notices = notices;
        this.cursors = cursors;
        this.admin = admin;
        this.plans = plans;
        this.routers = routers;
        this.batches = batches;
        this.vouchers = vouchers;
        this.sheets = sheets;
        this.routerSetup = routerSetup;
        this.customers = customers;
        this.subscribers = subscribers;
        this.paybill = paybill;
        this.stkRenewals = stkRenewals;
        this.wallets = wallets;
        this.messages = messages;
        this.money = money;
        this.dashboards = dashboards;
        this.resellerSettings = resellerSettings;
        this.settings = settings;
        this.openApiDocument = loadOpenApi();
    }

    static String loadOpenApi() {
        try (InputStream in = ResellerApiRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every route, matched by method and path: built once, also what {@code GET /v1/me} lists from. */
    synchronized RouteTable table() {
        if (table == null) {
            table = new RouteTable(all());
        }
        return table;
    }

    List<Route> all() {
        List<Route> r = new ArrayList<>();
        r.add(new Route("GET", "/v1/openapi.json", Access.PUBLIC, call -> HttpResponse.json(200, openApiDocument)));
        r.add(new Route("GET", "/v1/me", Access.SIGNED_IN, this::me));

        // operator: resellers and keys
        r.add(new Route("POST", "/v1/resellers", Access.OPERATOR, this::createReseller));
        r.add(new Route("GET", "/v1/resellers", Access.OPERATOR,
                call -> page(call, admin.listResellers(call.page()), ResellerView::of)));
        r.add(new Route("GET", "/v1/resellers/{resellerId}", Access.OPERATOR,
                call -> Responses.ok(ResellerView.of(admin.getReseller(call.path("resellerId"))))));
        r.add(new Route("POST", "/v1/resellers/{resellerId}/suspend", Access.OPERATOR, call -> Responses.ok(
                ResellerView.of(admin.setStatus(call.path("resellerId"), ResellerStatus.SUSPENDED)))));
        r.add(new Route("POST", "/v1/resellers/{resellerId}/reactivate", Access.OPERATOR, call -> Responses.ok(
                ResellerView.of(admin.setStatus(call.path("resellerId"), ResellerStatus.ACTIVE)))));
        r.add(new Route("PUT", "/v1/resellers/{resellerId}/voucher-quota", Access.OPERATOR, this::setQuota));
        r.add(new Route("GET", "/v1/resellers/{resellerId}/sms-approvals", Access.OPERATOR, call -> {
            String resellerId = admin.getReseller(call.path("resellerId")).id();
            return Responses.ok(SmsApprovalsView.of(resellerId, resellerSettings.approvals(resellerId)));
        }));
        r.add(new Route("PUT", "/v1/resellers/{resellerId}/sms-approvals", Access.OPERATOR, call -> {
            String resellerId = admin.getReseller(call.path("resellerId")).id();
            return Responses.ok(SmsApprovalsView.of(resellerId, resellerSettings.setApprovals(resellerId,
                    RequestCommands.approvals(call.body()))));
        }));
        r.add(new Route("POST", "/v1/resellers/{resellerId}/api-keys", Access.OPERATOR, this::issueKey));
        r.add(new Route("GET", "/v1/resellers/{resellerId}/api-keys", Access.OPERATOR,
                call -> Responses.ok(new Responses.PageBody<>(admin.listKeys(call.path("resellerId")).stream()
                        .map(ApiKeyView::of).toList(), null))));
        r.add(new Route("POST", "/v1/resellers/{resellerId}/api-keys/{keyId}/rotate", Access.OPERATOR,
                call -> Responses.created(IssuedKeyView.of(admin.rotateKey(call.path("resellerId"), call.path("keyId"))),
                        "/v1/resellers/" + call.path("resellerId") + "/api-keys")));
        r.add(new Route("DELETE", "/v1/resellers/{resellerId}/api-keys/{keyId}", Access.OPERATOR,
                call -> Responses.ok(ApiKeyView.of(admin.revokeKey(call.path("resellerId"), call.path("keyId"))))));

        // plans
        r.add(new Route("POST", "/v1/plans", Access.MANAGE, call -> {
            Plan plan = plans.create(reseller(call), RequestCommands.plan(call.body(), false));
            return Responses.created(PlanView.of(plan), "/v1/plans/" + plan.id());
        }));
        r.add(new Route("GET", "/v1/plans", Access.SELL,
                call -> page(call, plans.list(reseller(call), call.page()), PlanView::of)));
        r.add(new Route("GET", "/v1/plans/{planId}", Access.SELL,
                call -> Responses.ok(PlanView.of(plans.get(reseller(call), call.path("planId"))))));
        r.add(new Route("PUT", "/v1/plans/{planId}", Access.MANAGE,
                call -> Responses.ok(PlanView.of(plans.replace(reseller(call), call.path("planId"),
                        RequestCommands.plan(call.body(), true))))));
        r.add(new Route("DELETE", "/v1/plans/{planId}", Access.MANAGE,
                call -> Responses.ok(PlanView.of(plans.deactivate(reseller(call), call.path("planId"))))));

        // routers
        r.add(new Route("POST", "/v1/routers", Access.MANAGE, call -> {
            var router = routers.register(reseller(call), RequestCommands.registerRouter(call.body()));
            return Responses.created(RouterView.of(router, Optional.empty()), "/v1/routers/" + router.id());
        }));
        r.add(new Route("GET", "/v1/routers", Access.SELL, call -> page(call,
                routers.list(reseller(call), call.page()), rh -> RouterView.of(rh.router(), rh.health()))));
        r.add(new Route("GET", "/v1/routers/{routerId}", Access.SELL, call -> {
            var rh = routers.get(reseller(call), call.path("routerId"));
            return Responses.ok(RouterView.of(rh.router(), rh.health(), rh.lastTest()));
        }));
        r.add(new Route("GET", "/v1/routers/{routerId}/setup-script", Access.MANAGE, this::routerSetupScript));

        // voucher batches and vouchers
        r.add(new Route("POST", "/v1/voucher-batches", Access.SELL, call -> {
            VoucherBatch batch = batches.order(reseller(call), RequestCommands.orderVoucherBatch(call.body()),
                    call.request().header("idempotency-key"));
            return Responses.accepted(BatchView.of(batch), "/v1/voucher-batches/" + batch.id());
        }));
        r.add(new Route("GET", "/v1/voucher-batches", Access.SELL,
                call -> page(call, batches.list(reseller(call), call.page()), BatchView::of)));
        r.add(new Route("GET", "/v1/voucher-batches/{batchId}", Access.SELL,
                call -> Responses.ok(BatchView.of(batches.get(reseller(call), call.path("batchId"))))));
        r.add(new Route("GET", "/v1/voucher-batches/{batchId}/vouchers", Access.SELL, call -> page(call,
                vouchers.listBatch(reseller(call), call.path("batchId"), call.query("status"), call.page()),
                VoucherView::of)));
        r.add(new Route("GET", "/v1/voucher-batches/{batchId}/sheet", Access.SELL, this::voucherSheet));
        r.add(new Route("GET", "/v1/vouchers/{voucherId}", Access.SELL,
                call -> Responses.ok(VoucherView.of(vouchers.get(reseller(call), call.path("voucherId"))))));
        r.add(new Route("POST", "/v1/vouchers/{voucherId}/revoke", Access.MANAGE,
                call -> Responses.ok(VoucherView.of(vouchers.revoke(reseller(call), call.path("voucherId"),
                        OnboardingCommands.reason(call.body()))))));

        // customers and subscriptions
        r.add(new Route("GET", "/v1/customers", Access.SELL, call -> {
            Optional<String> phone = call.query("phone");
            var page = phone.isPresent()
                    ? customers.findByPhone(reseller(call), phone.get())
                    : customers.list(reseller(call), call.page());
            return page(call, page, CustomerView::of);
        }));
        r.add(new Route("GET", "/v1/customers/{customerId}", Access.SELL,
                call -> Responses.ok(CustomerView.of(customers.get(reseller(call), call.path("customerId"))))));
        r.add(new Route("GET", "/v1/customers/{customerId}/subscriptions", Access.SELL, call -> page(call,
                customers.subscriptionsOf(reseller(call), call.path("customerId"), call.page()), SubscriptionView::of)));
        r.add(new Route("GET", "/v1/customers/{customerId}/messages", Access.SELL, call -> Responses.ok(new MessagesView(
                messages.of(reseller(call), call.path("customerId")).stream().map(MessageView::of).toList()))));
        r.add(new Route("GET", "/v1/subscriptions/{subscriptionId}", Access.SELL, call -> Responses.ok(
                SubscriptionView.of(customers.subscription(reseller(call), call.path("subscriptionId"))))));
        r.add(new Route("POST", "/v1/subscriptions/{subscriptionId}/extend", Access.MANAGE, call -> {
            CustomerService.Extension e = customers.extend(reseller(call), call.path("subscriptionId"),
                    RequestCommands.extend(call.body()));
            return Responses.ok(new ExtensionView(SubscriptionView.of(e.subscription()), LedgerEntryView.of(e.entry()),
                    e.routerCommandQueued()));
        }));

        // subscribers: customers' details and subscriptions' lifecycle (SubscriberService)
        r.add(new Route("POST", "/v1/customers", Access.SELL, call -> {
            var customer = subscribers.createCustomer(reseller(call), RequestCommands.customer(call.body()));
            return Responses.created(CustomerView.of(customer), "/v1/customers/" + customer.id());
        }));
        r.add(new Route("PUT", "/v1/customers/{customerId}", Access.SELL, call -> Responses.ok(CustomerView.of(
                subscribers.updateCustomer(reseller(call), call.path("customerId"), RequestCommands.customer(call.body()))))));
        r.add(new Route("POST", "/v1/subscriptions", Access.SELL, call -> {
            SubscriberService.Change c = subscribers.create(reseller(call), RequestCommands.newSubscription(call.body()));
            return Responses.created(changeView(c), "/v1/subscriptions/" + c.subscription().id());
        }));
        r.add(new Route("PUT", "/v1/subscriptions/{subscriptionId}/plan", Access.SELL, call -> {
            var body = call.body();
            String planId = body.string("planId");
            return Responses.ok(changeView(subscribers.changePlan(reseller(call), call.path("subscriptionId"), planId,
                    body.errors())));
        }));
        r.add(new Route("PUT", "/v1/subscriptions/{subscriptionId}/auto-renew", Access.SELL, call -> {
            var body = call.body();
            Boolean enabled = body.optionalBoolean("enabled").orElse(null);
            if (enabled == null && !body.hasErrorFor("enabled")) {
                body.error("enabled", "is required: true renews from the customer's wallet at expiry, false does not");
            }
            return Responses.ok(changeView(subscribers.setAutoRenew(reseller(call), call.path("subscriptionId"), enabled,
                    body.errors())));
        }));
        r.add(new Route("POST", "/v1/subscriptions/{subscriptionId}/renew", Access.SELL, call -> {
            CustomerService.CashRenewed c = customers.renewForCash(reseller(call), call.path("subscriptionId"),
                    RequestCommands.cashRenewal(call.body()), call.request().header("idempotency-key"));
            return Responses.ok(new CashRenewalView(SubscriptionView.of(c.subscription()), c.ledgerEntryId(),
                    c.routerCommandQueued(), c.repeated()));
        }));
        r.add(new Route("POST", "/v1/subscriptions/{subscriptionId}/stk-push", Access.SELL, call -> {
            var body = call.body();
            Optional<String> phone = body.optionalString("phone");
            body.finish();
            try {
                StkRenewalService.StkRequested s = stkRenewals.push(reseller(call), call.path("subscriptionId"), phone);
                return Responses.accepted(new StkPushView(PaymentView.of(s.payment()), s.customerMessage().orElse(null)),
                        "/v1/payments/" + s.payment().id());
            } catch (ProviderUnavailableException e) {
                throw new ProblemException(503, "Service Unavailable", "M-Pesa could not be reached; nothing was sent");
            }
        }));
        r.add(new Route("GET", "/v1/customers/{customerId}/wallet", Access.SELL, call -> Responses.ok(
                new WalletView(MoneyView.of(wallets.balance(reseller(call), call.path("customerId"))), null, false))));
        r.add(new Route("POST", "/v1/customers/{customerId}/wallet/top-ups", Access.SELL, call -> {
            var body = call.body();
            String hash = body.canonicalHash();
            Long amount = body.longValue("amountMinor");
            Optional<String> memo = body.optionalString("memo");
            WalletService.ToppedUp t = wallets.topUp(reseller(call), call.path("customerId"),
                    new WalletService.TopUp(amount, memo, hash, body.errors()), call.request().header("idempotency-key"));
            return Responses.ok(new WalletView(MoneyView.of(t.balance()), t.ledgerEntryId(), t.repeated()));
        }));
        r.add(new Route("POST", "/v1/subscriptions/{subscriptionId}/wallet-renewal", Access.SELL, call -> {
            var body = call.body();
            String forExpiry = body.string("forExpiry");
            java.time.Instant expiry = null;
            if (forExpiry != null) {
                try {
                    expiry = java.time.Instant.parse(forExpiry.strip());
                } catch (java.time.format.DateTimeParseException e) {
                    body.error("forExpiry", "must be the subscription's expiresAt as read, e.g. 2026-12-01T10:00:00Z");
                }
            }
            body.finish();
            com.wispbill.adapters.subscriber.WalletRenewal.Renewed w = wallets.renew(reseller(call), call.path("subscriptionId"), expiry);
            return Responses.ok(new WalletRenewalView(SubscriptionView.of(w.subscription()),
                    w.debited().map(MoneyView::of).orElse(null), MoneyView.of(w.balance()), w.routerCommandQueued()));
        }));
        r.add(new Route("POST", "/v1/subscriptions/{subscriptionId}/suspend", Access.SELL,
                call -> Responses.ok(changeView(subscribers.suspend(reseller(call), call.path("subscriptionId"))))));
        r.add(new Route("POST", "/v1/subscriptions/{subscriptionId}/resume", Access.SELL,
                call -> Responses.ok(changeView(subscribers.resume(reseller(call), call.path("subscriptionId"))))));
        r.add(new Route("POST", "/v1/subscriptions/{subscriptionId}/end", Access.SELL,
                call -> Responses.ok(changeView(subscribers.end(reseller(call), call.path("subscriptionId"))))));

        // M-Pesa paybill (C2B): URL registration, the validation setting, payments waiting for review
        r.add(new Route("GET", "/v1/paybill", Access.MANAGE,
                call -> Responses.ok(new PaybillSettingsView(paybill.refusesUnknownAccounts(reseller(call))))));
        r.add(new Route("PUT", "/v1/paybill", Access.MANAGE, call -> {
            var body = call.body();
            var refuse = body.optionalBoolean("refuseUnknownAccounts");
            if (refuse.isEmpty() && !body.hasErrorFor("refuseUnknownAccounts")) {
                body.error("refuseUnknownAccounts", "is required (true or false)");
            }
            body.finish();
            return Responses.ok(new PaybillSettingsView(paybill.setRefusesUnknownAccounts(reseller(call), refuse.get())));
        }));
        r.add(new Route("POST", "/v1/paybill/register", Access.OWN, this::registerPaybill));
        r.add(new Route("GET", "/v1/paybill/reviews", Access.MANAGE,
                call -> page(call, paybill.reviews(reseller(call), call.page()), PaybillPaymentView::of)));
        r.add(new Route("GET", "/v1/paybill/payments/{transId}", Access.MANAGE,
                call -> Responses.ok(PaybillPaymentView.of(paybill.payment(reseller(call), call.path("transId"))))));
        r.add(new Route("POST", "/v1/paybill/payments/{transId}/assign", Access.MANAGE, call -> {
            var body = call.body();
            String subscriptionId = body.string("subscriptionId");
            return Responses.ok(PaybillPaymentView.of(paybill.assign(reseller(call), call.path("transId"), subscriptionId,
                    body.errors())));
        }));
        r.add(new Route("POST", "/v1/paybill/payments/{transId}/refund", Access.MANAGE, call -> {
            var body = call.body();
            String note = body.string("note");
            return Responses.ok(PaybillPaymentView.of(paybill.refund(reseller(call), call.path("transId"),
                    Optional.ofNullable(note), body.errors())));
        }));

        // payments, ledger, balance
        r.add(new Route("GET", "/v1/payments", Access.MANAGE, call -> page(call,
                money.payments(reseller(call), call.query("phone"), call.page()), PaymentView::of)));
        r.add(new Route("GET", "/v1/payments/{paymentId}", Access.SELL,
                call -> Responses.ok(PaymentView.of(money.payment(reseller(call), call.path("paymentId"))))));
        r.add(new Route("GET", "/v1/ledger", Access.MANAGE, call -> {
            LocalDate today = dashboards.today(reseller(call));
            LocalDate from = call.date("from", today);
            return page(call, money.ledger(reseller(call), from, call.date("to", from.isAfter(today) ? from : today),
                    call.page()), LedgerEntryView::of);
        }));
        r.add(new Route("GET", "/v1/balance", Access.MANAGE,
                call -> Responses.ok(new BalanceView(MoneyView.of(money.balance(reseller(call)))))));

        // dashboards
        r.add(new Route("GET", "/v1/dashboard/today", Access.MANAGE, call -> {
            Reseller reseller = reseller(call);
            DashboardService.Today t = dashboards.today(reseller, call.page());
            return Responses.ok(new TodayView(t.date(), reseller.zone().getId(), RevenueView.of(t.revenue()),
                    t.transactions().items().stream().map(LedgerEntryView::of).toList(),
                    cursors.seal(t.transactions().nextCursor(), call.cursorContext()).orElse(null)));
        }));
        r.add(new Route("GET", "/v1/dashboard/revenue", Access.MANAGE, call -> {
            Reseller reseller = reseller(call);
            DashboardService.RevenueDays revenue = dashboards.revenueDays(reseller, call.wholeNumber("days",
                    DashboardService.DEFAULT_REVENUE_DAYS, 1, DashboardService.MAX_REVENUE_DAYS));
            return Responses.ok(new RevenueDaysView(revenue.from(), revenue.to(), reseller.zone().getId(),
                    revenue.days().stream().map(RevenueView::of).toList()));
        }));
        r.add(new Route("GET", "/v1/dashboard/popular-plans", Access.MANAGE, call -> {
            Reseller reseller = reseller(call);
            LocalDate to = call.date("to", dashboards.today(reseller));
            LocalDate from = call.date("from", to.minusDays(29));
            int limit = call.page().limit();
            List<PopularPlanView> top = dashboards.popularPlans(reseller, from, to, Math.min(limit, MAX_POPULAR_PLANS))
                    .stream().map(p -> new PopularPlanView(p.planId(), p.planName().orElse(null), p.sales(),
                            MoneyView.of(p.gross()))).toList();
            return Responses.ok(new PopularPlansView(from, to, top));
        }));
        r.add(new Route("GET", "/v1/dashboard/active-sessions", Access.SELL, call -> {
            DashboardService.ActiveSessions s = dashboards.activeSessions(reseller(call));
            int reporting = (int) s.routers().stream().filter(h -> h.reachable()).count();
            return Responses.ok(new ActiveSessionsView(s.total(), reporting, s.routers().size() - reporting,
                    s.routers().stream().map(HealthView::of).toList()));
        }));
        r.add(new Route("GET", "/v1/dashboard/bandwidth", Access.SELL, call -> {
            Reseller reseller = reseller(call);
            LocalDate to = call.date("to", dashboards.today(reseller));
            LocalDate from = call.date("from", to.minusDays(6));
            return Responses.ok(new BandwidthView(from, to,
                    dashboards.bandwidth(reseller, from, to).stream().map(BandwidthDayView::of).toList()));
        }));
        r.add(new Route("GET", "/v1/dashboard/router-health", Access.SELL, call -> Responses.ok(
                new RouterHealthView(dashboards.routerHealth(reseller(call)).stream().map(HealthView::of).toList()))));
        r.add(new Route("GET", "/v1/dashboard/alerts", Access.SELL, call -> Responses.ok(
                new AlertsView(dashboards.openAlerts(reseller(call)).stream().map(AlertView::of).toList()))));

        // settings the notifier and the expiry sweeper act on
        r.add(new Route("GET", "/v1/settings/sms", Access.MANAGE,
                call -> Responses.ok(SmsSettingsView.of(resellerSettings.sms(reseller(call))))));
        r.add(new Route("PUT", "/v1/settings/sms", Access.MANAGE,
                call -> Responses.ok(SmsSettingsView.of(resellerSettings.setSms(reseller(call),
                        RequestCommands.setSms(call.body()))))));
        r.add(new Route("PUT", "/v1/settings/sms/templates/{language}/{template}", Access.MANAGE,
                call -> Responses.ok(SmsTemplateView.of(resellerSettings.setTemplate(reseller(call), call.path("language"),
                        call.path("template"), RequestCommands.setTemplate(call.body()))))));
        r.add(new Route("DELETE", "/v1/settings/sms/templates/{language}/{template}", Access.MANAGE,
                call -> Responses.ok(SmsTemplateView.of(resellerSettings.removeTemplate(reseller(call),
                        call.path("language"), call.path("template"))))));
        r.add(new Route("GET", "/v1/settings/reminders", Access.MANAGE,
                call -> Responses.ok(ReminderSettingsView.of(resellerSettings.reminderLead(reseller(call))))));
        r.add(new Route("PUT", "/v1/settings/reminders", Access.MANAGE,
                call -> Responses.ok(ReminderSettingsView.of(resellerSettings.setReminderLead(reseller(call),
                        RequestCommands.reminderLeadMinutes(call.body()))))));
        r.add(new Route("GET", "/v1/settings/whatsapp", Access.MANAGE,
                call -> Responses.ok(WhatsAppSettingsView.of(notices.whatsAppNumber(reseller(call))))));
        r.add(new Route("PUT", "/v1/settings/whatsapp", Access.MANAGE,
                call -> Responses.ok(WhatsAppSettingsView.of(notices.connectWhatsApp(reseller(call),
                        RequestCommands.whatsAppConnection(call.body()))))));
        r.add(new Route("GET", "/v1/settings/whatsapp/templates", Access.MANAGE,
                call -> Responses.ok(WhatsAppTemplatesView.of(notices.whatsAppTemplates(reseller(call))))));
        r.add(new Route("PUT", "/v1/settings/whatsapp/templates", Access.MANAGE,
                call -> Responses.ok(WhatsAppTemplatesView.of(notices.setWhatsAppTemplates(reseller(call),
                        RequestCommands.whatsAppTemplates(call.body()))))));
        r.add(new Route("PUT", "/v1/customers/{customerId}/whatsapp", Access.SELL,
                call -> Responses.ok(new WhatsAppOptInView(call.path("customerId"), notices.setWhatsAppOptIn(reseller(call),
                        call.path("customerId"), RequestCommands.whatsAppOptIn(call.body()))))));
        r.add(new Route("GET", "/v1/settings/alert-emails", Access.MANAGE,
                call -> Responses.ok(new AlertEmailsView(notices.alertEmails(reseller(call))))));
        r.add(new Route("PUT", "/v1/settings/alert-emails", Access.MANAGE,
                call -> Responses.ok(new AlertEmailsView(notices.setAlertEmails(reseller(call),
                        RequestCommands.alertEmails(call.body()))))));
        // The operator's addresses for alerts that concern no single reseller (DLQ, routers down across resellers, reviews).
        r.add(new Route("GET", "/v1/platform/alert-emails", Access.OPERATOR,
                call -> Responses.ok(new AlertEmailsView(notices.platformAlertEmails()))));
        r.add(new Route("PUT", "/v1/platform/alert-emails", Access.OPERATOR,
                call -> Responses.ok(new AlertEmailsView(notices.setPlatformAlertEmails(RequestCommands.alertEmails(call.body()))))));

        // onboarding and support: router lifecycle, portals, provider keys, voucher lookup and void, exports
        r.addAll(onboarding.all());
        // staff: signing in, sessions, accounts
        r.addAll(staff.all());
        return r;
    }

    /**
     * Registers the paybill's C2B URLs on this API's own host (the webhooks are served there): {@code host}
     * and {@code x-forwarded-proto} as API Gateway sets them. Daraja unreachable: 503.
     */
    private HttpResponse registerPaybill(ApiCall call) {
        try {
            PaybillService.Registration r = paybill.register(reseller(call), apiBase(call));
            return Responses.ok(new PaybillRegistrationView(r.shortCode(), r.confirmationUrl().toString(),
                    r.validationUrl().toString()));
        } catch (ProviderUnavailableException e) {
            throw new ProblemException(503, "Service Unavailable", "M-Pesa could not be reached; try again");
        }
    }

    /** Where this API (and the webhooks beside it) is served: {@code host} and {@code x-forwarded-proto} as API Gateway sets them. */
    private static java.net.URI apiBase(ApiCall call) {
        String host = call.request().header("host")
                .orElseThrow(() -> new ValidationException("host", "the request has no Host header"));
        return java.net.URI.create(call.request().header("x-forwarded-proto").orElse("https") + "://" + host);
    }

    private static SubscriptionChangeView changeView(SubscriberService.Change change) {
        return new SubscriptionChangeView(SubscriptionView.of(change.subscription()), change.routerCommandQueued());
    }

    private static Reseller reseller(ApiCall call) {
        return call.caller().reseller();
    }

    /** Who is calling, as what role, and every route that role may call ({@link RoleTable}: what the dispatcher enforces). */
    private HttpResponse me(ApiCall call) {
        Reseller reseller = reseller(call);
        return Responses.ok(new MeView(ResellerView.of(reseller), call.caller().keyId().orElse(null),
                call.caller().role().name(), QuotaView.of(admin.quotaOf(reseller.id(), settings.defaultOutstandingVouchers())),
                call.caller().staff().map(StaffRoutes.StaffView::of).orElse(null),
                RoleTable.routesFor(call.caller().role(), table())));
    }

    private HttpResponse createReseller(ApiCall call) {
        Reseller reseller = admin.createReseller(RequestCommands.newReseller(call.body()));
        return Responses.created(new OnboardedView(ResellerView.of(reseller),
                        QuotaView.of(admin.quotaOf(reseller.id(), settings.defaultOutstandingVouchers()))),
                "/v1/resellers/" + reseller.id());
    }

    private HttpResponse setQuota(ApiCall call) {
        return Responses.ok(QuotaView.of(admin.setOutstandingLimit(call.path("resellerId"),
                RequestCommands.outstandingLimit(call.body()),
                settings.defaultOutstandingVouchers())));
    }

    private HttpResponse issueKey(ApiCall call) {
        ApiKeyRole role = RequestCommands.keyRole(call.body());
        return Responses.created(IssuedKeyView.of(admin.issueKey(call.path("resellerId"), role)),
                "/v1/resellers/" + call.path("resellerId") + "/api-keys");
    }

    /** A listing page whose next cursor is sealed for the caller ({@link CursorSeal}). */
    private <T, R> HttpResponse page(ApiCall call, Page<T> page, Function<T, R> view) {
        return Responses.page(new Page<>(page.items(), cursors.seal(page.nextCursor(), call.cursorContext())), view);
    }

    /**
     * A printable sheet: every query field checked at once, then the batch (404 for another reseller's,
     * 409 unless READY). Headers: {@code cache-control: no-store} (every code on it works) and, while the
     * batch may have more, {@code x-next-cursor}. No code is logged here or below.
     */
    private HttpResponse voucherSheet(ApiCall call) {
        Validation v = new Validation();
        String format = call.query("format").map(f -> f.strip().toLowerCase(Locale.ROOT)).orElse(SHEET_HTML);
        v.check(format.equals(SHEET_HTML) || format.equals(SHEET_PDF), "format", "must be html or pdf");
        Optional<String> loginUrl = call.query("loginUrl");
        VoucherSheetService.validate(loginUrl, v);
        int limit = VoucherSheetService.MAX_VOUCHERS;
        try {
            limit = call.limit(VoucherSheetService.MAX_VOUCHERS, VoucherSheetService.MAX_VOUCHERS);
        } catch (ValidationException e) {
            v.addAll(e.errors());
        }
        v.throwIfInvalid();
        String batchId = call.path("batchId");
        VoucherSheetService.SheetPage page = sheets.sheet(reseller(call), batchId, loginUrl.orElseThrow().strip(), limit,
                call.query("cursor"));
        HttpResponse response = page.sheet().map(sheet -> render(sheet, format, batchId))
                .orElseGet(() -> new HttpResponse(204, Map.of(), ""))
                .withHeader("cache-control", "no-store");
        return cursors.seal(page.nextCursor(), call.cursorContext())
                .map(next -> response.withHeader("x-next-cursor", next)).orElse(response);
    }

    private static HttpResponse render(VoucherSheet sheet, String format, String batchId) {
        HttpResponse rendered = format.equals(SHEET_PDF)
                ? HttpResponse.binary(200, VoucherSheets.PDF_CONTENT_TYPE, VoucherSheets.pdf(sheet))
                : HttpResponse.text(200, VoucherSheets.HTML_CONTENT_TYPE, VoucherSheets.html(sheet));
        return rendered.withHeader("content-disposition", "inline; filename=\"vouchers-" + batchId + "." + format + "\"");
    }

    /** The script as text, with the hub's peer entry and the API user in headers; never cached, never logged. */
    private HttpResponse routerSetupScript(ApiCall call) {
        RouterSetupService.SetupScript setup = routerSetup.generate(reseller(call), call.path("routerId"),
                new RouterSetupService.SetupRequest(call.query("hubEndpoint"), call.query("hubPublicKey"),
                        call.query("routerTunnelAddress"), call.query("hubTunnelAddress"), call.query("tunnelPrefix"),
                        call.query("apiUser"), call.query("payPageUrl"), call.query("portalId")));
        return HttpResponse.text(200, SCRIPT_CONTENT_TYPE, setup.script())
                .withHeader("cache-control", "no-store")
                .withHeader("x-hub-peer", setup.hubPeer())
                .withHeader("x-router-api-username", setup.apiUsername());
    }
}
