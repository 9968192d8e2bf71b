package com.wispbill.local.stack;

import java.time.Instant;
import java.util.List;

/** An email the embedded SES endpoint accepted (recorded, never delivered). */
public record SentEmail(String messageId, String from, List<String> to, String subject, String text, Instant sentAt) {
    public SentEmail {
        to = List.copyOf(to);
    }
}
