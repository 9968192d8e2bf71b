package com.wispbill.domain.messages;

import java.util.List;

/** Queues router poll jobs for the poll workers, in the order given. */
public interface RouterPollQueue {
    void send(List<RouterPollJob> jobs);
}
