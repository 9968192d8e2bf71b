package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.Money;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.ProviderEvent;
import com.wispbill.domain.metrics.Metric;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A sale is reported (count and gross per currency) when its transaction commits, and only then. */
class SalesMetricsTest extends StoreTestSupport {
    private final Map<String, Long> figures = new TreeMap<>();

    @BeforeEach
    void meteredStore() {
        store = new DynamoStore(LocalDynamoDb.client(), tables, clock,
                (metric, value, dimensions) -> figures.merge(metric.metricName() + " " + dimensions.get("Currency"), value, Long::sum));
        store.resellers().create(reseller(A));
        store.resellers().create(reseller(B));
    }

    @Test
    void aCommittedSaleIsCountedWithItsGrossPerCurrency() {
        WriteTransaction kes = store.begin();
        counters().recordSale(A, NAIROBI.dateOf(clock.instant()), "plan-daily", Money.of(5000, "KES"), kes);
        assertEquals(Map.of(), figures, "nothing before the commit");
        kes.commit();
        WriteTransaction usd = store.begin();
        counters().recordSale(B, NAIROBI.dateOf(clock.instant()), "plan-daily", Money.of(250, "USD"), usd);
        usd.commit();

        assertEquals(Map.of(Metric.SALES.metricName() + " KES", 1L, Metric.REVENUE_MINOR.metricName() + " KES", 5000L,
                Metric.SALES.metricName() + " USD", 1L, Metric.REVENUE_MINOR.metricName() + " USD", 250L), figures);
    }

    @Test
    void aSaleWhoseTransactionFailsIsNotCounted() {
        ProviderEvent event = new ProviderEvent(PaymentProvider.MPESA, "evt-1", clock.instant(), Optional.of(A),
                Optional.of("pay-1"), "SUCCEEDED");
        WriteTransaction first = store.begin();
        store.providerEvents().record(event, first);
        first.commit();
        WriteTransaction tx = store.begin();
        counters().recordSale(A, NAIROBI.dateOf(clock.instant()), "plan-daily", Money.of(5000, "KES"), tx);
        store.providerEvents().record(event, tx); // recorded already: the whole transaction is cancelled

        assertThrows(ConflictException.class, tx::commit);
        assertEquals(Map.of(), figures);
    }
}
