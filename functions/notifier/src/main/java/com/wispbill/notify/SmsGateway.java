package com.wispbill.notify;

/** Sends one text message to one phone; implemented over SNS ({@link com.wispbill.notify.adapters.SnsSmsGateway}). */
public interface SmsGateway {
    /**
     * Sends {@code text} to {@code phoneE164} showing {@code senderId} as the sender.
     *
     * @return the provider's message id
     * @throws SmsNotAcceptedException if the provider surely did not take the message (safe to retry)
     * @throws RuntimeException for anything else (a timeout, a lost answer, a server error): the text may
     *                          have gone out, so the caller must not simply send again
     */
    String send(String phoneE164, String text, String senderId);
}
