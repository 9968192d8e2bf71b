package com.wispbill.usage;

import com.wispbill.domain.messages.UsageSample;

/** A decoded sample and the id of the queue message that carried it (for the partial batch response). */
record ReceivedSample(String messageId, UsageSample sample) {
}
