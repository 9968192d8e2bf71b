/**
 * WISPbill's domain model in plain Java: money, data sizes, plans, routers, vouchers, subscriptions,
 * payments and the ledger, with their validation and state machines. No AWS or JSON types here, so the
 * rules can be tested without infrastructure and reused by every function.
 *
 * <p>Conventions: values are immutable records validated in their constructors (all field errors at
 * once, as {@link com.wispbill.domain.ValidationException}); state changes return new values; anything
 * that needs the current time takes a {@link java.time.Clock}; money is {@code long} minor units.
 */
package com.wispbill.domain;
