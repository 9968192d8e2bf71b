/**
 * Commands that change a MikroTik router's hotspot and PPP configuration, as queued on
 * {@code router-commands.fifo} and executed by the router driver.
 *
 * <p>Every command states a desired end state ("this user exists with these attributes", "this user
 * is disabled", "this user has no active session") rather than an action, so executing it twice, late
 * or after a lost reply leaves the router exactly as executing it once. Values are validated here, at
 * the moment a command is created, against what RouterOS and the API client can carry unchanged: a
 * bad value fails the producer with a clear message instead of poisoning the router queue.
 *
 * <p>Passwords are never shown by {@code toString()}; hotspot user names, which are voucher codes for
 * voucher sales, are shown only masked (see {@link com.wispbill.domain.routercommand.LogSafe}).
 */
package com.wispbill.domain.routercommand;
