package com.wispbill.notify;

import java.util.List;

/** Sends one plain-text email ({@link com.wispbill.notify.adapters.SesAlertMailer}). */
public interface AlertMailer {
    /** @return the provider's message id */
    String send(List<String> to, String subject, String text);
}
