package com.wispbill.domain;

import java.util.List;
import java.util.stream.Collectors;

/** Input is invalid; carries every field error found, not just the first (maps to HTTP 400). */
public final class ValidationException extends DomainException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // always an immutable List.copyOf, which is serializable
    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(describe(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one field error");
        }
        this.errors = List.copyOf(errors);
    }

    public ValidationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** True if one of the errors is about {@code field}; convenient for callers and tests. */
    public boolean hasErrorFor(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    private static String describe(List<FieldError> errors) {
        return "Invalid input: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
    }
}
