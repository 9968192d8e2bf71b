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
     * Outcome of storing generated vouchers. Codes are globally unique: a code that already exists (in
     * any reseller's vouchers) is not stored and is listed in {@code collidedCodes} so the caller can
     * generate replacements. {@code batch} is the batch as stored afterwards, its generated count
     * advanced by exactly the vouchers stored.
     */
    record InsertResult(List<Voucher> inserted, List<String> collidedCodes, VoucherBatch batch) {
        public InsertResult {
            inserted = List.copyOf(inserted);
            collidedCodes = List.copyOf(collidedCodes);
        }

        @Override
        public String toString() {
            // Codes are secrets: count them, never print them.
            return "InsertResult[inserted=" + inserted.size() + ", collided=" + collidedCodes.size() + ", batch=" + batch + "]";
        }
    }

    /**
     * Stores vouchers of {@code batch} (which must be GENERATING) in transactions that each also advance
     * the batch's generated count, so progress is exact even if the worker dies between chunks: a
     * redelivered order resumes from the stored count without creating extra vouchers. Fails with
     * {@link com.wispbill.domain.ConflictException} if the stored batch is no longer {@code batch}
     * (another worker is on it); chunks stored before that stay stored and counted.
     */
    InsertResult insertForBatch(VoucherBatch batch, List<Voucher> vouchers);

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
     * The parts of a batch stored so far ({@link #insertPart}), each with the ids of its vouchers; read
     * strongly consistent, so a resumed run knows exactly what is stored.
     */
    Map<Integer, List<String>> storedParts(String resellerId, String batchId);

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
