package com.wispbill.domain.messages;

/** Publishes operator alerts (the alerts topic). */
public interface AlertPublisher {
    void publish(Alert alert);
}
