package com.wispbill.router.poll;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.RouterDriverStateRepository;
import com.wispbill.domain.Router;
import com.wispbill.domain.routerdriver.DesiredObjectKind;
import com.wispbill.domain.routerdriver.DesiredRouterObject;
import com.wispbill.domain.routerdriver.RouterDrift;
import com.wispbill.router.operations.OperationResult;
import com.wispbill.router.operations.RouterInventory;
import com.wispbill.router.operations.RouterOperations;
import com.wispbill.router.routeros.RouterObjectNotFoundException;
import com.wispbill.router.routeros.RouterOsException;
import com.wispbill.router.routeros.RouterOsFormats;
import com.wispbill.router.routeros.RouterOsTrapException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a router match its desired-state journal. The router is read first (two prints), then the
 * journal is paged through: every object on the router that billing created has a journal entry
 * written before it was created, so it is found; entries written after the router was read (less
 * {@link #JOURNAL_CLOCK_MARGIN}) belong to commands still in flight and are left to the command
 * consumer.
 *
 * <ul>
 *   <li>{@code ENABLED} with an ensure: the ensure is applied against the row read (create if missing,
 *       set what differs); a user disabled behind billing's back is enabled.</li>
 *   <li>{@code DISABLED}: enabled items are disabled and their sessions kicked.</li>
 *   <li>{@code REMOVED}: items still there are removed and their sessions kicked.</li>
 *   <li>Hotspot users and PPP secrets without any entry (not dynamic): disabled and kicked, not removed,
 *       so an operator's own account can be restored by hand.</li>
 * </ul>
 * A change the router refuses is counted as failed and the rest goes on.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /** Allowed clock difference between the driver instance that journals and the one that reconciles. */
    static final Duration JOURNAL_CLOCK_MARGIN = Duration.ofSeconds(5);
    private static final int JOURNAL_PAGE = 500;

    private final RouterDriverStateRepository journal;
    private final Clock clock;

    public Reconciler(RouterDriverStateRepository journal, Clock clock) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public RouterDrift reconcile(Router router, RouterOperations operations) throws RouterOsException {
        Instant readAt = clock.instant();
        RouterInventory inventory = operations.inventory();
        Instant newestToAct = readAt.minus(JOURNAL_CLOCK_MARGIN);
        Counts counts = new Counts();
        Set<String> knownHotspot = new HashSet<>();
        Set<String> knownPpp = new HashSet<>();
        PageRequest page = PageRequest.first(JOURNAL_PAGE);
        while (true) {
            Page<DesiredRouterObject> entries = journal.listDesired(router.resellerId(), router.id(), page);
            for (DesiredRouterObject entry : entries.items()) {
                boolean hotspot = entry.kind() == DesiredObjectKind.HOTSPOT_USER;
                if (hotspot) {
                    knownHotspot.add(entry.name());
                } else if (entry.kind() == DesiredObjectKind.PPP_SECRET) {
                    knownPpp.add(entry.name());
                }
                if (entry.journaledAt().isAfter(newestToAct)) {
                    continue;
                }
                try {
                    reconcileEntry(entry, inventory, operations, counts);
                } catch (RouterOsTrapException | RouterObjectNotFoundException e) {
                    counts.failed++;
                    LOG.warn("reconcile of {} on router {}: {}", entry.kind(),
                            DesiredRouterObject.loggableName(entry.kind(), entry.name()), e.getMessage());
                }
            }
            if (!entries.hasMore()) {
                break;
            }
            page = page.next(entries);
        }
        disableUnknown(true, inventory.hotspotUsers(), knownHotspot, operations, counts);
        disableUnknown(false, inventory.pppSecrets(), knownPpp, operations, counts);
        RouterDrift drift = new RouterDrift(counts.missing, counts.changed, counts.shouldBeDisabled,
                counts.shouldBeRemoved, counts.unknown, counts.failed, readAt);
        LOG.info("reconciled router {}: {} differences fixed ({} missing, {} changed, {} to disable, {} to remove, "
                        + "{} unknown), {} failed", router.id(), drift.total(), drift.missing(), drift.changed(),
                drift.shouldBeDisabled(), drift.shouldBeRemoved(), drift.unknown(), drift.failed());
        return drift;
    }

    private static void reconcileEntry(DesiredRouterObject entry, RouterInventory inventory, RouterOperations operations,
                                       Counts counts) throws RouterOsException {
        switch (entry.kind()) {
            case HOTSPOT_USER, PPP_SECRET -> {
                boolean hotspot = entry.kind() == DesiredObjectKind.HOTSPOT_USER;
                List<Map<String, String>> rows = (hotspot ? inventory.hotspotUsers() : inventory.pppSecrets())
                        .getOrDefault(entry.name(), List.of());
                switch (entry.state()) {
                    case ENABLED -> {
                        if (entry.ensure().isPresent()) {
                            count(operations.ensureKnown(entry.ensure().get(), rows), counts);
                        }
                        if (!rows.isEmpty() && operations.enableKnown(hotspot, rows).changedRouter()) {
                            counts.changed++;
                        }
                    }
                    case DISABLED -> {
                        if (operations.disableKnown(hotspot, rows).changedRouter()) {
                            counts.shouldBeDisabled++;
                            operations.kickSessions(hotspot, entry.name());
                        }
                    }
                    case REMOVED -> {
                        if (operations.removeKnown(hotspot, rows).changedRouter()) {
                            counts.shouldBeRemoved++;
                            operations.kickSessions(hotspot, entry.name());
                        }
                    }
                }
            }
            case HOTSPOT_PROFILE, PPP_PROFILE -> {
                if (entry.ensure().isPresent()) {
                    count(operations.apply(entry.ensure().get()), counts);
                }
            }
        }
    }

    private static void count(OperationResult result, Counts counts) {
        switch (result.outcome()) {
            case CREATED -> counts.missing++;
            case UPDATED -> counts.changed++;
            case REMOVED, UNCHANGED -> {
            }
        }
    }

    private static void disableUnknown(boolean hotspot, Map<String, List<Map<String, String>>> onRouter,
                                       Set<String> known, RouterOperations operations, Counts counts)
            throws RouterOsException {
        for (Map.Entry<String, List<Map<String, String>>> entry : onRouter.entrySet()) {
            if (known.contains(entry.getKey())) {
                continue;
            }
            List<Map<String, String>> rows = entry.getValue().stream().filter(row -> !isDynamic(row)).toList();
            try {
                if (!rows.isEmpty() && operations.disableKnown(hotspot, rows).changedRouter()) {
                    counts.unknown++;
                    operations.kickSessions(hotspot, entry.getKey());
                }
            } catch (RouterOsTrapException e) {
                counts.failed++;
            }
        }
    }

    private static boolean isDynamic(Map<String, String> row) {
        String dynamic = row.get("dynamic");
        try {
            return dynamic != null && RouterOsFormats.parseBoolean(dynamic);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static final class Counts {
        int missing;
        int changed;
        int shouldBeDisabled;
        int shouldBeRemoved;
        int unknown;
        int failed;
    }
}
