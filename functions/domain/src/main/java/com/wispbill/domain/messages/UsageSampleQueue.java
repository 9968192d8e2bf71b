package com.wispbill.domain.messages;

/**
 * Queues polled usage for usage ingestion: one message per router poll, split only where a poll
 * exceeds the queue's message size.
 */
public interface UsageSampleQueue {
    void send(RouterUsage poll);

    /** Queues the flush sweep's jobs beside the polls, so usage-ingest applies both to a router's state in order. */
    void sendFlushJobs(java.util.List<UsageFlushJob> jobs);
}
