package com.wispbill.adapters.repository;

import com.wispbill.domain.Money;
import java.time.LocalDate;
import java.util.List;

/**
 * Pre-aggregated sales counters for dashboards, bumped atomically (DynamoDB ADD) in the same
 * transaction that records the payment, so dashboards never read raw payments.
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

    /** Counts a sale of {@code planId} for {@code amount} on the reseller-local {@code day}. */
    void recordSale(String resellerId, LocalDate day, String planId, Money amount, WriteTransaction tx);

    /** Counts a refund (a positive {@code amount} refunded) on the reseller-local {@code day}. */
    void recordRefund(String resellerId, LocalDate day, String planId, Money amount, WriteTransaction tx);

    /** One entry per day that had sales or refunds, oldest first. */
    List<DailyRevenue> revenueByDay(String resellerId, LocalDate from, LocalDate to);

    /** Per-plan sales over {@code from..to}, most sold first (ties: higher gross first): the popular plans. */
    List<PlanRevenue> revenueByPlan(String resellerId, LocalDate from, LocalDate to);
}
