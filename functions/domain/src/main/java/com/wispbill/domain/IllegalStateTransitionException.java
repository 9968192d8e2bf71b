package com.wispbill.domain;

/** A state machine was asked for a move it does not allow, e.g. a payment from FAILED to SUCCEEDED (HTTP 409). */
public final class IllegalStateTransitionException extends DomainException {
    private static final long serialVersionUID = 1L;

    private final String entity;
    private final String from;
    private final String to;

    public IllegalStateTransitionException(String entity, Enum<?> from, Enum<?> to) {
        super(entity + " cannot go from " + from.name() + " to " + to.name());
        this.entity = entity;
        this.from = from.name();
        this.to = to.name();
    }

    public String entity() {
        return entity;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }
}
