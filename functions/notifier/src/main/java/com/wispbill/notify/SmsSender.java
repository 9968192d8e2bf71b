package com.wispbill.notify;

import com.wispbill.adapters.repository.SmsDeliveryRepository;
import com.wispbill.adapters.repository.SmsDeliveryRepository.Claim;
import com.wispbill.adapters.repository.SmsTemplateRepository;
import com.wispbill.domain.PhoneNumbers;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.notify.SmsSettings;
import com.wispbill.domain.notify.SmsTemplates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends an {@link SmsRequest} at most once per notification id, and at least once as long as
 * deliveries keep coming: claim the id (a lease) → render → publish → mark sent. A publish that fails
 * releases the claim, so the next delivery sends. The one window left is a crash (or a DynamoDB
 * failure) after the publish and before the mark: the lease then runs out and the retry sends again,
 * which is the better of the two possible mistakes for a customer waiting for a code.
 */
public final class SmsSender {
    /**
     * Longer than the function's timeout (30 s), so a live sender never loses its claim, and shorter
     * than the queue's visibility timeout (180 s), so the redelivery after a crash can claim.
     */
    static final Duration LEASE = Duration.ofSeconds(90);

    /** What became of a request. */
    public enum Outcome {
        SENT,
        /** Sent before (a redelivery or a re-sent request): nothing done. */
        DUPLICATE,
        /** Another sender is publishing it right now: retry later. */
        IN_FLIGHT
    }

    private final SmsTemplateRepository templates;
    private final SmsDeliveryRepository deliveries;
    private final SmsGateway gateway;
    private final String defaultSenderId;
    private final Clock clock;

    public SmsSender(SmsTemplateRepository templates, SmsDeliveryRepository deliveries, SmsGateway gateway,
                     String defaultSenderId, Clock clock) {
        if (!SmsSettings.isSenderId(defaultSenderId)) {
            throw new ValidationException("SMS_SENDER_ID", "must be 1-11 letters and digits with at least one letter");
        }
        this.templates = templates;
        this.deliveries = deliveries;
        this.gateway = gateway;
        this.defaultSenderId = defaultSenderId;
        this.clock = clock;
    }

    /**
     * Sends {@code sms} unless it was sent already. Invalid input (a number that is not E.164, a
     * parameter the template needs and did not get) is a {@link ValidationException} before anything
     * is claimed or sent.
     */
    public Outcome send(SmsRequest sms) {
        // SmsRequest refuses non-E.164 numbers already; checked again here because this is the last
        // point before money is spent on a message that cannot arrive.
        PhoneNumbers.requireE164(sms.phoneE164(), "phoneE164");
        SmsSettings settings = templates.settings(sms.resellerId());
        String text = SmsTemplates.render(
                SmsTemplates.text(settings.language(), sms.template(), templates.overrides(sms.resellerId(), settings.language())),
                sms.parameters());
        Instant now = clock.instant();
        return switch (deliveries.claim(sms.resellerId(), sms.notificationId(), now, LEASE)) {
            case Claim.AlreadySent sent -> Outcome.DUPLICATE;
            case Claim.InFlight inFlight -> Outcome.IN_FLIGHT;
            case Claim.Claimed claimed -> publish(sms, text, settings.senderId().orElse(defaultSenderId), claimed);
        };
    }

    private Outcome publish(SmsRequest sms, String text, String senderId, Claim.Claimed claimed) {
        String messageId;
        try {
            messageId = gateway.send(sms.phoneE164(), text, senderId);
        } catch (RuntimeException e) {
            deliveries.release(sms.resellerId(), sms.notificationId(), claimed.token(), clock.instant());
            throw e;
        }
        deliveries.markSent(sms.resellerId(), sms.notificationId(), claimed.token(), messageId, clock.instant());
        return Outcome.SENT;
    }
}
