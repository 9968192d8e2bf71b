package com.wispbill.payment;

import java.time.Instant;

/**
 * The hook for a challenge (proof of work, a CAPTCHA) that {@link PortalLimits} asks for once a source
 * IP made more than {@code PORTAL_CHALLENGE_AFTER_PER_IP} purchases in a window. The page gets a
 * {@link Challenge} in the 429 answer and sends its answer in the {@code X-Portal-Challenge} header.
 */
public interface ChallengeVerifier {
    /** What the page is told: the challenge's kind, the subject to solve it for, and its parameters. */
    record Challenge(String kind, String subject, int difficulty) {
    }

    /** The subject a solution must be bound to (so one solution is not reusable elsewhere or later). */
    default String subject(String portalId, String sourceKey, Instant windowStart) {
        return portalId + ":" + sourceKey + ":" + windowStart.getEpochSecond();
    }

    Challenge describe(String subject);

    boolean verify(String subject, String answer);
}
