package com.wispbill.payment;

import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.PaymentRepository;
import com.wispbill.adapters.repository.RequestCounter;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.domain.payment.Portal;
import com.wispbill.domain.Signatures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How often the public purchase route may make the platform send a payment prompt. Checked after the
 * form is valid and before anything is written or sent to a provider, in this order: per source IP,
 * per portal, per phone (one canonical E.164 number however it was typed), then the phone's PENDING
 * payments at this reseller. Counts live in DynamoDB ({@link RequestCounter}, fixed windows), so they
 * hold across Lambda instances; refused requests count too, so hammering through 429s stays refused.
 *
 * <p>Past {@link Settings#challengeAfterPerIp} requests from one IP in a window, a solved challenge
 * ({@link ChallengeVerifier}, e.g. proof of work or a CAPTCHA) must come with the request.
 * Counter keys are hashes: the usage table holds no phone numbers or IP addresses.
 */
public final class PortalLimits {
    /**
     * Limits per {@code window}. {@code challengeAfterPerIp} 0: no challenge is ever asked.
     * {@code pendingPerPhone}: PENDING payments one phone may have at one reseller.
     */
    public record Settings(Duration window, int perIp, int perPortal, int perPhone, int pendingPerPhone,
                           int challengeAfterPerIp) {
        public Settings {
            if (window == null || !window.isPositive() || perIp < 1 || perPortal < 1 || perPhone < 1
                    || pendingPerPhone < 1 || challengeAfterPerIp < 0) {
                throw new IllegalArgumentException("portal limits are at least one request per positive window");
            }
        }
    }

    /** Who is asking: the source IP API Gateway saw, and a challenge answer if the page sent one. */
    public record Requester(String sourceIp, Optional<String> challengeAnswer) {
        public Requester {
            sourceIp = sourceIp == null || sourceIp.isBlank() ? "unknown" : sourceIp.strip();
            challengeAnswer = challengeAnswer == null ? Optional.empty() : challengeAnswer.filter(a -> !a.isBlank());
        }
    }

    /** Settled payments do not count; a phone with this many recent payments is read in one page. */
    private static final int PENDING_PAGE = 25;

    private final RequestCounter counter;
    private final PaymentRepository payments;
    private final ChallengeVerifier challenges;
    private final Settings settings;
    private final Clock clock;

    public PortalLimits(RequestCounter counter, PaymentRepository payments, ChallengeVerifier challenges,
                        Settings settings, Clock clock) {
        this.counter = counter;
        this.payments = payments;
        this.challenges = challenges;
        this.settings = settings;
        this.clock = clock;
    }

    /** Admits one purchase start or throws {@link TooManyPurchasesException}; {@code phoneE164} is canonical. */
    public void admit(Portal portal, String phoneE164, Requester requester) {
        Instant now = clock.instant();
        RequestCounter.Window window = RequestCounter.Window.containing(now, settings.window());
        long retryAfter = window.secondsLeft(now);

        String ipKey = "portal-ip." + digest(requester.sourceIp());
        long fromIp = counter.increment(ipKey, window);
        if (fromIp > settings.perIp()) {
            throw new TooManyPurchasesException("too many purchases from this network; try again in " + retryAfter + " s",
                    retryAfter, Optional.empty());
        }
        if (settings.challengeAfterPerIp() > 0 && fromIp > settings.challengeAfterPerIp()) {
            String subject = challenges.subject(portal.id(), ipKey, window.start());
            if (requester.challengeAnswer().filter(answer -> challenges.verify(subject, answer)).isEmpty()) {
                throw new TooManyPurchasesException("many purchases from this network: solve the challenge to go on",
                        retryAfter, Optional.of(challenges.describe(subject)));
            }
        }
        if (counter.increment("portal-site." + digest(portal.id()), window) > settings.perPortal()) {
            throw new TooManyPurchasesException("this hotspot takes too many purchases right now; try again in "
                    + retryAfter + " s", retryAfter, Optional.empty());
        }
        if (counter.increment("portal-phone." + digest(phoneE164), window) > settings.perPhone()) {
            throw new TooManyPurchasesException("too many payment prompts to this phone; try again in " + retryAfter + " s",
                    retryAfter, Optional.empty());
        }
        long pending = payments.listForPhone(portal.resellerId(), phoneE164, PageRequest.first(PENDING_PAGE)).items().stream()
                .map(Payment::status).filter(PaymentStatus.PENDING::equals).count();
        if (pending >= settings.pendingPerPhone()) {
            throw new TooManyPurchasesException("this phone already has " + pending
                    + " payments waiting; finish or cancel them first, or try again in " + retryAfter + " s",
                    retryAfter, Optional.empty());
        }
    }

    /** First 128 bits of SHA-256, hex: a counter key that is an id and tells nothing about what it counts. */
    static String digest(String value) {
        return HexFormat.of().formatHex(Signatures.sha256(value), 0, 16);
    }
}
