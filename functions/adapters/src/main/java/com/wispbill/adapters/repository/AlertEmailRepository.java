package com.wispbill.adapters.repository;

import java.util.List;
import java.util.Optional;

/** The addresses a reseller (or, for platform alerts, the operator) wants alerts emailed to. */
public interface AlertEmailRepository {
    /** {@code resellerId} empty: the operator's addresses for platform alerts. None set: empty. */
    List<String> addresses(Optional<String> resellerId);

    /** Replaces the addresses (at most 10, each an email address); an empty list stops the emails. */
    void save(Optional<String> resellerId, List<String> addresses);
}
