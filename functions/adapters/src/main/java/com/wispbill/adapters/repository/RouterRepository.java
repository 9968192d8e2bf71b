package com.wispbill.adapters.repository;

import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Router;
import com.wispbill.domain.RouterConnectionTest;
import com.wispbill.domain.RouterHealth;
import com.wispbill.domain.network.TunnelPool;
import com.wispbill.domain.routerdriver.RouterVitals;
import java.util.List;
import java.util.Optional;

public interface RouterRepository {
    void create(Router router);

    /**
     * Stores a new router reached through the hub, at the next free address of {@code pool}; returns it as
     * stored (with {@code tunnelAddress} and {@code host} set to that address). The address is held by an
     * allocation item written in the same transaction on condition that it does not exist, so no two
     * routers of any resellers share one, also when created at the same moment. A full pool is a
     * {@link com.wispbill.domain.ConflictException}.
     */
    Router createInTunnel(Router router, TunnelPool pool);

    /**
     * Replaces {@code current}, as it was read, with {@code next}: on condition that the stored router is still exactly
     * {@code current}, so a concurrent change (another PATCH, a retire) is never undone. A router changed meanwhile is a
     * {@link com.wispbill.domain.ConflictException} (read again and re-apply); a missing one a NotFoundException.
     */
    void replace(Router current, Router next);

    Optional<Router> find(String resellerId, String routerId);

    default Router get(String resellerId, String routerId) {
        return find(resellerId, routerId).orElseThrow(() -> new NotFoundException("Router", routerId));
    }

    Page<Router> list(String resellerId, PageRequest page);

    /** Every ACTIVE router of every reseller, for the scheduled poll (an index partition, not a scan). */
    Page<Router> listActiveForPolling(PageRequest page);

    /**
     * Stores a poll result unless a newer one is already stored (polls can finish out of order).
     * Returns whether it was stored.
     */
    boolean recordHealth(RouterHealth health);

    Optional<RouterHealth> findHealth(String resellerId, String routerId);

    /**
     * As {@link #recordHealth(RouterHealth)}, with the poll's extra figures and the last reconcile's drift
     * on the same item (same condition).
     */
    boolean recordHealth(RouterHealth health, RouterVitals vitals);

    /** The extra figures of the last successful poll stored with {@link #recordHealth(RouterHealth, RouterVitals)}. */
    Optional<RouterVitals> findVitals(String resellerId, String routerId);

    /** Health of all the reseller's routers that have been polled at least once. */
    List<RouterHealth> listHealth(String resellerId);

    /** Stores a newly requested connection test (PENDING), replacing the router's earlier one. */
    void requestConnectionTest(RouterConnectionTest test);

    /**
     * Stores a test's result if the router's stored test is still that one ({@code testId}); returns whether it
     * was stored (a newer request wins over a late result).
     */
    boolean recordConnectionTest(RouterConnectionTest result);

    Optional<RouterConnectionTest> findConnectionTest(String resellerId, String routerId);

    /** Whether the router has ever answered (see {@link com.wispbill.domain.RouterReach}): at most two reads. */
    default boolean hasBeenReached(String resellerId, String routerId) {
        Optional<RouterHealth> health = findHealth(resellerId, routerId);
        return com.wispbill.domain.RouterReach.reached(health,
                health.flatMap(RouterHealth::lastSeenAt).isPresent() ? Optional.empty() : findConnectionTest(resellerId, routerId));
    }

    /**
     * Deletes a RETIRED router with its health, connection test and tunnel address (free for a new router) in
     * one transaction, on condition that it is still RETIRED; {@link com.wispbill.domain.ConflictException} otherwise.
     */
    void deleteRetired(Router router);
}
