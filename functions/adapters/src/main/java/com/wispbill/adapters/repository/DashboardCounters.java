package com.wispbill.adapters.repository;

import com.wispbill.domain.Money;
import java.time.LocalDate;
import java.util.List;

/**
 * Pre-aggregated sales counters for dashboards, so dashboards never read raw payments. Only the ledger's
 * stream aggregator ({@link LedgerAggregator}) adds to them, from the ledger entries a sale, a paid manual
 * extension or a refund appended ({@link LedgerRepository#appendAggregatedLater}).
 */
public interface DashboardCounters {

    /** Sales and refunds of one reseller-local day. {@code net} = gross − refunds. */
    record DailyRevenue(LocalDate day, Money gross, long sales, Money refunds, long refundCount) {
        public Money net() {
            return gross.minus(refunds);
        }
    }

    /** One plan's sales over a period. */
    record PlanRevenue(String planId, Money gross, long sales) {
    }

    /** One entry per day that had sales or refunds, oldest first. */
    List<DailyRevenue> revenueByDay(String resellerId, LocalDate from, LocalDate to);

    /** Per-plan sales over {@code from..to}, most sold first (ties: higher gross first): the popular plans. */
    List<PlanRevenue> revenueByPlan(String resellerId, LocalDate from, LocalDate to);
}
