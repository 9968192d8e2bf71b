package com.wispbill.api.service;

import java.util.Optional;

/**
 * Secrets the API keeps for a reseller (router logins, payment-provider keys), by full name. Write-only toward
 * API callers: values are read back only to test them, never answered. Names always hold the caller's own
 * reseller id, built by the services from the key's tenant.
 */
public interface ResellerSecrets {
    /** Creates the secret (tagged with the reseller) or replaces its value. */
    void put(String name, String resellerId, String value);

    Optional<String> read(String name);

    /** Deletes the secret (without the recovery window); nothing happens when there is none. */
    void delete(String name);
}
