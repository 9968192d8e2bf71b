package com.wispbill.router.driver;

import com.wispbill.adapters.repository.RouterDriverStateRepository;
import com.wispbill.domain.routercommand.KickHotspotUser;
import com.wispbill.domain.routercommand.KickPppUser;
import com.wispbill.domain.routercommand.RouterCommandBulk;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.routerdriver.DesiredObjectKey;
import com.wispbill.domain.routerdriver.DesiredRouterObject;
import com.wispbill.router.routeros.RouterOsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * What one bulk message still has to do, from one batched read of its journal entries (and of the
 * applied markers of its kicks), and how it is done with at most one write per command.
 *
 * <p>The journal entry of a command is its applied marker too. Commands run in windows of
 * {@link #WINDOW}: window k's entries are written (one batch write) before window k is applied, and while
 * window k-1 is being applied. So an entry of window k on the table proves window k-2 was applied
 * completely. On a redelivery (a bulk that failed half way, or whose delete was lost) the commands whose
 * entry already carries their own command id are therefore skipped, except those of the last two
 * windows with such entries: they are applied again, which for these idempotent operations reads the
 * router and changes nothing already done. Kicks change no desired state and have no entry: they keep
 * their own applied record, written after the kick. A bulk applied completely has one more record (the
 * batch part it confirms, or its own applied record), so a redelivery after a success reads one item
 * and touches nothing.
 */
public final class BulkPlan {
    /**
     * Commands per journal window: one {@code BatchWriteItem} (its limit is 25 items), and small, so a
     * redelivery re-checks at most 2 × WINDOW commands.
     */
    public static final int WINDOW = 25;

    enum Action { SKIP, APPLY, JOURNAL_AND_APPLY, APPLY_AND_MARK }

    /** One command and what to do with it; {@code read}/{@code next} for the journal write. */
    record Item(RouterCommandEnvelope envelope, Action action, Optional<DesiredRouterObject> read,
                DesiredRouterObject next) {
    }

    @FunctionalInterface
    interface JournalWriter {
        /** Stores the entries (at most one per object), in one request. */
        void journal(List<DesiredRouterObject> entries);
    }

    @FunctionalInterface
    interface Applier {
        /** Applies the command; {@code marksApplied}: record it as applied afterwards (kicks). */
        void apply(RouterCommandEnvelope envelope, boolean marksApplied) throws RouterOsException;
    }

    private final List<Item> items;

    private BulkPlan(List<Item> items) {
        this.items = List.copyOf(items);
    }

    static BulkPlan of(RouterCommandBulk bulk, RouterDriverStateRepository state, Instant now) {
        List<RouterCommandEnvelope> commands = bulk.commands();
        List<DesiredObjectKey> keys = new ArrayList<>();
        List<String> kickIds = new ArrayList<>();
        for (RouterCommandEnvelope c : commands) {
            if (isKick(c)) {
                kickIds.add(c.commandId());
            } else {
                keys.add(DesiredObjectKey.of(c.command()));
            }
        }
        Map<DesiredObjectKey, DesiredRouterObject> working = new HashMap<>(keys.isEmpty() ? Map.of()
                : state.findDesired(bulk.resellerId(), bulk.routerId(), keys));
        Set<String> appliedKicks = kickIds.isEmpty() ? Set.of() : state.appliedCommands(bulk.resellerId(), kickIds);

        List<Item> items = new ArrayList<>(commands.size());
        boolean[] journaledBefore = new boolean[commands.size()];
        int lastJournaledWindow = -1;
        for (int i = 0; i < commands.size(); i++) {
            RouterCommandEnvelope c = commands.get(i);
            if (isKick(c)) {
                items.add(new Item(c, appliedKicks.contains(c.commandId()) ? Action.SKIP : Action.APPLY_AND_MARK,
                        Optional.empty(), null));
                continue;
            }
            DesiredObjectKey key = DesiredObjectKey.of(c.command());
            Optional<DesiredRouterObject> read = Optional.ofNullable(working.get(key));
            if (read.isPresent() && read.get().commandId().equals(c.commandId())) {
                journaledBefore[i] = true;
                lastJournaledWindow = Math.max(lastJournaledWindow, i / WINDOW);
                items.add(new Item(c, Action.APPLY, read, null));
                continue;
            }
            Optional<DesiredRouterObject> next = DesiredRouterObject.after(read, c, now);
            if (next.isEmpty()) {
                // Superseded: a newer command for the object was received (and applied) already.
                items.add(new Item(c, Action.SKIP, read, null));
                continue;
            }
            working.put(key, next.get());
            items.add(new Item(c, Action.JOURNAL_AND_APPLY, read, next.get()));
        }
        for (int i = 0; i < items.size(); i++) {
            if (journaledBefore[i] && i / WINDOW < lastJournaledWindow - 1) {
                Item item = items.get(i);
                items.set(i, new Item(item.envelope(), Action.SKIP, item.read(), null));
            }
        }
        return new BulkPlan(items);
    }

    boolean nothingToApply() {
        return items.stream().allMatch(i -> i.action() == Action.SKIP);
    }

    long toApply() {
        return items.stream().filter(i -> i.action() != Action.SKIP).count();
    }

    long skipped() {
        return items.size() - toApply();
    }

    /** Writes every journal entry and applies nothing (a router that is not active). */
    void journalAll(JournalWriter writer, ExecutorService pool) {
        for (int w = 0; w * WINDOW < items.size(); w++) {
            journalWindow(w, writer, pool).join();
        }
    }

    /** Journals and applies window by window, the next window's journal written while this one is applied. */
    void execute(JournalWriter writer, ExecutorService pool, Applier applier) throws RouterOsException {
        int windows = (items.size() + WINDOW - 1) / WINDOW;
        CompletableFuture<Void> journaled = journalWindow(0, writer, pool);
        try {
            for (int w = 0; w < windows; w++) {
                await(journaled);
                journaled = w + 1 < windows ? journalWindow(w + 1, writer, pool) : CompletableFuture.completedFuture(null);
                for (Item item : items.subList(w * WINDOW, Math.min(items.size(), (w + 1) * WINDOW))) {
                    if (item.action() != Action.SKIP) {
                        applier.apply(item.envelope(), item.action() == Action.APPLY_AND_MARK);
                    }
                }
            }
        } finally {
            // Never leave a write running past the message (a failure must not race a retry's read).
            try {
                journaled.join();
            } catch (RuntimeException ignored) {
                // the failure that matters is already on its way up
            }
        }
    }

    private CompletableFuture<Void> journalWindow(int window, JournalWriter writer, ExecutorService pool) {
        // The last entry per object: a bulk may name one object twice (a batch write refuses repeated keys).
        Map<DesiredObjectKey, DesiredRouterObject> entries = new java.util.LinkedHashMap<>();
        for (Item item : items.subList(Math.min(items.size(), window * WINDOW), Math.min(items.size(), (window + 1) * WINDOW))) {
            if (item.action() == Action.JOURNAL_AND_APPLY) {
                entries.put(DesiredObjectKey.of(item.next()), item.next());
            }
        }
        if (entries.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<DesiredRouterObject> batch = List.copyOf(entries.values());
        return CompletableFuture.runAsync(() -> writer.journal(batch), pool);
    }

    private static void await(CompletableFuture<Void> journaled) {
        try {
            journaled.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    static boolean isKick(RouterCommandEnvelope c) {
        return c.command() instanceof KickHotspotUser || c.command() instanceof KickPppUser;
    }
}
