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

    /** The current value with the id of its version: what {@link #replace} compares against. */
    Optional<Versioned> readVersioned(String name);

    /**
     * Compare-and-swap: creates the secret when {@code expectedVersion} is empty and there is none, or replaces its
     * value while its current version is still {@code expectedVersion}; answers the new version. Otherwise
     * {@link StaleVersionException}, and the secret is as it was.
     */
    String replace(String name, String resellerId, String value, Optional<String> expectedVersion);

    /**
     * Removal as a compare-and-swap: {@code tombstone} replaces the value while the current version is still
     * {@code expectedVersion} (as {@link #replace}), and the replaced value is not kept as the previous version: it
     * cannot be read back by stage. Answers the tombstone's version; {@link StaleVersionException} and nothing changes when another writer
     * was first.
     */
    String remove(String name, String resellerId, String tombstone, String expectedVersion);

    /**
     * The value kept as the previous version (what a {@link #replace} replaced), if there is one: where a
     * {@link #remove} whose second step failed left the removed value.
     */
    Optional<Versioned> readPrevious(String name);

    /**
     * The second step of {@link #remove}, for its retry: takes the previous-version label off {@code removedVersion}
     * while that version still carries it; answers whether it did (false: the label was elsewhere or gone already).
     */
    boolean forgetPrevious(String name, String removedVersion);

    /** Deletes the secret (without the recovery window); nothing happens when there is none. */
    void delete(String name);

    /** A secret's value and the id of the version it is (not a secret: it identifies, it does not unlock). */
    record Versioned(String value, String version) {
    }

    /** Another writer changed (or created, or deleted) the secret since the expected version was read. */
    final class StaleVersionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StaleVersionException(String message) {
            super(message);
        }
    }
}
