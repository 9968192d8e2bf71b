package com.wispbill.api.service;

import java.util.Optional;

/**
 * Where a reseller's WhatsApp Business number credentials are kept (the secret the notifier and the
 * WhatsApp webhook read). Write-only for the API: the only thing read back is the phone number id.
 */
public interface WhatsAppCredentials {
    /** Replaces the reseller's credentials (creates them the first time). */
    void save(String resellerId, WhatsAppConnection connection);

    /** The phone number id of the connected number; empty when none is set. */
    Optional<String> phoneNumberId(String resellerId);
}
