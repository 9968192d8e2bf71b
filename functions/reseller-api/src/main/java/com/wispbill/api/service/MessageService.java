package com.wispbill.api.service;

import com.wispbill.adapters.repository.WhatsAppMessageRepository;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.notify.WhatsAppMessage;
import java.util.List;

/** What the reseller's customers were sent and what became of it (WhatsApp statuses from Meta's webhooks). */
public final class MessageService {
    /** Messages kept per customer are those of the last 90 days (TTL); the list shows the newest this many. */
    public static final int MAX_LISTED = 100;

    private final CustomerService customers;
    private final WhatsAppMessageRepository messages;

    public MessageService(CustomerService customers, WhatsAppMessageRepository messages) {
        this.customers = customers;
        this.messages = messages;
    }

    /** The customer's WhatsApp messages, newest first; another reseller's customer reads as missing. */
    public List<WhatsAppMessage> of(Reseller reseller, String customerId) {
        String phone = customers.get(reseller, customerId).phone();
        return messages.messages(reseller.id(), phone, MAX_LISTED);
    }
}
