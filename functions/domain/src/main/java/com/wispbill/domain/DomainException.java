package com.wispbill.domain;

/**
 * Base of the errors the domain raises on purpose. Handlers map the subclasses to HTTP statuses
 * (validation 400, forbidden 403, not found 404, conflict and illegal transitions 409); anything else is a bug or
 * an infrastructure failure and must not be confused with these.
 */
public abstract sealed class DomainException extends RuntimeException
        permits ValidationException, ForbiddenException, NotFoundException, ConflictException,
        IllegalStateTransitionException {
    private static final long serialVersionUID = 1L;


    protected DomainException(String message) {
        super(message);
    }

    protected DomainException(String message, Throwable cause) {
        super(message, cause);
    }
}
