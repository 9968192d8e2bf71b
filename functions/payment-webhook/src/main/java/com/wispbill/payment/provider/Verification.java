package com.wispbill.payment.provider;

import java.util.Optional;

/** Whether a callback proved its origin; the reason is for the security log only (never the response). */
public record Verification(boolean verified, Optional<String> failure) {
    private static final Verification OK = new Verification(true, Optional.empty());

    public static Verification ok() {
        return OK;
    }

    public static Verification failed(String reason) {
        return new Verification(false, Optional.of(reason));
    }
}
