package com.wispbill.notify.adapters;

import com.wispbill.notify.AlertMailer;
import java.util.List;
import com.wispbill.adapters.aws.SesApi;

/** SES v2 {@code SendEmail} with a simple text message from {@code ALERT_EMAIL_FROM}. */
public final class SesAlertMailer implements AlertMailer {
    private final SesApi ses;
    private final String from;

    public SesAlertMailer(SesApi ses, String from) {
        this.ses = ses;
        this.from = from;
    }

    @Override
    public String send(List<String> to, String subject, String text) {
        return ses.sendTextEmail(from, to, subject, text);
    }
}
