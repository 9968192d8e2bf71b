/**
 * Enforcement rules in plain Java: session counters to usage, quota periods, and the deterministic
 * router commands that cut users off or let them back in (used by usage-ingest and expiry-sweeper).
 */
package com.wispbill.domain.enforcement;
