package com.wispbill.domain.messages;

/**
 * Queues polled usage for usage ingestion: one message per router poll, split only where a poll
 * exceeds the queue's message size.
 */
public interface UsageSampleQueue {
    void send(RouterUsage poll);
}
