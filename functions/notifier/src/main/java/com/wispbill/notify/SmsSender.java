package com.wispbill.notify;

import com.wispbill.adapters.repository.AlertRepository;
import com.wispbill.adapters.repository.SmsDeliveryRepository;
import com.wispbill.adapters.repository.SmsDeliveryRepository.Claim;
import com.wispbill.adapters.repository.SmsDeliveryRepository.Unsent;
import com.wispbill.adapters.repository.SmsMessageRepository;
import com.wispbill.adapters.repository.SmsQuota;
import com.wispbill.adapters.repository.SmsTemplateRepository;
import com.wispbill.domain.PhoneNumbers;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.notify.SmsSettings;
import com.wispbill.domain.notify.SmsTemplates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import org.slf4j.Logger;

/**
 * Sends an {@link SmsRequest} at most once per notification id: claim the id (a lease) → render →
 * the reseller's daily quota → publish → mark sent. A publish that surely failed
 * ({@link SmsNotAcceptedException}) releases the claim, so the next delivery sends. A publish whose
 * outcome is unknown (a timeout or a lost answer: SNS may have taken it) is never repeated: the
 * request is settled UNCERTAIN and the reseller gets an alert to check with the customer. So is a
 * claim found abandoned (its sender died after claiming, maybe after publishing). What remains is
 * the opposite mistake: an SMS that SNS never took after such an error is not sent by itself.
 */
public final class SmsSender {
    private static final Logger LOG = LoggerFactory.getLogger(SmsSender.class);

    /**
     * Longer than the function's timeout (30 s), so a live sender never loses its claim, and shorter
     * than the queue's visibility timeout (180 s), so a redelivery after a crash finds it abandoned.
     */
    static final Duration LEASE = Duration.ofSeconds(90);
    /** SMS per reseller and UTC day when {@code SMS_DAILY_LIMIT_PER_RESELLER} is not set. */
    public static final long DEFAULT_DAILY_LIMIT = 500;

    /** What became of a request. */
    public enum Outcome {
        SENT,
        /** Sent as a WhatsApp template message instead of the SMS. */
        SENT_WHATSAPP,
        /** Sent before (a redelivery or a re-sent request): nothing done. */
        DUPLICATE,
        /** Another sender is publishing it right now: retry later. */
        IN_FLIGHT,
        /** May or may not have gone out; not sent again (an alert asks a person to check). */
        UNCERTAIN,
        /** Not sent: the reseller's daily SMS quota is used up. */
        OVER_QUOTA,
        /** Not sent: a reminder to a customer who wrote STOP. */
        STOPPED
    }

    private final SmsTemplateRepository templates;
    private final SmsDeliveryRepository deliveries;
    private final SmsQuota quota;
    private final long dailyLimit;
    private final AlertRepository alerts;
    private final SmsGateway gateway;
    private final String defaultSenderId;
    private final Clock clock;
    private final WhatsAppRoute whatsApp;
    private final SmsMessageRepository smsMessages;
    private final AlertEmails alertEmails;

    public SmsSender(SmsTemplateRepository templates, SmsDeliveryRepository deliveries, SmsQuota quota, long dailyLimit,
                     AlertRepository alerts, SmsGateway gateway, String defaultSenderId, Clock clock) {
        this(templates, deliveries, quota, dailyLimit, alerts, gateway, defaultSenderId, clock, WhatsAppRoute.NONE);
    }

    /**
     * {@code whatsApp}: where the customer opted in and the reseller set WhatsApp up, the notice goes
     * as a WhatsApp template message under the same claim and quota; if the Cloud API refuses it, as
     * the SMS instead (one notice per event either way).
     */
    public SmsSender(SmsTemplateRepository templates, SmsDeliveryRepository deliveries, SmsQuota quota, long dailyLimit,
                     AlertRepository alerts, SmsGateway gateway, String defaultSenderId, Clock clock, WhatsAppRoute whatsApp) {
        this(templates, deliveries, quota, dailyLimit, alerts, gateway, defaultSenderId, clock, whatsApp, null, AlertEmails.NONE);
    }

    /**
     * {@code smsMessages}: each SMS SNS took is kept (with its MessageId) for its delivery status and the
     * reseller's message list ({@code null}: not kept). {@code alertEmails}: the alerts this sender raises
     * (SMS UNCERTAIN, daily quota) are emailed like any other alert.
     */
    public SmsSender(SmsTemplateRepository templates, SmsDeliveryRepository deliveries, SmsQuota quota, long dailyLimit,
                     AlertRepository alerts, SmsGateway gateway, String defaultSenderId, Clock clock, WhatsAppRoute whatsApp,
                     SmsMessageRepository smsMessages, AlertEmails alertEmails) {
        if (!SmsSettings.isSenderId(defaultSenderId)) {
            throw new ValidationException("SMS_SENDER_ID", "must be 1-11 letters and digits with at least one letter");
        }
        if (dailyLimit < 0) {
            throw new ValidationException("SMS_DAILY_LIMIT_PER_RESELLER", "must not be negative");
        }
        this.templates = templates;
        this.deliveries = deliveries;
        this.quota = quota;
        this.dailyLimit = dailyLimit;
        this.alerts = alerts;
        this.gateway = gateway;
        this.defaultSenderId = defaultSenderId;
        this.clock = clock;
        this.whatsApp = whatsApp;
        this.smsMessages = smsMessages;
        this.alertEmails = alertEmails;
    }

    /**
     * Sends {@code sms} unless it was sent (or settled) already. Invalid input (a number that is not
     * E.164, a parameter the template needs and did not get) is a {@link ValidationException} before
     * anything is claimed or sent.
     */
    public Outcome send(SmsRequest sms) {
        // SmsRequest refuses non-E.164 numbers already; checked again here because this is the last
        // point before money is spent on a message that cannot arrive.
        PhoneNumbers.requireE164(sms.phoneE164(), "phoneE164");
        if (whatsApp.stoppedReminder(sms)) {
            return Outcome.STOPPED;
        }
        SmsSettings settings = templates.settings(sms.resellerId());
        String text = SmsTemplates.render(
                SmsTemplates.text(settings.language(), sms.template(), templates.overrides(sms.resellerId(), settings.language())),
                sms.parameters());
        Instant now = clock.instant();
        return switch (deliveries.claim(sms.resellerId(), sms.notificationId(), now, LEASE)) {
            case Claim.AlreadySent sent -> Outcome.DUPLICATE;
            case Claim.InFlight inFlight -> Outcome.IN_FLIGHT;
            case Claim.Settled settled -> settled.how() == Unsent.OVER_QUOTA ? Outcome.OVER_QUOTA : Outcome.UNCERTAIN;
            case Claim.Abandoned abandoned -> uncertain(sms, null,
                    "its sender stopped after claiming it (timeout or crash), possibly after SNS took it");
            case Claim.Claimed claimed -> withinQuota(sms, claimed, now)
                    ? whatsAppOrSms(sms, text, settings.senderId().orElse(defaultSenderId), claimed)
                    : Outcome.OVER_QUOTA;
        };
    }

    /**
     * The first claim counts against the day's quota; a claim after a release (a publish that surely
     * failed) was counted by the first one.
     */
    private boolean withinQuota(SmsRequest sms, Claim.Claimed claimed, Instant now) {
        if (claimed.attempt() > 1) {
            return true;
        }
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        SmsQuota.Verdict verdict = quota.take(sms.resellerId(), day, dailyLimit);
        if (verdict.allowed()) {
            return true;
        }
        deliveries.settle(sms.resellerId(), sms.notificationId(), claimed.token(), Unsent.OVER_QUOTA, now);
        if (verdict.firstRefusal()) {
            alertEmails.raise(alerts, new Alert("sms-quota-" + sms.resellerId() + "-" + day, Optional.of(sms.resellerId()),
                    "SMS_DAILY_QUOTA#" + day, Alert.Severity.WARNING, false, "Daily SMS quota reached",
                    "The platform sends at most " + dailyLimit + " SMS a day (UTC) for this reseller; further SMS of "
                            + day + " are not sent. Ask the operator to raise it if this is expected traffic.", now));
        }
        return false;
    }

    /**
     * WhatsApp first where it applies; the SMS when it does not or when the Cloud API surely did not
     * take the message. A WhatsApp send whose outcome is unknown is settled UNCERTAIN like an SMS
     * publish: no SMS follows, so the customer never gets the notice twice.
     */
    private Outcome whatsAppOrSms(SmsRequest sms, String text, String senderId, Claim.Claimed claimed) {
        Optional<WhatsAppRoute.Message> message;
        try {
            message = whatsApp.messageFor(sms);
        } catch (RuntimeException e) {
            // Only settings were read (opt-in, templates, the number's secret) and nothing was sent: give the
            // claim back so the retry sends, instead of leaving it to be settled UNCERTAIN.
            deliveries.release(sms.resellerId(), sms.notificationId(), claimed.token(), clock.instant());
            throw e;
        }
        if (message.isPresent()) {
            String messageId;
            try {
                messageId = whatsApp.send(sms, message.get());
            } catch (WhatsAppNotAcceptedException e) {
                LOG.warn("whatsapp {} ({}) refused (code {}), sending the SMS instead", sms.notificationId(), sms.template(), e.code());
                return publish(sms, text, senderId, claimed);
            } catch (RuntimeException e) {
                return uncertain(sms, claimed.token(), "the answer to the WhatsApp send was lost (" + e.getClass().getSimpleName() + ")");
            }
            Instant sentAt = clock.instant();
            deliveries.markSent(sms.resellerId(), sms.notificationId(), claimed.token(), messageId, sentAt);
            try {
                whatsApp.recordSent(sms, messageId, sentAt);
            } catch (RuntimeException e) {
                // Sent and marked: only its status tracking is lost, never a reason to send again.
                LOG.warn("whatsapp {} sent as {} but not recorded for status tracking: {}", sms.notificationId(), messageId, e.toString());
            }
            return Outcome.SENT_WHATSAPP;
        }
        return publish(sms, text, senderId, claimed);
    }

    private Outcome publish(SmsRequest sms, String text, String senderId, Claim.Claimed claimed) {
        String messageId;
        try {
            messageId = gateway.send(sms.phoneE164(), text, senderId);
        } catch (SmsNotAcceptedException e) {
            deliveries.release(sms.resellerId(), sms.notificationId(), claimed.token(), clock.instant());
            throw e;
        } catch (RuntimeException e) {
            return uncertain(sms, claimed.token(), "the answer to the publish was lost (" + e.getClass().getSimpleName() + ")");
        }
        Instant sentAt = clock.instant();
        deliveries.markSent(sms.resellerId(), sms.notificationId(), claimed.token(), messageId, sentAt);
        if (smsMessages != null) {
            try {
                smsMessages.recordSent(sms.resellerId(), sms.phoneE164(), messageId, sms.notificationId(), sms.template(), sentAt);
            } catch (RuntimeException e) {
                // Sent and marked: only its delivery status tracking is lost, never a reason to send again.
                LOG.warn("sms {} sent as {} but not recorded for delivery status: {}", sms.notificationId(), messageId, e.toString());
            }
        }
        return Outcome.SENT;
    }

    /** Settles the request UNCERTAIN (once) and tells the reseller; never publishes again. */
    private Outcome uncertain(SmsRequest sms, String token, String why) {
        Instant now = clock.instant();
        if (deliveries.settle(sms.resellerId(), sms.notificationId(), token, Unsent.UNCERTAIN, now)) {
            LOG.warn("sms {} ({}) settled UNCERTAIN, not sent again: {}", sms.notificationId(), sms.template(), why);
            alertEmails.raise(alerts, new Alert("sms-uncertain-" + sms.notificationId(), Optional.of(sms.resellerId()),
                    "SMS_UNCERTAIN#" + sms.notificationId(), Alert.Severity.WARNING, false,
                    "An SMS may not have reached a customer",
                    sms.template() + " SMS to " + NotifierHandler.maskPhone(sms.phoneE164()) + ": " + why
                            + ". It is not sent again automatically, so the customer is never texted twice; check with"
                            + " the customer.", now));
        }
        return Outcome.UNCERTAIN;
    }
}
