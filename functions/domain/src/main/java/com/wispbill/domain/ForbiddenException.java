package com.wispbill.domain;

/**
 * The caller may reach the operation but not on this object: a rule about who changes what, decided on the stored
 * item (an OPERATOR account is only an operator's to change). Maps to HTTP 403; nothing was changed.
 */
public final class ForbiddenException extends DomainException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message) {
        super(message);
    }
}
