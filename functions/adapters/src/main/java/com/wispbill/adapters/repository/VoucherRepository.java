package com.wispbill.adapters.repository;

import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public interface VoucherRepository {

    /**
     * Outcome of storing one provisioning part of a batch: stored (no collided codes), or nothing stored
     * because these codes already exist (in any reseller's vouchers): the caller draws new ones and tries again.
     */
    record PartInsert(List<String> collidedCodes) {
        public PartInsert {
            collidedCodes = List.copyOf(collidedCodes);
        }

        public boolean stored() {
            return collidedCodes.isEmpty();
        }

        @Override
        public String toString() {
            // Codes are secrets: count them, never print them.
            return "PartInsert[collided=" + collidedCodes.size() + "]";
        }
    }

    /**
     * Stores the vouchers of part {@code part} of {@code batch} (GENERATING) and a record of the part naming
     * them, all in one transaction: the part is stored whole, once. Parts are independent of each other and of
     * the batch item, so several can be stored at the same time (and while the router driver confirms earlier
     * parts on the batch). Fails with {@link com.wispbill.domain.ConflictException} if the part is stored
     * already (another worker is on the batch).
     */
    PartInsert insertPart(VoucherBatch batch, int part, List<Voucher> vouchers);

    /**
     * Records part {@code part} of {@code batch} as made of vouchers stored before parts were recorded (an earlier
     * generator stored them without a record): only the record is written, naming them, with how many such vouchers
     * each router of the batch had ({@code earlierPerRouter}, in the batch's router order), so every later run cuts
     * the batch the same way. Fails with {@link com.wispbill.domain.ConflictException} if the part is recorded already.
     */
    void recordEarlierPart(VoucherBatch batch, int part, List<String> voucherIds, List<Integer> earlierPerRouter);

    /**
     * The parts of a batch recorded so far ({@link #insertPart}, {@link #recordEarlierPart}).
     *
     * @param voucherIds       by part number, the ids of its vouchers
     * @param earlierPerRouter for a batch partly stored before parts were recorded, how many of those vouchers each
     *                         router had (empty otherwise)
     */
    record StoredParts(Map<Integer, List<String>> voucherIds, List<Integer> earlierPerRouter) {
        public StoredParts {
            voucherIds = Map.copyOf(voucherIds);
            earlierPerRouter = List.copyOf(earlierPerRouter);
        }

        public int vouchers() {
            return voucherIds.values().stream().mapToInt(List::size).sum();
        }
    }

    /** The parts of a batch recorded so far; read strongly consistent, so a resumed run knows exactly what is stored. */
    StoredParts storedParts(String resellerId, String batchId);

    /**
     * Enlists a single new voucher in {@code tx}, e.g. the voucher a portal payment buys, created in the
     * payment's transaction: NEW, or ACTIVE when the same transaction queues its hotspot user. If the code already exists the whole transaction fails with a
     * {@link com.wispbill.domain.ConflictException} (chance per insert: about n/2^50 with n vouchers
     * stored); the caller re-reads the payment and, if it is still pending, retries with a new code.
     */
    void insert(Voucher voucher, WriteTransaction tx);

    /** By code as typed (normalised here); empty for unknown codes and other resellers' vouchers. */
    Optional<Voucher> findByCode(String resellerId, String code);

    /** Through an index: eventually consistent, a voucher stored a moment ago may not be found yet. */
    Optional<Voucher> findById(String resellerId, String voucherId);

    default Voucher getById(String resellerId, String voucherId) {
        return findById(resellerId, voucherId).orElseThrow(() -> new NotFoundException("Voucher", voucherId));
    }

    /** The vouchers of a batch in generation order. */
    Page<Voucher> listBatch(String resellerId, String batchId, PageRequest page);

    /**
     * Stores {@code next} (same voucher, e.g. after {@link Voucher#firstUse}) if the stored status is
     * still {@code current}'s; otherwise {@link com.wispbill.domain.ConflictException}, e.g. "voucher
     * already redeemed".
     */
    void transition(Voucher current, Voucher next);

    /** As {@link #transition(Voucher, Voucher)}, as part of {@code tx}. */
    void transition(Voucher current, Voucher next, WriteTransaction tx);

    /**
     * Vouchers whose validity ends before {@code before}, looking back to {@code from} (the sweeper's
     * previous run minus a safety margin). Only vouchers still awaiting expiry are indexed.
     */
    Page<Voucher> findDue(Instant from, Instant before, PageRequest page);
}
