package com.wispbill.domain.messages;

import java.util.List;

/** Queues polled usage samples for usage ingestion. */
public interface UsageSampleQueue {
    void send(List<UsageSample> samples);
}
