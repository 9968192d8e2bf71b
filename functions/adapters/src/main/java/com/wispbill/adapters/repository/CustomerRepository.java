package com.wispbill.adapters.repository;

import com.wispbill.domain.Customer;
import com.wispbill.domain.NotFoundException;
import java.util.Optional;

public interface CustomerRepository {
    /** Stores a new customer; {@link com.wispbill.domain.ConflictException} if the phone is already registered with this reseller. */
    void create(Customer customer);

    /** Replaces {@code current} with {@code next} (a phone change moves the uniqueness claim atomically). */
    void update(Customer current, Customer next);

    Optional<Customer> find(String resellerId, String customerId);

    default Customer get(String resellerId, String customerId) {
        return find(resellerId, customerId).orElseThrow(() -> new NotFoundException("Customer", customerId));
    }

    /** By phone as typed (normalised to E.164 here); strongly consistent. */
    Optional<Customer> findByPhone(String resellerId, String phone);

    Page<Customer> list(String resellerId, PageRequest page);
}
