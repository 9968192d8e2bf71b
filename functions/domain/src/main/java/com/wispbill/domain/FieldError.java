package com.wispbill.domain;

import java.io.Serializable;
import java.util.Objects;

/**
 * One invalid input field: {@code field} is the name a client sent (e.g. {@code "price"},
 * {@code "routerIds[2]"}), {@code message} says what is wrong in words a reseller can act on.
 */
public record FieldError(String field, String message) implements Serializable {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
