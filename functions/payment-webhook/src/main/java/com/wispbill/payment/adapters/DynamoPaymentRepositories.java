package com.wispbill.payment.adapters;

import com.wispbill.adapters.dynamodb.DynamoSettlementReads;

import com.wispbill.adapters.dynamodb.DynamoOutboxRepository;
import com.wispbill.adapters.dynamodb.DynamoPaymentGrantRepository;
import com.wispbill.adapters.dynamodb.DynamoPaymentReviewRepository;
import com.wispbill.adapters.dynamodb.DynamoPortalRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsTemplateRepository;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.domain.metrics.OperationalMetrics;
import com.wispbill.payment.NegativeCachingPortals;
import com.wispbill.payment.PaymentRepositories;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The payment functions' repositories on DynamoDB, over one client and the two tables. */
public final class DynamoPaymentRepositories {
    private DynamoPaymentRepositories() {
    }

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
                new DynamoSmsTemplateRepository(dynamoDb, tables.entityTable()), new DynamoSettlementReads(dynamoDb, tables),
                store.routers());
    }
}
