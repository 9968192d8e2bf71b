package com.wispbill.api;

import com.wispbill.adapters.CursorSeal;
import com.wispbill.adapters.outbox.OutboxDelivery;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.repository.AlertRepository;
import com.wispbill.adapters.repository.SmsTemplateRepository;
import com.wispbill.api.auth.Authenticator;
import com.wispbill.api.auth.PasswordHashing;
import com.wispbill.api.auth.RateLimiter;
import com.wispbill.api.auth.StaffSignIn;
import com.wispbill.api.service.StaffDirectory;
import com.wispbill.api.http.ApiDispatcher;
import com.wispbill.adapters.http.HttpRequest;
import com.wispbill.adapters.http.HttpResponse;
import com.wispbill.api.http.RouteTable;
import com.wispbill.api.service.CustomerService;
import com.wispbill.api.service.MessageService;
import com.wispbill.api.service.DashboardService;
import com.wispbill.api.service.MoneyService;
import com.wispbill.api.service.PlanService;
import com.wispbill.api.service.PortalService;
import com.wispbill.api.service.ProviderKeysService;
import com.wispbill.api.service.RouterLifecycle;
import com.wispbill.api.service.ResellerAdmin;
import com.wispbill.api.service.RouterService;
import com.wispbill.api.service.VoucherBatchService;
import com.wispbill.api.service.RouterSetupService;
import com.wispbill.api.service.SettingsService;
import com.wispbill.api.service.SubscriberService;
import com.wispbill.api.service.PaybillService;
import com.wispbill.api.service.StkRenewalService;
import com.wispbill.api.service.WalletService;
import com.wispbill.adapters.subscriber.WalletRenewal;
import com.wispbill.adapters.AwsClients;
import com.wispbill.payment.FeePolicy;
import com.wispbill.payment.Paybill;
import com.wispbill.payment.PaymentRepositories;
import com.wispbill.payment.PaymentSettlement;
import com.wispbill.payment.adapters.DynamoPaymentRepositories;
import com.wispbill.payment.adapters.SecretsManagerCredentials;
import com.wispbill.payment.provider.MpesaAdapter;
import com.wispbill.payment.provider.ProviderAdapters;
import com.wispbill.payment.provider.ProviderHttp;
import com.wispbill.api.service.NoticeSettingsService;
import com.wispbill.api.service.WhatsAppCredentials;
import com.wispbill.api.service.VoucherService;
import com.wispbill.api.service.VoucherSheetService;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.messages.RouterCommandQueue;
import com.wispbill.domain.messages.VoucherBatchQueue;
import java.time.Clock;

/**
 * The whole API wired over one store, the alerts and SMS settings the notifier keeps, and the two queues it
 * sends to; thread-safe.
 */
public final class ResellerApi {
    private final ApiDispatcher dispatcher;

    /**
     * Without paybill settings of its own (benchmarks, tests of other routes): M-Pesa credentials from the
     * default Secrets Manager client, Daraja's production host, no platform fee.
     */
    public ResellerApi(DynamoStore store, AlertRepository alerts, SmsTemplateRepository smsTemplates,
                       VoucherBatchQueue batchQueue, RouterCommandQueue routerCommands, ApiSettings settings,
                       CursorSeal cursors, RouterNetwork network, WhatsAppCredentials whatsAppCredentials,
                       OnboardingSecrets onboardingSecrets, Clock clock) {
        this(store, alerts, smsTemplates, batchQueue, routerCommands, settings, cursors, network, whatsAppCredentials,
                onboardingSecrets,
                new PaybillSetup(new SecretsManagerCredentials(AwsClients.newSecretsManager()),
                        new MpesaAdapter(ProviderAdapters.Endpoints.PRODUCTION.mpesa(), new ProviderHttp(), clock),
                        new FeePolicy(0)), clock);
    }

    /** {@code smsTemplates}: the store has no accessor for the notifier's SMS settings, so they come separately. */
    public ResellerApi(DynamoStore store, AlertRepository alerts, SmsTemplateRepository smsTemplates,
                       VoucherBatchQueue batchQueue, RouterCommandQueue routerCommands, ApiSettings settings,
                       CursorSeal cursors, RouterNetwork network, WhatsAppCredentials whatsAppCredentials,
                       OnboardingSecrets onboardingSecrets, PaybillSetup paybill, Clock clock) {
        ResellerAdmin admin = ResellerAdmin.of(store, clock);
        PasswordHashing passwords = new PasswordHashing();
        StaffSignIn signIn = new StaffSignIn(store.staff(), passwords, clock);
        StaffDirectory staffDirectory = new StaffDirectory(store.staff(), signIn, passwords, clock);
        OutboxDelivery delivery = OutboxDelivery.routerCommandsOnly(store.outbox(), routerCommands);
        PaymentRepositories payments = DynamoPaymentRepositories.on(store.client(), store.tables(), clock);
        CustomerService customers = new CustomerService(store.customers(), store.subscriptions(), store.ledger(),
                store, store.outbox(), delivery, store.plans(), store.idempotencyKeys(), clock);
        VoucherService vouchers = new VoucherService(store.vouchers(), store.voucherBatches(), store.routers(), store, store.outbox(),
                delivery, clock);
        MoneyService money = new MoneyService(store.payments(), store.ledger(), payments.grants(), store.routers());
        DashboardService dashboards = new DashboardService(store.dashboardCounters(), store.ledger(), store.plans(),
                store.routers(), store.usage(), alerts, clock);
        ProviderKeysService providerKeys = new ProviderKeysService(onboardingSecrets.secrets(), onboardingSecrets.providerCheck(), clock);
        OnboardingRoutes onboarding = new OnboardingRoutes(
                new RouterLifecycle(store.routers(), store.portals(), alerts, routerCommands, onboardingSecrets.secrets(),
                        onboardingSecrets.routerSecretsPrefix(), network.addressRules(), clock),
                new PortalService(store.portals(), store.routers(), store.plans(), clock),
                providerKeys,
                vouchers, money, customers, dashboards, cursors);
        ResellerApiRoutes routes = new ResellerApiRoutes(
                admin,
                new PlanService(store.plans(), smsTemplates, clock),
                new RouterService(store.routers(), network.tunnel(), network.addressRules(), clock),
                new VoucherBatchService(store.voucherBatches(), store.plans(), store.routers(), store.voucherQuota(), store,
                        batchQueue, store.idempotencyKeys(), settings.defaultOutstandingVouchers(), clock),
                vouchers,
                new VoucherSheetService(store.voucherBatches(), store.vouchers(), store.plans(), store.routers()),
                new RouterSetupService(store.routers(), store.portals(), network.tunnel(), new VoucherCodes(),
                        settings.publicApiBaseUrl(), clock),
                customers,
                new SubscriberService(store.customers(), store.subscriptions(), store.plans(), store.routers(), store,
                        store.outbox(), delivery, clock),
                new PaybillService(store.paybill(), new Paybill(payments, store.paybill(),
                        new PaymentSettlement(payments, delivery, paybill.fees(), new VoucherCodes(), clock), clock),
                        paybill.credentials(), paybill.mpesa(), providerKeys),
                new WalletService(store.wallets(), store.customers(), store.ledger(), store.idempotencyKeys(), store,
                        new WalletRenewal(store.wallets(), store.customers(), store.subscriptions(), store.plans(), store,
                                store.outbox(), delivery, clock), clock),
                new StkRenewalService(store.subscriptions(), store.customers(), store.plans(), store.payments(),
                        paybill.credentials(), paybill.mpesa(), settings.publicApiBaseUrl(), clock),
                new MessageService(customers, store.whatsAppMessages(), store.smsMessages()),
                money,
                dashboards,
                new SettingsService(smsTemplates, store.enforcementState()),
                new NoticeSettingsService(store.whatsAppSettings(), store.alertEmails(), customers, whatsAppCredentials),
                settings, cursors, onboarding, new StaffRoutes(signIn, staffDirectory, store.resellers(),
                        new RateLimiter(store.requestCounter(), settings.signInsPerIp(), settings.rateWindow(), clock,
                                "this network")));
        this.dispatcher = new ApiDispatcher(routes.table(),
                new Authenticator(store.apiKeys(), store.resellers(), signIn),
                new RateLimiter(store.requestCounter(), settings.requestsPerWindow(), settings.rateWindow(), clock),
                settings.maxBodyBytes(), cursors);
    }

    public HttpResponse handle(HttpRequest request) {
        return dispatcher.handle(request);
    }

    public RouteTable routes() {
        return dispatcher.routes();
    }
}
