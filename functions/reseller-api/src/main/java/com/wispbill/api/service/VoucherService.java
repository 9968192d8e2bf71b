package com.wispbill.api.service;

import com.wispbill.adapters.outbox.OutboxDelivery;
import com.wispbill.adapters.repository.OutboxMessage;
import com.wispbill.adapters.repository.OutboxRepository;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.VoucherBatchRepository;
import com.wispbill.adapters.repository.Transactions;
import com.wispbill.adapters.repository.VoucherRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.domain.routercommand.DisableHotspotUser;
import com.wispbill.domain.routercommand.KickHotspotUser;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Vouchers of the caller's batches. Revoking is a conditional state change (it loses against a
 * concurrent first login or expiry, which re-reads and tries again), and the router commands that
 * disable the hotspot user and end its sessions are written to the outbox in the same transaction:
 * sent right after the commit, or by the outbox relay if the queue is down or the function dies first.
 * Command ids are derived from the voucher, so revoking again re-sends the same commands, which the
 * FIFO queue deduplicates and the driver applies idempotently.
 */
public final class VoucherService {
    private final VoucherRepository vouchers;
    private final VoucherBatchRepository batches;
    private final Transactions transactions;
    private final OutboxRepository outbox;
    private final OutboxDelivery delivery;
    private final Clock clock;

    public VoucherService(VoucherRepository vouchers, VoucherBatchRepository batches, Transactions transactions,
                          OutboxRepository outbox, OutboxDelivery delivery, Clock clock) {
        this.vouchers = vouchers;
        this.batches = batches;
        this.transactions = transactions;
        this.outbox = outbox;
        this.delivery = delivery;
        this.clock = clock;
    }

    /**
     * One page of a batch's vouchers, optionally only those in {@code status}. Filtering happens on the
     * page read, so a filtered page can hold fewer than {@code limit} vouchers (even none) while
     * {@code nextCursor} says there is more.
     */
    public Page<Voucher> listBatch(Reseller reseller, String batchId, Optional<String> status, PageRequest page) {
        Optional<VoucherStatus> wanted = status.map(VoucherService::parseStatus);
        VoucherBatch batch = batches.get(reseller.id(), batchId);
        Page<Voucher> stored = vouchers.listBatch(reseller.id(), batchId, page);
        Page<Voucher> all = new Page<>(stored.items().stream().map(v -> asSeen(v, batch)).toList(), stored.nextCursor());
        return wanted.map(w -> new Page<>(all.items().stream().filter(v -> v.status() == w).toList(), all.nextCursor()))
                .orElse(all);
    }

    public Voucher get(Reseller reseller, String voucherId) {
        Voucher voucher = vouchers.getById(reseller.id(), voucherId);
        return voucher.status() == VoucherStatus.NEW
                ? batches.find(reseller.id(), voucher.batchId()).map(b -> asSeen(voucher, b)).orElse(voucher) : voucher;
    }

    /**
     * A batch's vouchers are stored once, NEW; whether they are on their router is the batch's state: a NEW
     * voucher of a READY batch is shown ACTIVE, of a PENDING_ROUTER one stays NEW (not sellable yet).
     */
    static Voucher asSeen(Voucher voucher, VoucherBatch batch) {
        return voucher.status() == VoucherStatus.NEW && batch.isProvisioned() ? voucher.provisioned() : voucher;
    }

    public Voucher revoke(Reseller reseller, String voucherId) {
        Voucher current = vouchers.getById(reseller.id(), voucherId);
        Voucher revoked = current.status() == VoucherStatus.REVOKED ? current : current.revoke();
        List<OutboxMessage> messages = List.of(
                OutboxMessage.of(new RouterCommandEnvelope(current.id() + "-revoke-disable", reseller.id(),
                        current.routerId(), clock.instant(), new DisableHotspotUser(current.code()))),
                OutboxMessage.of(new RouterCommandEnvelope(current.id() + "-revoke-kick", reseller.id(),
                        current.routerId(), clock.instant(), new KickHotspotUser(current.code()))));
        WriteTransaction tx = transactions.begin();
        if (revoked != current) {
            // The quota counts vouchers in generation; its batch gives it back when it is READY or FAILED.
            vouchers.transition(current, revoked, tx);
        }
        messages.forEach(m -> outbox.add(m, tx));
        tx.commit();
        // Committed: a send that fails now is the relay's to retry, not an error for the caller.
        delivery.deliverAll(messages);
        return revoked;
    }

    private static VoucherStatus parseStatus(String text) {
        try {
            return VoucherStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("status", "must be one of NEW, ACTIVE, USED, EXPIRED, REVOKED");
        }
    }
}
