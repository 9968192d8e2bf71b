package com.wispbill.adapters.sqs;

/** Some messages could not be queued after retries; the caller's work must fail and be retried. */
public final class QueueSendException extends RuntimeException {
    public QueueSendException(String queueUrl, String reasons) {
        super("could not send to " + queueUrl + ": " + reasons);
    }

    public QueueSendException(String queueUrl, String reasons, Throwable cause) {
        super("could not send to " + queueUrl + ": " + reasons, cause);
    }
}
