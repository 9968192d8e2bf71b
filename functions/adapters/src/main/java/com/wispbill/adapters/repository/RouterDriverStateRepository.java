package com.wispbill.adapters.repository;

import com.wispbill.domain.routerdriver.DesiredObjectKey;
import com.wispbill.domain.routerdriver.DesiredObjectKind;
import com.wispbill.domain.routerdriver.DesiredRouterObject;
import com.wispbill.domain.routerdriver.RouterCircuit;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The router driver's own items: which commands were applied (so a redelivery is skipped), each router's
 * circuit breaker, and each router's desired-state journal (what reconcile compares the router with).
 */
public interface RouterDriverStateRepository {

    /** True if {@link #markCommandApplied} was recorded for this command (strongly consistent). */
    boolean isCommandApplied(String resellerId, String commandId);

    /** Records that the command was applied; false if it already was (a conditional put). Expires after two weeks. */
    boolean markCommandApplied(String resellerId, String routerId, String commandId, Instant appliedAt);

    /** The router's circuit, {@link RouterCircuit#closed} if none was stored. */
    RouterCircuit circuit(String resellerId, String routerId);

    /** Stores {@code next} if the stored version is still {@code next.version() - 1}; false if another writer won. */
    boolean saveCircuit(RouterCircuit next);

    Optional<DesiredRouterObject> findDesired(String resellerId, String routerId, DesiredObjectKind kind, String name);

    /**
     * The journal entries of many objects of one router in one read (strongly consistent, batched);
     * objects without an entry are absent from the map.
     */
    Map<DesiredObjectKey, DesiredRouterObject> findDesired(String resellerId, String routerId,
                                                           Collection<DesiredObjectKey> keys);

    /** Which of {@code commandIds} were recorded by {@link #markCommandApplied} (one batched read). */
    Set<String> appliedCommands(String resellerId, Collection<String> commandIds);

    /**
     * Stores journal entries without conditions, 25 per request ({@code BatchWriteItem}): for the command
     * consumer, the only writer of a router's journal, which reads the entries just before and handles
     * one router's messages one at a time (the FIFO group).
     */
    void saveDesiredAll(java.util.List<DesiredRouterObject> entries);

    /** One page of the router's journal, every kind. */
    Page<DesiredRouterObject> listDesired(String resellerId, String routerId, PageRequest page);
}
