package com.wispbill.payment;

import com.wispbill.domain.PaymentProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The security log as a list, so tests can check that a refusal was logged (and nothing else written). */
final class RecordingSecurityLog implements SecurityLog {
    record Entry(PaymentProvider provider, String resellerId, String reason) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final SecurityLog delegate = new LoggedSecurityLog();

    @Override
    public void refused(PaymentProvider provider, String resellerId, String reason) {
        entries.add(new Entry(provider, resellerId, reason));
        delegate.refused(provider, resellerId, reason);
    }

    List<Entry> forReseller(String resellerId) {
        return entries.stream().filter(e -> e.resellerId().equals(resellerId)).toList();
    }
}
