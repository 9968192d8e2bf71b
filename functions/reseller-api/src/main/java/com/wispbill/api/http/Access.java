package com.wispbill.api.http;

/**
 * Who may call a route: the level each route declares. Which roles reach which level is
 * {@link RoleTable}, the one role-to-route table the dispatcher enforces and {@code GET /v1/me} reports.
 */
public enum Access {
    /** No credential needed (the OpenAPI document, signing in). */
    PUBLIC,
    /** Any signed-in caller, about its own account and session (me, sign out, password, TOTP). */
    SIGNED_IN,
    /** Selling and printing: plans read, vouchers, customers and subscriptions, cash renewals (cashier and up). */
    SELL,
    /** Running the business: books, routers, plans, portals, settings (manager and up). */
    MANAGE,
    /** The reseller's staff and payment-provider keys (owner, operator). */
    OWN,
    /** Platform administration (operator keys and operator staff). */
    OPERATOR;

    /** Whether a route of this level acts on the caller's own reseller (every level but public and operator). */
    public boolean isTenant() {
        return this != PUBLIC && this != OPERATOR;
    }
}
