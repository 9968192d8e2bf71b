package com.wispbill.payment;

import java.util.Optional;

/** A portal limit refused the purchase: 429 with {@code Retry-After}, and the challenge to solve if one is asked. */
public final class TooManyPurchasesException extends RuntimeException {
    private final long retryAfterSeconds;
    private final Optional<ChallengeVerifier.Challenge> challenge;

    public TooManyPurchasesException(String message, long retryAfterSeconds, Optional<ChallengeVerifier.Challenge> challenge) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
        this.challenge = challenge;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Optional<ChallengeVerifier.Challenge> challenge() {
        return challenge;
    }
}
