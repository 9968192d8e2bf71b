package com.wispbill.payment;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.PortalRepository;
import com.wispbill.domain.payment.Portal;
import com.wispbill.payment.provider.UnknownIdCache;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Portals by public id, with ids found missing remembered for a minute ({@link UnknownIdCache}). */
public final class NegativeCachingPortals implements PortalRepository {
    private final PortalRepository portals;
    private final UnknownIdCache unknown;

    public NegativeCachingPortals(PortalRepository portals, Clock clock) {
        this.portals = portals;
        this.unknown = new UnknownIdCache(UnknownIdCache.DEFAULT_TTL, UnknownIdCache.DEFAULT_CAPACITY, clock);
    }

    @Override
    public void create(Portal portal) {
        portals.create(portal);
        unknown.forget(portal.id());
    }

    @Override
    public Optional<Portal> find(String portalId) {
        String key = String.valueOf(portalId);
        if (unknown.isKnownUnknown(key)) {
            return Optional.empty();
        }
        Optional<Portal> portal = portals.find(portalId);
        if (portal.isEmpty()) {
            unknown.rememberUnknown(key);
        }
        return portal;
    }

    @Override
    public void update(Portal portal) {
        portals.update(portal);
    }

    @Override
    public Page<Portal> list(String resellerId, PageRequest page) {
        return portals.list(resellerId, page);
    }

    @Override
    public List<Portal> listAll(String resellerId) {
        return portals.listAll(resellerId);
    }
}
