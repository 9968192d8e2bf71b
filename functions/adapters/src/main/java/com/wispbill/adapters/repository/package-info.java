/**
 * Storage interfaces in domain terms, one per aggregate, plus paging and transactions. Implementations
 * live in {@code com.wispbill.adapters.dynamodb}; handlers depend on these interfaces so they can be
 * tested with fakes.
 *
 * <p>Common rules: every tenant-owned read takes the reseller id and returns empty (or throws
 * {@link com.wispbill.domain.NotFoundException}) for another reseller's data; state changes are
 * conditional on the state the caller read, and a lost condition is a
 * {@link com.wispbill.domain.ConflictException}; invalid input fails before anything is written.
 *
 * <p>Consistency: reads by key (get, find, lookups through claim items such as phone, username and
 * provider reference) are strongly consistent. Listings and lookups through an index (a batch's
 * vouchers, a customer's subscriptions, the poll list, due items, ledger days) are eventually
 * consistent, usually well under a second behind; every write that matters is conditional, so acting
 * on a slightly stale listing fails safely instead of overwriting newer state.
 */
package com.wispbill.adapters.repository;
