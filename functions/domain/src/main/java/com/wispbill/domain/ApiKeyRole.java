package com.wispbill.domain;

/** What an API key may do. */
public enum ApiKeyRole {
    /** The platform operator: administers resellers (create, suspend) in addition to its own tenant. */
    OPERATOR,
    /** A reseller's key: confined to that reseller's data. */
    RESELLER
}
