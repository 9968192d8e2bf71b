package com.wispbill.adapters.repository;

import com.wispbill.domain.payment.Portal;
import java.util.List;
import java.util.Optional;

/** Hotspot portals by their public id, and per reseller. */
public interface PortalRepository {
    /** Stores a new portal; {@link com.wispbill.domain.ConflictException} if the id is taken. */
    void create(Portal portal);

    Optional<Portal> find(String portalId);

    /** The portal if it is the reseller's; another reseller's reads as missing. */
    default Optional<Portal> find(String resellerId, String portalId) {
        return find(portalId).filter(p -> p.resellerId().equals(resellerId));
    }

    /** Replaces a portal of the same reseller; {@link com.wispbill.domain.NotFoundException} if there is none. */
    void update(Portal portal);

    Page<Portal> list(String resellerId, PageRequest page);

    /** Every portal of the reseller (a few per router), all pages. */
    List<Portal> listAll(String resellerId);
}
