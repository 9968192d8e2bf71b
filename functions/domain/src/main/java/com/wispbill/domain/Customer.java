package com.wispbill.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A reseller's end customer, identified by phone (unique per reseller). */
public record Customer(String id, String resellerId, String phone, Optional<String> name, Instant createdAt) {

    public Customer {
        name = Objects.requireNonNullElse(name, Optional.<String>empty()).map(String::strip).filter(n -> !n.isEmpty());
        Validation v = new Validation();
        v.id(id, "id");
        v.id(resellerId, "resellerId");
        if (v.notBlank(phone, "phone")) {
            v.check(PhoneNumbers.isE164(phone), "phone",
                    "must be in international E.164 form: '+', country code and number, 8-15 digits (e.g. +254712345678)");
        }
        name.ifPresent(n -> v.check(n.length() <= 100, "name", "must be at most 100 characters"));
        v.notNull(createdAt, "createdAt");
        v.throwIfInvalid();
    }

    /** A new customer; {@code phone} may contain spaces or dashes, it is stored canonical. */
    public static Customer create(String resellerId, String phone, String name, Clock clock) {
        return new Customer(Ids.newId(clock), resellerId, PhoneNumbers.compact(phone),
                Optional.ofNullable(name), clock.instant());
    }
}
