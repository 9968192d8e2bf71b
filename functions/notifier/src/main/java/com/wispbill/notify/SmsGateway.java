package com.wispbill.notify;

/** Sends one text message to one phone; implemented over SNS ({@link com.wispbill.notify.sns.SnsSmsGateway}). */
public interface SmsGateway {
    /**
     * Sends {@code text} to {@code phoneE164} showing {@code senderId} as the sender.
     *
     * @return the provider's message id
     * @throws RuntimeException if the provider did not accept the message (the caller retries)
     */
    String send(String phoneE164, String text, String senderId);
}
