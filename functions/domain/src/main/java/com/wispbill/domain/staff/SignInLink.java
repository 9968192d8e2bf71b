package com.wispbill.domain.staff;

import java.time.Duration;
import java.time.Instant;

/** A one-time sign-in link for a staff member (invitation, the local run's console URL); only its hash is stored. */
public record SignInLink(String tokenHash, String resellerId, String staffId, Instant createdAt, Instant expiresAt) {
    public static final Duration VALID_FOR = Duration.ofMinutes(15);
}
