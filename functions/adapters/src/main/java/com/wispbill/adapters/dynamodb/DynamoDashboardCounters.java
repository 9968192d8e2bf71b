package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.DashboardCounters;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.Ids;
import com.wispbill.domain.Money;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.metrics.Metric;
import com.wispbill.domain.metrics.OperationalMetrics;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Revenue counters in the reseller's partition, incremented with {@code ADD} by {@link DynamoLedgerAggregator}
 * in the transaction that marks the ledger entries added: {@code REVDAY#<date>} (gross, sales, refunds per reseller-local day) and
 * {@code REVPLAN#<date>#<planId>} (gross and sales per plan and day). A dashboard over a period is one
 * range Query per kind: days × plans small items, independent of the number of payments. The
 * currency is fixed on first write and checked on every later one, so a counter can never mix currencies.
 */
public final class DynamoDashboardCounters extends DynamoSupport implements DashboardCounters {
    static final int MAX_DAYS = 366;

    private final OperationalMetrics metrics;

    /** {@code metrics}: where each committed sale is reported (count and gross per currency). */
    public DynamoDashboardCounters(DynamoDbClient dynamoDb, TableNames tables, OperationalMetrics metrics) {
        super(dynamoDb, tables);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Counts a sale of {@code planId} for {@code amount} on the reseller-local {@code day}: the aggregator's alone. */
    void recordSale(String resellerId, LocalDate day, String planId, Money amount, WriteTransaction tx) {
        requireValid(resellerId, planId, amount);
        DynamoWriteTransaction dynamoTx = DynamoWriteTransaction.of(tx);
        increment(dynamoTx, resellerId, Keys.revenueDaySk(day), "REVENUE_DAY", day, null, amount, "grossMinor", "sales");
        increment(dynamoTx, resellerId, Keys.revenuePlanSk(day, planId), "REVENUE_PLAN_DAY", day, planId, amount,
                "grossMinor", "sales");
        Map<String, String> currency = Map.of("Currency", amount.currency().getCurrencyCode());
        tx.afterCommit(() -> {
            metrics.record(Metric.SALES, 1, currency);
            metrics.record(Metric.REVENUE_MINOR, amount.minorUnits(), currency);
        });
    }

    /** Counts a refund (a positive {@code amount} refunded) on the reseller-local {@code day}: the aggregator's alone. */
    void recordRefund(String resellerId, LocalDate day, String planId, Money amount, WriteTransaction tx) {
        requireValid(resellerId, planId, amount);
        increment(DynamoWriteTransaction.of(tx), resellerId, Keys.revenueDaySk(day), "REVENUE_DAY", day, null, amount,
                "refundMinor", "refunds");
    }

    private static void requireValid(String resellerId, String planId, Money amount) {
        Ids.require(resellerId, "resellerId");
        Ids.require(planId, "planId");
        if (!amount.isPositive()) {
            throw new ValidationException("amount", "must be positive");
        }
    }

    private static String currencyConflict(String resellerId, Money amount) {
        return "revenue counters of reseller " + resellerId + " are not in " + amount.currency().getCurrencyCode();
    }

    private void increment(DynamoWriteTransaction tx, String resellerId, String sk, String type, LocalDate day,
                           String planId, Money amount, String amountAttribute, String countAttribute) {
        Map<String, AttributeValue> sets = new LinkedHashMap<>();
        sets.put(Keys.TYPE, ItemBuilder.s(type));
        sets.put("day", ItemBuilder.s(day.toString()));
        sets.put("currency", ItemBuilder.s(amount.currency().getCurrencyCode()));
        if (planId != null) {
            sets.put("planId", ItemBuilder.s(planId));
        }
        tx.increment(tables.entityTable(), Keys.reseller(resellerId), sk,
                Map.of(amountAttribute, amount.minorUnits(), countAttribute, 1L), sets,
                "attribute_not_exists(currency) OR currency = :ccurrency",
                Map.of(":ccurrency", ItemBuilder.s(amount.currency().getCurrencyCode())),
                currencyConflict(resellerId, amount));
    }

    @Override
    public List<DailyRevenue> revenueByDay(String resellerId, LocalDate from, LocalDate to) {
        requireRange(from, to);
        List<DailyRevenue> days = new ArrayList<>();
        queryAll(Keys.revenueDaySk(from), Keys.revenueDaySk(to), resellerId, i -> {
            Currency currency = Currency.getInstance(i.s("currency"));
            days.add(new DailyRevenue(LocalDate.parse(i.s("day")), new Money(i.counter("grossMinor"), currency),
                    i.counter("sales"), new Money(i.counter("refundMinor"), currency), i.counter("refunds")));
        });
        return days;
    }

    @Override
    public List<PlanRevenue> revenueByPlan(String resellerId, LocalDate from, LocalDate to) {
        requireRange(from, to);
        Map<String, PlanRevenue> byPlan = new LinkedHashMap<>();
        queryAll(Keys.revenuePlanSk(from, ""), Keys.revenuePlanSk(to, Keys.HIGH), resellerId, i -> {
            String planId = i.s("planId");
            PlanRevenue day = new PlanRevenue(planId, new Money(i.counter("grossMinor"), Currency.getInstance(i.s("currency"))),
                    i.counter("sales"));
            byPlan.merge(planId, day, (a, b) -> new PlanRevenue(planId, a.gross().plus(b.gross()), a.sales() + b.sales()));
        });
        return byPlan.values().stream()
                .sorted(Comparator.comparingLong(PlanRevenue::sales).reversed()
                        .thenComparing(PlanRevenue::gross, Comparator.reverseOrder())
                        .thenComparing(PlanRevenue::planId))
                .toList();
    }

    private static void requireRange(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new ValidationException("from", "must not be after to");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new ValidationException("to", "a report spans at most " + MAX_DAYS + " days");
        }
    }

    private void queryAll(String low, String high, String resellerId, Consumer<ItemReader> each) {
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = rangeQuery(tables.entityTable(), null, Keys.PK, Keys.reseller(resellerId), Keys.SK, low, high);
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse page = dynamoDb.query(q.build());
            page.items().forEach(item -> each.accept(new ItemReader(item)));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }
}
