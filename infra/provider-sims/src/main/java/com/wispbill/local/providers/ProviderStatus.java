package com.wispbill.local.providers;

/** Where a simulated payment is on the provider's side, in provider-neutral terms. */
public enum ProviderStatus { PENDING, PAID, CANCELLED, FAILED, TIMED_OUT, EXPIRED, REFUNDED }
