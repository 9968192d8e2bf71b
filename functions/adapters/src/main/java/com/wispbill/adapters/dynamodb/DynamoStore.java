package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.metrics.EmfMetricLines;
import com.wispbill.adapters.repository.AlertRepository;
import com.wispbill.adapters.repository.ApiKeyRepository;
import com.wispbill.adapters.repository.CustomerRepository;
import com.wispbill.adapters.repository.DashboardCounters;
import com.wispbill.adapters.repository.EnforcementStateRepository;
import com.wispbill.adapters.repository.IdempotencyKeys;
import com.wispbill.adapters.repository.LedgerRepository;
import com.wispbill.adapters.repository.OutboxRepository;
import com.wispbill.adapters.repository.AlertEmailRepository;
import com.wispbill.adapters.repository.SmsMessageRepository;
import com.wispbill.adapters.repository.WhatsAppMessageRepository;
import com.wispbill.adapters.repository.WhatsAppSettingsRepository;
import com.wispbill.adapters.repository.PaybillRepository;
import com.wispbill.adapters.repository.WalletRepository;
import com.wispbill.adapters.repository.PaymentRepository;
import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.adapters.repository.ProviderEventRepository;
import com.wispbill.adapters.repository.RequestCounter;
import com.wispbill.adapters.repository.ResellerRepository;
import com.wispbill.adapters.repository.PortalRepository;
import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.adapters.repository.StaffRepository;
import com.wispbill.adapters.repository.SubscriptionRepository;
import com.wispbill.adapters.repository.Transactions;
import com.wispbill.adapters.repository.UsageRepository;
import com.wispbill.adapters.repository.VoucherBatchRepository;
import com.wispbill.adapters.repository.VoucherQuota;
import com.wispbill.adapters.repository.VoucherRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.metrics.OperationalMetrics;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * All repositories over one DynamoDB client and pair of tables, and the transactions that span them.
 * A function builds one in a static field ({@link #fromEnvironment()}) and keeps it for the life of
 * the execution environment; repositories are stateless and thread-safe.
 */
public final class DynamoStore implements Transactions {
    private final DynamoDbClient dynamoDb;
    private final PortalRepository portals;
    private final ResellerRepository resellers;
    private final ApiKeyRepository apiKeys;
    private final PlanRepository plans;
    private final RouterRepository routers;
    private final VoucherBatchRepository voucherBatches;
    private final VoucherRepository vouchers;
    private final CustomerRepository customers;
    private final SubscriptionRepository subscriptions;
    private final PaymentRepository payments;
    private final LedgerRepository ledger;
    private final ProviderEventRepository providerEvents;
    private final DashboardCounters dashboardCounters;
    private final UsageRepository usage;
    private final EnforcementStateRepository enforcementState;
    private final VoucherQuota voucherQuota;
    private final RequestCounter requestCounter;
    private final IdempotencyKeys idempotencyKeys;
    private final AlertRepository alerts;
    private final OutboxRepository outbox;
    private final WhatsAppMessageRepository whatsAppMessages;
    private final SmsMessageRepository smsMessages;
    private final WhatsAppSettingsRepository whatsAppSettings;
    private final AlertEmailRepository alertEmails;
    private final PaybillRepository paybill;
    private final TableNames tables;
    private final WalletRepository wallets;
    private final StaffRepository staff;

    public DynamoStore(DynamoDbClient dynamoDb, TableNames tables, Clock clock) {
        this(dynamoDb, tables, clock, OperationalMetrics.DISCARD);
    }

    /** {@code metrics}: where committed sales are reported (a function's store; tools and tests pass DISCARD). */
    public DynamoStore(DynamoDbClient dynamoDb, TableNames tables, Clock clock, OperationalMetrics metrics) {
        this.dynamoDb = dynamoDb;
        this.tables = tables;
        this.resellers = new DynamoResellerRepository(dynamoDb, tables);
        this.apiKeys = new DynamoApiKeyRepository(dynamoDb, tables);
        this.plans = new DynamoPlanRepository(dynamoDb, tables);
        this.routers = new DynamoRouterRepository(dynamoDb, tables);
        this.portals = new DynamoPortalRepository(dynamoDb, tables);
        this.voucherBatches = new DynamoVoucherBatchRepository(dynamoDb, tables);
        this.vouchers = new DynamoVoucherRepository(dynamoDb, tables, clock);
        this.customers = new DynamoCustomerRepository(dynamoDb, tables);
        this.subscriptions = new DynamoSubscriptionRepository(dynamoDb, tables);
        this.payments = new DynamoPaymentRepository(dynamoDb, tables);
        this.ledger = new DynamoLedgerRepository(dynamoDb, tables);
        this.providerEvents = new DynamoProviderEventRepository(dynamoDb, tables);
        this.dashboardCounters = new DynamoDashboardCounters(dynamoDb, tables, metrics);
        this.usage = new DynamoUsageRepository(dynamoDb, tables, clock);
        this.enforcementState = new DynamoEnforcementStateRepository(dynamoDb, tables);
        this.voucherQuota = new DynamoVoucherQuota(dynamoDb, tables);
        this.requestCounter = new DynamoRequestCounter(dynamoDb, tables);
        this.idempotencyKeys = new DynamoIdempotencyKeys(dynamoDb, tables);
        this.alerts = new DynamoAlertRepository(dynamoDb, tables.entityTable());
        this.outbox = new DynamoOutboxRepository(dynamoDb, tables);
        this.whatsAppMessages = new DynamoWhatsAppMessageRepository(dynamoDb, tables.entityTable());
        this.smsMessages = new DynamoSmsMessageRepository(dynamoDb, tables.entityTable());
        this.whatsAppSettings = new DynamoWhatsAppSettingsRepository(dynamoDb, tables.entityTable());
        this.alertEmails = new DynamoAlertEmailRepository(dynamoDb, tables.entityTable());
        this.paybill = new DynamoPaybillRepository(dynamoDb, tables);
        this.wallets = new DynamoWalletRepository(dynamoDb, tables);
        this.staff = new DynamoStaffRepository(dynamoDb, tables);
    }

    /** The shared client and the tables named by {@code ENTITY_TABLE} / {@code USAGE_TABLE}, on the system clock. */
    public static DynamoStore fromEnvironment() {
        return new DynamoStore(AwsClients.dynamoDb(), TableNames.fromEnvironment(), Clock.systemUTC(),
                EmfMetricLines.fromEnvironment());
    }

    @Override
    public WriteTransaction begin() {
        return new DynamoWriteTransaction(dynamoDb);
    }

    public ResellerRepository resellers() {
        return resellers;
    }

    public ApiKeyRepository apiKeys() {
        return apiKeys;
    }

    /** Staff accounts, their sessions and sign-in links. */
    public StaffRepository staff() {
        return staff;
    }

    public PlanRepository plans() {
        return plans;
    }

    public RouterRepository routers() {
        return routers;
    }

    public PortalRepository portals() {
        return portals;
    }

    public VoucherBatchRepository voucherBatches() {
        return voucherBatches;
    }

    public VoucherRepository vouchers() {
        return vouchers;
    }

    public CustomerRepository customers() {
        return customers;
    }

    public SubscriptionRepository subscriptions() {
        return subscriptions;
    }

    public PaymentRepository payments() {
        return payments;
    }

    public LedgerRepository ledger() {
        return ledger;
    }

    public ProviderEventRepository providerEvents() {
        return providerEvents;
    }

    public DashboardCounters dashboardCounters() {
        return dashboardCounters;
    }

    public UsageRepository usage() {
        return usage;
    }

    public EnforcementStateRepository enforcementState() {
        return enforcementState;
    }

    public VoucherQuota voucherQuota() {
        return voucherQuota;
    }

    public RequestCounter requestCounter() {
        return requestCounter;
    }

    public IdempotencyKeys idempotencyKeys() {
        return idempotencyKeys;
    }

    /** Open alerts (written by the notifier from the alerts topic). */
    public AlertRepository alerts() {
        return alerts;
    }

    /** Messages committed with a state change and sent after it (the outbox relay sends what a crash left). */
    public OutboxRepository outbox() {
        return outbox;
    }

    /** WhatsApp messages sent to customers and their statuses (written by the notifier and its webhook). */
    public SmsMessageRepository smsMessages() {
        return smsMessages;
    }

    public WhatsAppMessageRepository whatsAppMessages() {
        return whatsAppMessages;
    }

    /** The reseller's WhatsApp templates and customers' opt-ins (read by the notifier). */
    public WhatsAppSettingsRepository whatsAppSettings() {
        return whatsAppSettings;
    }

    /** The addresses alerts are emailed to (read by the notifier). */
    public AlertEmailRepository alertEmails() {
        return alertEmails;
    }

    /** The client and tables under this store, for a module's repositories kept outside it (the payment ones). */
    public DynamoDbClient client() {
        return dynamoDb;
    }

    public TableNames tables() {
        return tables;
    }

    /** Customers' prepaid wallets. */
    public WalletRepository wallets() {
        return wallets;
    }

    /** M-Pesa C2B payments and the paybill setting. */
    public PaybillRepository paybill() {
        return paybill;
    }
}
