package com.wispbill.local.providers;

/** The providers the simulator stands in for. */
public enum Provider { MPESA, PAYSTACK, STRIPE, MIDTRANS }
