package com.wispbill.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A customer's recurring access on one router under a username (hotspot user or PPPoE secret). Paid
 * time is never lost: extending always counts from the later of now and the current expiry, so
 * renewing early adds to what is left and renewing late starts from now.
 *
 * <p>All methods return a new value; storage makes the change conditional on the expiry the caller
 * read, so a renewal and an expiry sweep running at the same time cannot overwrite each other.
 *
 * <p>{@code autoRenew}: the customer asked to be renewed from their prepaid wallet when the period ends
 * (the expiry sweep renews instead of expiring while the wallet covers the plan's price).
 */
public record Subscription(
        String id,
        String resellerId,
        String customerId,
        String planId,
        String routerId,
        SubscriptionKind kind,
        String username,
        Instant startsAt,
        Instant expiresAt,
        SubscriptionStatus status,
        boolean autoRenew) {

    /** RouterOS user names we create: no spaces or quotes, and never '#' (a storage key separator). */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    public Subscription {
        Validation v = new Validation();
        v.id(id, "id");
        v.id(resellerId, "resellerId");
        v.id(customerId, "customerId");
        v.id(planId, "planId");
        v.id(routerId, "routerId");
        v.notNull(kind, "kind");
        if (v.notBlank(username, "username")) {
            v.check(isValidUsername(username), "username",
                    "must be 1-64 letters, digits or ._@- and start with a letter or digit");
        }
        v.notNull(startsAt, "startsAt");
        if (v.notNull(expiresAt, "expiresAt") && startsAt != null) {
            v.check(expiresAt.isAfter(startsAt), "expiresAt", "must be after startsAt");
        }
        v.notNull(status, "status");
        v.throwIfInvalid();
    }

    /** Without auto-renewal (how every subscription starts). */
    public Subscription(String id, String resellerId, String customerId, String planId, String routerId,
                        SubscriptionKind kind, String username, Instant startsAt, Instant expiresAt,
                        SubscriptionStatus status) {
        this(id, resellerId, customerId, planId, routerId, kind, username, startsAt, expiresAt, status, false);
    }

    public static boolean isValidUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    /**
     * The account number a customer or cashier types for this username (an M-Pesa paybill's account), as it is
     * matched: without spaces and case-folded, so "Jane-KW 12" finds {@code jane-kw12}. Usernames are unique
     * per reseller in this form too.
     */
    public static String accountKey(String typed) {
        return typed == null ? "" : WHITESPACE.matcher(typed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** A new active subscription starting now, for the plan's validity. New subscriptions need an active plan. */
    public static Subscription start(String resellerId, String customerId, Plan plan, String routerId,
                                     SubscriptionKind kind, String username, ResellerCalendar calendar, Clock clock) {
        requirePlanOfReseller(plan, resellerId);
        if (!plan.active()) {
            throw new ValidationException("planId", "plan " + plan.id() + " is no longer sold");
        }
        Instant now = clock.instant();
        return new Subscription(Ids.newId(clock), resellerId, customerId, plan.id(), routerId, kind, username,
                now, plan.validity().expiresAt(now, calendar), SubscriptionStatus.ACTIVE);
    }

    /** Adds {@code duration} (a manual extension) counting from max(now, expiresAt); revives it if expired or suspended. */
    public Subscription extend(Duration duration, Clock clock) {
        if (duration == null || !duration.isPositive()) {
            throw new ValidationException("duration", "must be positive");
        }
        Instant base = extensionBase(clock);
        return extendedTo(planId, base.plus(duration));
    }

    /**
     * Renews with {@code plan}'s validity counting from max(now, expiresAt). The plan may differ from the
     * current one (an upgrade); the subscription then carries the new plan from now on. A deactivated
     * plan still renews: existing customers keep the plan they have until the reseller moves them.
     */
    public Subscription extend(Plan plan, ResellerCalendar calendar, Clock clock) {
        requirePlanOfReseller(plan, resellerId);
        Instant base = extensionBase(clock);
        if (plan.validity() instanceof Validity.Monthly monthly) {
            // Calendar months keep the day of the month the subscription runs from; a lapsed one starts again from now.
            boolean lapsed = !base.equals(expiresAt);
            Instant anchor = lapsed ? base : startsAt;
            SubscriptionStatus next = status == SubscriptionStatus.ACTIVE ? status : status.transitionTo(SubscriptionStatus.ACTIVE);
            return new Subscription(id, resellerId, customerId, plan.id(), routerId, kind, username, anchor,
                    monthly.renewedUntil(anchor, base, calendar), next, autoRenew);
        }
        return extendedTo(plan.id(), plan.validity().expiresAt(base, calendar));
    }

    private Instant extensionBase(Clock clock) {
        Instant now = clock.instant();
        return expiresAt.isAfter(now) ? expiresAt : now;
    }

    private Subscription extendedTo(String newPlanId, Instant newExpiry) {
        SubscriptionStatus next = status == SubscriptionStatus.ACTIVE ? status : status.transitionTo(SubscriptionStatus.ACTIVE);
        return new Subscription(id, resellerId, customerId, newPlanId, routerId, kind, username, startsAt,
                newExpiry, next, autoRenew);
    }

    /** The data limit is used up. */
    public Subscription suspendForQuota() {
        return withStatus(status.transitionTo(SubscriptionStatus.SUSPENDED_QUOTA));
    }

    /** Expires it; only once it is due, so a sweep working from stale data cannot cut a renewed customer. */
    public Subscription expire(Clock clock) {
        if (!isDue(clock.instant())) {
            throw new ConflictException("subscription " + id + " is not due until " + expiresAt);
        }
        return withStatus(status.transitionTo(SubscriptionStatus.EXPIRED));
    }

    /** The reseller suspends it: the user is cut off on the router, the time keeps running. */
    public Subscription suspend() {
        return withStatus(status.transitionTo(SubscriptionStatus.SUSPENDED));
    }

    /** Lifts a suspension by the reseller; one that has expired meanwhile needs a renewal instead. */
    public Subscription resume(Clock clock) {
        if (status != SubscriptionStatus.SUSPENDED) {
            throw new ConflictException("subscription " + id + " is " + status + ", not SUSPENDED");
        }
        if (!expiresAt.isAfter(clock.instant())) {
            throw new ConflictException("subscription " + id + " expired at " + expiresAt + ": renew it instead");
        }
        return withStatus(SubscriptionStatus.ACTIVE);
    }

    /**
     * Moves it to {@code plan} now (the router profile changes with it); the expiry stays and nothing is
     * charged or refunded: the new plan's price and period apply from the next renewal (no proration).
     */
    public Subscription changePlan(Plan plan) {
        requirePlanOfReseller(plan, resellerId);
        if (!plan.active()) {
            throw new ValidationException("planId", "plan " + plan.id() + " is no longer sold");
        }
        if (status == SubscriptionStatus.CANCELLED) {
            throw new ConflictException("subscription " + id + " has ended");
        }
        return new Subscription(id, resellerId, customerId, plan.id(), routerId, kind, username, startsAt, expiresAt, status,
                autoRenew);
    }

    /** Turns renewal from the customer's wallet at expiry on or off; an ended subscription is not renewed. */
    public Subscription withAutoRenew(boolean on) {
        if (status == SubscriptionStatus.CANCELLED) {
            throw new ConflictException("subscription " + id + " has ended");
        }
        return new Subscription(id, resellerId, customerId, planId, routerId, kind, username, startsAt, expiresAt, status, on);
    }

    public Subscription cancel() {
        return withStatus(status.transitionTo(SubscriptionStatus.CANCELLED));
    }

    /** Whether it should be cut at {@code now}: still counted as running and its time is up. */
    public boolean isDue(Instant now) {
        return status.awaitsExpiry() && !expiresAt.isAfter(now);
    }

    private Subscription withStatus(SubscriptionStatus next) {
        return new Subscription(id, resellerId, customerId, planId, routerId, kind, username, startsAt, expiresAt, next,
                autoRenew);
    }

    private static void requirePlanOfReseller(Plan plan, String resellerId) {
        if (plan == null) {
            throw new ValidationException("planId", "is required");
        }
        if (!plan.resellerId().equals(resellerId)) {
            // Plans of other resellers must look like plans that do not exist.
            throw new NotFoundException("Plan", plan.id());
        }
    }
}
