package com.wispbill.api;

import com.wispbill.payment.FeePolicy;
import com.wispbill.payment.provider.CredentialsSource;
import com.wispbill.payment.provider.MpesaAdapter;

/**
 * What the paybill routes need beyond the store: resellers' M-Pesa credentials (read-only here), Daraja
 * (C2B URL registration) and the platform fee an assigned payment's settlement books, the webhook's own.
 */
public record PaybillSetup(CredentialsSource credentials, MpesaAdapter mpesa, FeePolicy fees) {
}
