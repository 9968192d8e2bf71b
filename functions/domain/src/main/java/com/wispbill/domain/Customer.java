package com.wispbill.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A reseller's end customer, identified by phone (unique per reseller), with an optional email and a
 * free-text location (estate, building, house: where the technician goes).
 */
public record Customer(String id, String resellerId, String phone, Optional<String> name, Optional<String> email,
                       Optional<String> location, Instant createdAt) {

    /** Deliberately loose: one '@', no spaces, a dot in the domain; the mailbox itself is the customer's business. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    public Customer {
        name = trimmed(name);
        email = trimmed(email);
        location = trimmed(location);
        Validation v = new Validation();
        v.id(id, "id");
        v.id(resellerId, "resellerId");
        if (v.notBlank(phone, "phone")) {
            v.check(PhoneNumbers.isE164(phone), "phone",
                    "must be in international E.164 form: '+', country code and number, 8-15 digits (e.g. +254712345678)");
        }
        name.ifPresent(n -> v.check(n.length() <= 100, "name", "must be at most 100 characters"));
        email.ifPresent(e -> v.check(e.length() <= 254 && EMAIL.matcher(e).matches(), "email",
                "must be an email address like jane@example.com (at most 254 characters)"));
        location.ifPresent(l -> v.check(l.length() <= 200, "location", "must be at most 200 characters"));
        v.notNull(createdAt, "createdAt");
        v.throwIfInvalid();
    }

    /** Without email and location (customers made by a portal purchase). */
    public Customer(String id, String resellerId, String phone, Optional<String> name, Instant createdAt) {
        this(id, resellerId, phone, name, Optional.empty(), Optional.empty(), createdAt);
    }

    /** A new customer; {@code phone} may contain spaces or dashes, it is stored canonical. */
    public static Customer create(String resellerId, String phone, String name, Clock clock) {
        return new Customer(Ids.newId(clock), resellerId, PhoneNumbers.compact(phone),
                Optional.ofNullable(name), clock.instant());
    }

    /** A new customer with every detail the reseller API takes. */
    public static Customer create(String resellerId, String phone, Optional<String> name, Optional<String> email,
                                  Optional<String> location, Clock clock) {
        return new Customer(Ids.newId(clock), resellerId, phone == null ? null : PhoneNumbers.compact(phone), name, email,
                location, clock.instant());
    }

    /** The same customer with these details (id, reseller and creation time kept). */
    public Customer withDetails(String newPhone, Optional<String> newName, Optional<String> newEmail,
                                Optional<String> newLocation) {
        return new Customer(id, resellerId, newPhone == null ? null : PhoneNumbers.compact(newPhone), newName, newEmail,
                newLocation, createdAt);
    }

    private static Optional<String> trimmed(Optional<String> text) {
        return Objects.requireNonNullElse(text, Optional.<String>empty()).map(String::strip).filter(t -> !t.isEmpty());
    }
}
