package com.wispbill.domain.staff;

/**
 * What a person (or an API key) may do. Reseller API keys act as {@link #OWNER}, operator keys as
 * {@link #OPERATOR}; which routes each role reaches is the reseller API's one role-to-route table.
 */
public enum StaffRole {
    /** Runs the business: everything of the reseller, staff and payment-provider keys included. */
    OWNER,
    /** Day-to-day running: books, routers, plans, portals and settings, but not staff or provider keys. */
    MANAGER,
    /** Sells and prints: plans (read), vouchers, customers and subscriptions, cash renewals; never the books. */
    CASHIER,
    /** The platform operator: administers resellers, and everything an owner may do in its own reseller. */
    OPERATOR
}
