/**
 * Staff accounts of a reseller (owner, manager, cashier) and of the platform (operator): who they are, their
 * sign-in state (password hash, TOTP, failed attempts and lockout) and their sessions and one-time sign-in links.
 * Plain values; hashing, codes and storage live with the reseller API and the adapters.
 */
package com.wispbill.domain.staff;
