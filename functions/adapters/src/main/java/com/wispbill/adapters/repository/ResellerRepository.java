package com.wispbill.adapters.repository;

import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Reseller;
import java.util.Optional;

public interface ResellerRepository {
    /** Stores a new reseller; {@link com.wispbill.domain.ConflictException} if the id exists. */
    void create(Reseller reseller);

    /** Replaces an existing reseller's profile; {@link NotFoundException} if there is none. */
    void update(Reseller reseller);

    Optional<Reseller> find(String resellerId);

    default Reseller get(String resellerId) {
        return find(resellerId).orElseThrow(() -> new NotFoundException("Reseller", resellerId));
    }

    /** All resellers, for the platform operator. */
    Page<Reseller> list(PageRequest page);
}
