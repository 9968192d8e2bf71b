package com.wispbill.usage;

import com.wispbill.domain.messages.UsageMessage;

/** A decoded message of {@code usage-samples} (a router poll or part of one, or a flush job) and the id of the queue message that carried it. */
record ReceivedUsage(String messageId, UsageMessage message) {
}
