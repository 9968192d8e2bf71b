package com.wispbill.api.service;

import com.wispbill.adapters.repository.AlertRepository;
import com.wispbill.adapters.repository.DashboardCounters;
import com.wispbill.adapters.repository.LedgerRepository;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.adapters.repository.UsageRepository;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.RouterHealth;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.messages.Alert;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dashboards, each read from items kept up to date as payments, polls and usage are written: revenue
 * counters per day and per plan and day, the latest health item per router, bandwidth per day. The
 * cost of a dashboard is the size of its answer (days, plans, routers), never the length of history.
 * "Today" is the reseller's local day ({@link Reseller#calendar()}). Open alerts are the items the
 * notifier keeps per alert key from the alerts topic (one per condition, open until resolved).
 */
public final class DashboardService {
    /** Longest period a dashboard covers. */
    public static final int MAX_DAYS = 366;
    /** Most days the revenue chart covers, and its default. */
    public static final int MAX_REVENUE_DAYS = 90;
    public static final int DEFAULT_REVENUE_DAYS = 30;

    private final DashboardCounters counters;
    private final LedgerRepository ledger;
    private final PlanRepository plans;
    private final RouterRepository routers;
    private final UsageRepository usage;
    private final AlertRepository alerts;
    private final Clock clock;

    public DashboardService(DashboardCounters counters, LedgerRepository ledger, PlanRepository plans,
                            RouterRepository routers, UsageRepository usage, AlertRepository alerts, Clock clock) {
        this.counters = counters;
        this.ledger = ledger;
        this.plans = plans;
        this.routers = routers;
        this.usage = usage;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Revenue per day over {@code from..to}, every day present (zero when nothing was sold). */
    public record RevenueDays(LocalDate from, LocalDate to, List<DashboardCounters.DailyRevenue> days) {
    }

    public record Today(LocalDate date, DashboardCounters.DailyRevenue revenue, Page<LedgerEntry> transactions) {
    }

    public record PopularPlan(String planId, Optional<String> planName, long sales, Money gross) {
    }

    public record ActiveSessions(long total, List<RouterHealth> routers) {
    }

    public LocalDate today(Reseller reseller) {
        return reseller.calendar().today(clock);
    }

    /** The reseller's open alerts, newest first (one query on the reseller's alert items). */
    public List<Alert> openAlerts(Reseller reseller) {
        return alerts.openAlerts(reseller.id());
    }

    /** Today's revenue (zero if nothing sold yet) and one page of today's ledger entries. */
    public Today today(Reseller reseller, PageRequest page) {
        LocalDate today = today(reseller);
        Money zero = Money.zero(reseller.currency());
        DashboardCounters.DailyRevenue revenue = counters.revenueByDay(reseller.id(), today, today).stream().findFirst()
                .orElse(new DashboardCounters.DailyRevenue(today, zero, 0, zero, 0));
        return new Today(today, revenue, ledger.entries(reseller.id(), today, today, page));
    }

    /**
     * Revenue of each of the reseller's last {@code days} local days up to today (1 to
     * {@value #MAX_REVENUE_DAYS}), oldest first, days without sales included as zero: one range query of
     * the {@code REVDAY#} counters, so the cost grows with the days, never with the sales.
     */
    public RevenueDays revenueDays(Reseller reseller, int days) {
        if (days < 1 || days > MAX_REVENUE_DAYS) {
            throw new ValidationException("days", "must be between 1 and " + MAX_REVENUE_DAYS + ", was " + days);
        }
        LocalDate to = today(reseller);
        LocalDate from = to.minusDays(days - 1L);
        Map<LocalDate, DashboardCounters.DailyRevenue> stored = new HashMap<>();
        counters.revenueByDay(reseller.id(), from, to).forEach(d -> stored.put(d.day(), d));
        Money zero = Money.zero(reseller.currency());
        List<DashboardCounters.DailyRevenue> all = from.datesUntil(to.plusDays(1))
                .map(day -> stored.getOrDefault(day, new DashboardCounters.DailyRevenue(day, zero, 0, zero, 0)))
                .toList();
        return new RevenueDays(from, to, all);
    }

    /** Plans by sales over {@code from..to}, at most {@code limit}, with their names. */
    public List<PopularPlan> popularPlans(Reseller reseller, LocalDate from, LocalDate to, int limit) {
        requireRange(from, to);
        return counters.revenueByPlan(reseller.id(), from, to).stream().limit(limit)
                .map(p -> new PopularPlan(p.planId(), plans.find(reseller.id(), p.planId()).map(Plan::name), p.sales(),
                        p.gross()))
                .toList();
    }

    /** Sessions online by the latest poll of each router; unreachable routers count none. */
    public ActiveSessions activeSessions(Reseller reseller) {
        List<RouterHealth> health = routers.listHealth(reseller.id());
        long total = health.stream().filter(RouterHealth::reachable)
                .mapToLong(h -> h.activeSessions().orElse(0)).sum();
        return new ActiveSessions(total, health);
    }

    public List<UsageRepository.DailyUsage> bandwidth(Reseller reseller, LocalDate from, LocalDate to) {
        requireRange(from, to);
        return usage.resellerBandwidth(reseller.id(), from, to);
    }

    public List<RouterHealth> routerHealth(Reseller reseller) {
        return routers.listHealth(reseller.id());
    }

    private static void requireRange(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new ValidationException("from", "must not be after to");
        }
        if (from.plusDays(MAX_DAYS - 1L).isBefore(to)) {
            throw new ValidationException("to", "a dashboard covers at most " + MAX_DAYS + " days");
        }
    }
}
