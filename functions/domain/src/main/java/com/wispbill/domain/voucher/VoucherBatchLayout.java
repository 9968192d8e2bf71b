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
     */
    public record Part(int number, String routerId, int users, boolean first) {
    }

    public VoucherBatchLayout {
        parts = List.copyOf(parts);
    }

    public static VoucherBatchLayout of(VoucherBatch batch) {
        List<String> routers = batch.routerIds();
        List<Part> parts = new ArrayList<>();
        for (int r = 0; r < routers.size(); r++) {
            int users = batch.quantity() / routers.size() + (r < batch.quantity() % routers.size() ? 1 : 0);
            int from = 0;
            do {
                int size = Math.min(USERS_PER_PART, users - from);
                parts.add(new Part(parts.size(), routers.get(r), size, from == 0));
                from += size;
            } while (from < users);
        }
        return new VoucherBatchLayout(parts);
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
