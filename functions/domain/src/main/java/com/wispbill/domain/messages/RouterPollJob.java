package com.wispbill.domain.messages;

import com.wispbill.domain.Validation;
import java.time.Instant;

/**
 * One router to poll, queued by the every-minute schedule for the poll workers.
 *
 * @param scheduledAt when the schedule queued it: a job the next schedule has superseded is dropped
 */
public record RouterPollJob(String resellerId, String routerId, Instant scheduledAt) {
    public RouterPollJob {
        Validation v = new Validation();
        v.id(resellerId, "resellerId");
        v.id(routerId, "routerId");
        v.notNull(scheduledAt, "scheduledAt");
        v.throwIfInvalid();
    }
}
