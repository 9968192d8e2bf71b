package com.wispbill.router.poll;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.domain.Router;
import com.wispbill.domain.messages.RouterPollJob;
import com.wispbill.domain.messages.RouterPollQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The every-minute schedule's whole job: one poll job per active router onto {@code router-polls},
 * resellers interleaved (one router of each in turn), so a reseller with a thousand routers does not
 * queue ahead of one with three. The poll itself runs in the workers, as many at once as the event
 * source's maximum concurrency allows: a slow router holds up only its own worker.
 */
public final class PollScheduler {
    private static final int ROUTER_PAGE = 100;

    private final RouterRepository routers;
    private final RouterPollQueue queue;
    private final Clock clock;

    public PollScheduler(RouterRepository routers, RouterPollQueue queue, Clock clock) {
        this.routers = Objects.requireNonNull(routers, "routers");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Queues a job for every active router; returns how many. */
    public int enqueueAll() {
        Instant now = clock.instant();
        List<Router> active = new ArrayList<>();
        PageRequest page = PageRequest.first(ROUTER_PAGE);
        while (true) {
            Page<Router> routerPage = routers.listActiveForPolling(page);
            active.addAll(routerPage.items());
            if (!routerPage.hasMore()) {
                break;
            }
            page = page.next(routerPage);
        }
        List<RouterPollJob> jobs = interleaved(active).stream()
                .map(r -> new RouterPollJob(r.resellerId(), r.id(), now)).toList();
        queue.send(jobs);
        return jobs.size();
    }

    /** Round robin over resellers, in the order each first appears; each reseller's routers in their order. */
    static List<Router> interleaved(List<Router> routers) {
        Map<String, Deque<Router>> byReseller = new LinkedHashMap<>();
        routers.forEach(r -> byReseller.computeIfAbsent(r.resellerId(), k -> new ArrayDeque<>()).add(r));
        List<Router> out = new ArrayList<>(routers.size());
        while (out.size() < routers.size()) {
            for (Deque<Router> queue : byReseller.values()) {
                if (!queue.isEmpty()) {
                    out.add(queue.poll());
                }
            }
        }
        return out;
    }
}
