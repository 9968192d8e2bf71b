package com.wispbill.api.service;

import com.wispbill.adapters.repository.SmsMessageRepository;
import com.wispbill.adapters.repository.WhatsAppMessageRepository;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.notify.SmsMessage;
import com.wispbill.domain.notify.WhatsAppMessage;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the reseller's customers were sent and what became of it: WhatsApp statuses from Meta's webhooks,
 * SMS delivery status from SNS's delivery log (where the account logs it).
 */
public final class MessageService {
    /** Messages kept per customer are those of the last 90 days (TTL); the list shows the newest this many. */
    public static final int MAX_LISTED = 100;

    /** One message on either channel. */
    public sealed interface Sent {
        Instant sentAt();
    }

    public record ByWhatsApp(WhatsAppMessage message) implements Sent {
        @Override
        public Instant sentAt() {
            return message.sentAt();
        }
    }

    public record BySms(SmsMessage message) implements Sent {
        @Override
        public Instant sentAt() {
            return message.sentAt();
        }
    }

    private final CustomerService customers;
    private final WhatsAppMessageRepository whatsApp;
    private final SmsMessageRepository sms;

    public MessageService(CustomerService customers, WhatsAppMessageRepository whatsApp, SmsMessageRepository sms) {
        this.customers = customers;
        this.whatsApp = whatsApp;
        this.sms = sms;
    }

    /** The customer's messages on both channels, newest first; another reseller's customer reads as missing. */
    public List<Sent> of(Reseller reseller, String customerId) {
        String phone = customers.get(reseller, customerId).phone();
        return Stream.concat(
                        whatsApp.messages(reseller.id(), phone, MAX_LISTED).stream().map(m -> (Sent) new ByWhatsApp(m)),
                        sms.messages(reseller.id(), phone, MAX_LISTED).stream().map(m -> (Sent) new BySms(m)))
                .sorted(Comparator.comparing(Sent::sentAt).reversed())
                .limit(MAX_LISTED).toList();
    }
}
