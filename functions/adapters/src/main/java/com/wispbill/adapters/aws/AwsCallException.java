package com.wispbill.adapters.aws;

import java.util.Optional;

/**
 * The service answered with an error: its error code as the service names it ({@code ResourceNotFoundException},
 * {@code ThrottlingException}, {@code InvalidParameter}...), the HTTP status and the request id, so callers decide on
 * codes as they did on the SDK's exception types. A request that got no answer is an {@link java.io.UncheckedIOException}
 * whose cause chain holds the I/O failure (e.g. {@link java.net.ConnectException}).
 */
public final class AwsCallException extends RuntimeException {
    private final String service;
    private final String errorCode;
    private final int statusCode;
    private final String requestId;

    public AwsCallException(String service, String operation, String errorCode, String message, int statusCode, String requestId) {
        super(service + " " + operation + ": " + errorCode + " (" + statusCode + ")" + (message == null || message.isBlank() ? "" : ": "
                + message) + (requestId == null ? "" : ", request " + requestId));
        this.service = service;
        this.errorCode = errorCode;
        this.statusCode = statusCode;
        this.requestId = requestId;
    }

    public String service() {
        return service;
    }

    public String errorCode() {
        return errorCode;
    }

    public int statusCode() {
        return statusCode;
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    public boolean is(String code) {
        return errorCode.equals(code);
    }
}
