package com.wispbill.api.http;

/** Who may call a route. */
public enum Access {
    /** No key needed (the OpenAPI document). */
    PUBLIC,
    /** Any active key; the route acts on the key's own reseller. */
    TENANT,
    /** Operator keys only: platform administration. */
    OPERATOR
}
