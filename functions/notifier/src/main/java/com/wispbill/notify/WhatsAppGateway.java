package com.wispbill.notify;

import java.util.List;

/** Sends one approved template message through the WhatsApp Cloud API ({@link com.wispbill.notify.adapters.CloudApiWhatsAppGateway}). */
public interface WhatsAppGateway {
    /**
     * @return the Cloud API's message id ({@code wamid.…})
     * @throws WhatsAppNotAcceptedException if the API surely did not take the message (an error answer:
     *                                      131xxx/132xxx, a rate limit, a bad token; or no connection)
     * @throws RuntimeException for anything else (a timeout, a lost answer, a 5xx): it may have gone out
     */
    String send(WhatsAppAccount account, String toE164, String templateName, String language, List<String> bodyParameters);
}
