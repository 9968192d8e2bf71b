package com.wispbill.domain;

public enum ApiKeyStatus {
    ACTIVE,
    REVOKED
}
