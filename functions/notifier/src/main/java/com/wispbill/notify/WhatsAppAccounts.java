package com.wispbill.notify;

import java.util.Optional;

/** Where a reseller's WhatsApp credentials come from ({@code wispbill/whatsapp/<resellerId>} in Secrets Manager). */
public interface WhatsAppAccounts {
    /** The reseller's number, or empty when none is connected. */
    Optional<WhatsAppAccount> account(String resellerId);
}
