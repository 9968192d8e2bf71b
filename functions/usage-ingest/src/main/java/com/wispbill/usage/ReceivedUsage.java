package com.wispbill.usage;

import com.wispbill.domain.messages.RouterUsage;

/** A decoded router poll (or part of one) and the id of the queue message that carried it. */
record ReceivedUsage(String messageId, RouterUsage usage) {
}
