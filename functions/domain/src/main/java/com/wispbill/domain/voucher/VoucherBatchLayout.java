package com.wispbill.domain.voucher;

import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.routercommand.RouterCommandBulk;
import java.util.ArrayList;
import java.util.List;

/**
 * How a voucher batch is cut into provisioning parts before any of its vouchers exists. Per router of the
 * batch (in the batch's order) its share of the quantity, dealt round robin (the first routers get one more
 * when the quantity does not divide), in parts of up to {@link #USERS_PER_PART} users, numbered 0… across
 * routers; the first part of each router also carries the plan's profile, so every part fits one bulk of
 * {@link RouterCommandBulk#MAX_COMMANDS}. A part is stored in one transaction with its vouchers and queued as
 * one bulk, so the part is the unit of progress: the same batch always has the same parts, whichever run
 * stores them, and each part number always means the same vouchers.
 *
 * @param parts every part, by number
 */
public record VoucherBatchLayout(List<Part> parts) {
    /** Users of a part: a bulk's commands less the profile (and, stored, a transaction's writes less the part's record). */
    public static final int USERS_PER_PART = RouterCommandBulk.MAX_COMMANDS - 1;

    /**
     * @param number   the part's number in the batch, 0…
     * @param routerId the router its users go to
     * @param users    how many vouchers (hotspot users) it carries; 0 only for a router that gets no voucher
     * @param first    the router's first part, which also carries the plan's profile
     * @param earlier  made of vouchers an earlier generator stored without recording parts: recorded, not drawn
     */
    public record Part(int number, String routerId, int users, boolean first, boolean earlier) {
        public Part(int number, String routerId, int users, boolean first) {
            this(number, routerId, users, first, false);
        }
    }

    public VoucherBatchLayout {
        parts = List.copyOf(parts);
    }

    public static VoucherBatchLayout of(VoucherBatch batch) {
        return of(batch, List.of());
    }

    /**
     * The layout of a batch of which {@code earlierPerRouter} vouchers per router (in the batch's router order; empty:
     * none) were stored before parts were recorded. Each router's earlier vouchers come first, in their own parts; the
     * rest of its share follows in new parts, so the batch still ends with exactly its quantity (should a router hold
     * more earlier vouchers than its share, the last routers get that many fewer new ones).
     */
    public static VoucherBatchLayout of(VoucherBatch batch, List<Integer> earlierPerRouter) {
        List<String> routers = batch.routerIds();
        if (!earlierPerRouter.isEmpty() && earlierPerRouter.size() != routers.size()) {
            throw new IllegalArgumentException("earlier vouchers counted for " + earlierPerRouter.size() + " of the "
                    + routers.size() + " routers of batch " + batch.id());
        }
        int[] earlier = new int[routers.size()];
        int[] fresh = new int[routers.size()];
        int excess = 0;
        for (int r = 0; r < routers.size(); r++) {
            int share = batch.quantity() / routers.size() + (r < batch.quantity() % routers.size() ? 1 : 0);
            earlier[r] = earlierPerRouter.isEmpty() ? 0 : earlierPerRouter.get(r);
            fresh[r] = Math.max(0, share - earlier[r]);
            excess += Math.max(0, earlier[r] - share);
        }
        for (int r = routers.size() - 1; r >= 0 && excess > 0; r--) {
            int given = Math.min(excess, fresh[r]);
            fresh[r] -= given;
            excess -= given;
        }
        List<Part> parts = new ArrayList<>();
        for (int r = 0; r < routers.size(); r++) {
            int before = parts.size();
            addParts(parts, routers.get(r), earlier[r], true, before);
            addParts(parts, routers.get(r), fresh[r], false, before);
            if (parts.size() == before) {
                parts.add(new Part(before, routers.get(r), 0, true, false));
            }
        }
        return new VoucherBatchLayout(parts);
    }

    private static void addParts(List<Part> parts, String routerId, int users, boolean earlier, int routersFirst) {
        for (int from = 0; from < users; from += USERS_PER_PART) {
            parts.add(new Part(parts.size(), routerId, Math.min(USERS_PER_PART, users - from), parts.size() == routersFirst,
                    earlier));
        }
    }

    public Part part(int number) {
        return parts.get(number);
    }

    /**
     * The order in which parts are stored and queued: every router's first part (its profile must reach the
     * router before its users do), then the others with the routers interleaved, so every router's queue
     * gets work early.
     */
    public List<List<Part>> waves() {
        List<Part> firsts = parts.stream().filter(Part::first).toList();
        List<Part> later = new ArrayList<>();
        for (int round = 1; later.size() + firsts.size() < parts.size(); round++) {
            for (Part first : firsts) {
                int number = first.number() + round;
                if (number < parts.size() && !parts.get(number).first()
                        && parts.get(number).routerId().equals(first.routerId())) {
                    later.add(parts.get(number));
                }
            }
        }
        return List.of(firsts, later);
    }
}
