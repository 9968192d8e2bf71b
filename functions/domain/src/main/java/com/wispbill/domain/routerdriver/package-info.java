/**
 * The router driver's own state, in plain Java: the per-router circuit breaker, the desired-state
 * journal that reconcile compares routers with, and the extra health figures the poll records.
 */
package com.wispbill.domain.routerdriver;
