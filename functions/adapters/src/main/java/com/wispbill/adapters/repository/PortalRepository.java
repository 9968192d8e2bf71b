package com.wispbill.adapters.repository;

import com.wispbill.domain.payment.Portal;
import java.util.Optional;

/** Hotspot portals by their public id. */
public interface PortalRepository {
    /** Stores a new portal; {@link com.wispbill.domain.ConflictException} if the id is taken. */
    void create(Portal portal);

    Optional<Portal> find(String portalId);
}
