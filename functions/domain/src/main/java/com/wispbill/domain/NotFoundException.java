package com.wispbill.domain;

/**
 * The thing asked for does not exist for this tenant (maps to HTTP 404). Also used when it exists
 * but belongs to another reseller: telling the two apart would leak that another tenant's id exists.
 */
public final class NotFoundException extends DomainException {
    private static final long serialVersionUID = 1L;

    private final String entity;
    private final String id;

    public NotFoundException(String entity, String id) {
        super(entity + " " + id + " not found");
        this.entity = entity;
        this.id = id;
    }

    public String entity() {
        return entity;
    }

    public String id() {
        return id;
    }
}
