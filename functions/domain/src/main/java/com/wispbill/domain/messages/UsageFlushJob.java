package com.wispbill.domain.messages;

import com.wispbill.domain.Validation;
import java.time.Instant;

/**
 * The flush sweep's job: the router's usage accepted since {@code unflushedSince} is not on the per-user
 * counters and the router has not polled to flush it (offline, retired, moved). usage-ingest flushes it
 * as a poll would, under the same conditional writes, so a late poll racing the job counts nothing twice.
 */
public record UsageFlushJob(String resellerId, String routerId, Instant unflushedSince) implements UsageMessage {
    public UsageFlushJob {
        Validation v = new Validation();
        v.id(resellerId, "resellerId");
        v.id(routerId, "routerId");
        v.notNull(unflushedSince, "unflushedSince");
        v.throwIfInvalid();
    }
}
