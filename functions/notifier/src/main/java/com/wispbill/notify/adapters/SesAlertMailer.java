package com.wispbill.notify.adapters;

import com.wispbill.notify.AlertMailer;
import java.util.List;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** SES v2 {@code SendEmail} with a simple text message from {@code ALERT_EMAIL_FROM}. */
public final class SesAlertMailer implements AlertMailer {
    private final SesV2Client ses;
    private final String from;

    public SesAlertMailer(SesV2Client ses, String from) {
        this.ses = ses;
        this.from = from;
    }

    @Override
    public String send(List<String> to, String subject, String text) {
        return ses.sendEmail(b -> b.fromEmailAddress(from)
                .destination(d -> d.toAddresses(to))
                .content(c -> c.simple(m -> m.subject(s -> s.data(subject).charset("UTF-8"))
                        .body(body -> body.text(t -> t.data(text).charset("UTF-8")))))).messageId();
    }
}
