package com.wispbill.payment;

import com.wispbill.adapters.dynamodb.DynamoOutboxRepository;
import com.wispbill.adapters.dynamodb.DynamoPaymentGrantRepository;
import com.wispbill.adapters.dynamodb.DynamoPaymentReviewRepository;
import com.wispbill.adapters.dynamodb.DynamoPortalRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsTemplateRepository;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.repository.CustomerRepository;
import com.wispbill.adapters.repository.DashboardCounters;
import com.wispbill.adapters.repository.LedgerRepository;
import com.wispbill.adapters.repository.OutboxRepository;
import com.wispbill.adapters.repository.PaymentGrantRepository;
import com.wispbill.adapters.repository.PaymentRepository;
import com.wispbill.adapters.repository.PaymentReviewRepository;
import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.adapters.repository.PortalRepository;
import com.wispbill.adapters.repository.ProviderEventRepository;
import com.wispbill.adapters.repository.ResellerRepository;
import com.wispbill.adapters.repository.SmsTemplateRepository;
import com.wispbill.adapters.repository.SubscriptionRepository;
import com.wispbill.adapters.repository.Transactions;
import com.wispbill.adapters.repository.VoucherRepository;
import com.wispbill.domain.metrics.OperationalMetrics;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The repositories the payment functions use, over one store. */
public record PaymentRepositories(
        Transactions transactions,
        ResellerRepository resellers,
        PlanRepository plans,
        CustomerRepository customers,
        SubscriptionRepository subscriptions,
        VoucherRepository vouchers,
        PaymentRepository payments,
        ProviderEventRepository providerEvents,
        LedgerRepository ledger,
        DashboardCounters counters,
        PaymentGrantRepository grants,
        PaymentReviewRepository reviews,
        OutboxRepository outbox,
        PortalRepository portals,
        SmsTemplateRepository smsSettings) {

    public static PaymentRepositories on(DynamoDbClient dynamoDb, TableNames tables, Clock clock) {
        return on(dynamoDb, tables, clock, OperationalMetrics.DISCARD);
    }

    /** {@code metrics}: where committed sales are reported (see DynamoDashboardCounters). */
    public static PaymentRepositories on(DynamoDbClient dynamoDb, TableNames tables, Clock clock, OperationalMetrics metrics) {
        DynamoStore store = new DynamoStore(dynamoDb, tables, clock, metrics);
        return new PaymentRepositories(store, store.resellers(), store.plans(), store.customers(), store.subscriptions(),
                store.vouchers(), store.payments(), store.providerEvents(), store.ledger(), store.dashboardCounters(),
                new DynamoPaymentGrantRepository(dynamoDb, tables), new DynamoPaymentReviewRepository(dynamoDb, tables),
                new DynamoOutboxRepository(dynamoDb, tables), new NegativeCachingPortals(new DynamoPortalRepository(dynamoDb, tables), clock),
                new DynamoSmsTemplateRepository(dynamoDb, tables.entityTable()));
    }
}
