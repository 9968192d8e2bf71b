package com.wispbill.domain.messages;

/**
 * A message on {@code usage-samples}: a router's poll (or a part of one), or the flush sweep's job for a
 * router whose usage waits too long. Both name the router whose usage state they change.
 */
public sealed interface UsageMessage permits RouterUsage, UsageFlushJob {
    String resellerId();

    String routerId();
}
