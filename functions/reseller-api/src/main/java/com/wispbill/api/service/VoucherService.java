package com.wispbill.api.service;

import com.wispbill.adapters.outbox.OutboxDelivery;
import com.wispbill.adapters.repository.OutboxMessage;
import com.wispbill.adapters.repository.OutboxRepository;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.VoucherBatchRepository;
import com.wispbill.adapters.repository.Transactions;
import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.adapters.repository.VoucherRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.IllegalStateTransitionException;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.RouterReach;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.domain.routercommand.DisableHotspotUser;
import com.wispbill.domain.routercommand.KickHotspotUser;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.time.Clock;
import java.util.ArrayList;
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
    private final RouterRepository routers;
    private final Transactions transactions;
    private final OutboxRepository outbox;
    private final OutboxDelivery delivery;
    private final Clock clock;

    public VoucherService(VoucherRepository vouchers, VoucherBatchRepository batches, RouterRepository routers,
                          Transactions transactions, OutboxRepository outbox, OutboxDelivery delivery, Clock clock) {
        this.vouchers = vouchers;
        this.batches = batches;
        this.routers = routers;
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

    /** A voucher as the API shows it; {@code pendingReason}: why a NEW one is not on its router yet. */
    public record SeenVoucher(Voucher voucher, Optional<String> pendingReason) {
    }

    /**
     * A NEW voucher is not on its router yet: a batch's until the batch is READY (the batch says why), a portal sale's
     * until the router driver confirms its hotspot user (PENDING_ROUTER, like its payment's grant).
     */
    public SeenVoucher get(Reseller reseller, String voucherId) {
        return seen(reseller, vouchers.getById(reseller.id(), voucherId));
    }

    /** A stored voucher as every view shows it (by id, by printed code): the one place its shown status is derived. */
    private SeenVoucher seen(Reseller reseller, Voucher voucher) {
        if (voucher.status() != VoucherStatus.NEW) {
            return new SeenVoucher(voucher, Optional.empty());
        }
        // A portal sale has no batch item: its voucher says what the view needs, so no batch is read for it.
        Optional<VoucherBatch> batch = voucher.isPortalSale() ? Optional.empty() : batches.find(reseller.id(), voucher.batchId());
        if (batch.isPresent()) {
            Voucher seen = asSeen(voucher, batch.get());
            return new SeenVoucher(seen, seen.status() == VoucherStatus.NEW ? batch.get().pendingReason() : Optional.empty());
        }
        return new SeenVoucher(voucher, voucher.soldAt().map(sold -> RouterReach.grantPendingReason(voucher.routerId(),
                routers.hasBeenReached(reseller.id(), voucher.routerId()))));
    }

    /**
     * A batch's vouchers are stored once, NEW; whether they are on their router is the batch's state: a NEW
     * voucher of a READY batch is shown ACTIVE, of a PENDING_ROUTER one stays NEW (not sellable yet).
     */
    static Voucher asSeen(Voucher voucher, VoucherBatch batch) {
        return voucher.status() == VoucherStatus.NEW && batch.isProvisioned() ? voucher.provisioned() : voucher;
    }

    public Voucher revoke(Reseller reseller, String voucherId) {
        return revoke(reseller, voucherId, Optional.empty());
    }

    /** Revokes with the reseller's reason kept on the voucher (a revoked voucher keeps its first reason). */
    public Voucher revoke(Reseller reseller, String voucherId, Optional<String> reason) {
        Voucher current = vouchers.getById(reseller.id(), voucherId);
        Voucher revoked = current.status() == VoucherStatus.REVOKED ? current : current.revoke(reason);
        List<OutboxMessage> messages = revokeCommands(reseller, current);
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

    /** The voucher as printed on a card or typed by a customer: any case, with or without dashes and spaces. */
    public SeenVoucher findByPrintedCode(Reseller reseller, String printed) {
        String code = VoucherCodes.normalize(printed);
        return seen(reseller, vouchers.findByCode(reseller.id(), code)
                .orElseThrow(() -> new NotFoundException("Voucher", "with that code")));
    }

    /** What voiding one page of a batch did; {@code nextCursor}: call again with it until it is empty. */
    public record VoidedPage(int voided, int skipped, Optional<String> nextCursor) {
    }

    /**
     * Voids the unsold, unused vouchers (NEW or ACTIVE, never sold) of one page of a batch, as revokes with
     * {@code reason}: each voucher's conditional transition and its disable and kick commands go through the
     * outbox in transactions of {@link #VOID_VOUCHERS_PER_TRANSACTION} vouchers. Sold, used, expired and revoked
     * ones are left as they are (someone holds them). Paged so one call stays well inside the API's time limit; a
     * voucher that changed meanwhile (sold, first login) fails its transaction's condition and that transaction is
     * retried once per voucher so the others still go.
     */
    public VoidedPage voidBatch(Reseller reseller, String batchId, Optional<String> reason, PageRequest page) {
        reason.ifPresent(r -> checkReason(r));
        batches.get(reseller.id(), batchId);
        Page<Voucher> read = vouchers.listBatch(reseller.id(), batchId, page);
        List<Voucher> voidable = read.items().stream()
                .filter(v -> (v.status() == VoucherStatus.NEW || v.status() == VoucherStatus.ACTIVE) && v.soldAt().isEmpty())
                .toList();
        int voided = 0;
        for (int from = 0; from < voidable.size(); from += VOID_VOUCHERS_PER_TRANSACTION) {
            List<Voucher> chunk = voidable.subList(from, Math.min(voidable.size(), from + VOID_VOUCHERS_PER_TRANSACTION));
            try {
                voided += voidAll(reseller, chunk, reason);
            } catch (ConflictException | IllegalStateTransitionException e) {
                for (Voucher one : chunk) {
                    try {
                        Voucher fresh = vouchers.getById(reseller.id(), one.id());
                        if ((fresh.status() == VoucherStatus.NEW || fresh.status() == VoucherStatus.ACTIVE) && fresh.soldAt().isEmpty()) {
                            voided += voidAll(reseller, List.of(fresh), reason);
                        }
                    } catch (ConflictException | IllegalStateTransitionException again) {
                        // Sold or used right now: it is someone's, leave it.
                    }
                }
            }
        }
        return new VoidedPage(voided, read.items().size() - voided, read.nextCursor());
    }

    static final int VOID_VOUCHERS_PER_TRANSACTION = 30;

    private int voidAll(Reseller reseller, List<Voucher> chunk, Optional<String> reason) {
        WriteTransaction tx = transactions.begin();
        List<OutboxMessage> messages = new ArrayList<>();
        for (Voucher v : chunk) {
            vouchers.transition(v, v.revoke(reason), tx);
            List<OutboxMessage> commands = revokeCommands(reseller, v);
            commands.forEach(m -> outbox.add(m, tx));
            messages.addAll(commands);
        }
        tx.commit();
        delivery.deliverAll(messages);
        return chunk.size();
    }

    private List<OutboxMessage> revokeCommands(Reseller reseller, Voucher voucher) {
        return List.of(
                OutboxMessage.of(new RouterCommandEnvelope(voucher.id() + "-revoke-disable", reseller.id(),
                        voucher.routerId(), clock.instant(), new DisableHotspotUser(voucher.code()))),
                OutboxMessage.of(new RouterCommandEnvelope(voucher.id() + "-revoke-kick", reseller.id(),
                        voucher.routerId(), clock.instant(), new KickHotspotUser(voucher.code()))));
    }

    /** The reason rule of {@link Voucher}, checked before anything is read. */
    public static void checkReason(String reason) {
        boolean ok = !reason.isBlank() && reason.strip().length() <= Voucher.MAX_REVOKE_REASON
                && reason.chars().noneMatch(Character::isISOControl);
        if (!ok) {
            throw new ValidationException("reason", "must be 1-" + Voucher.MAX_REVOKE_REASON + " printable characters");
        }
    }

    private static VoucherStatus parseStatus(String text) {
        try {
            return VoucherStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("status", "must be one of NEW, ACTIVE, USED, EXPIRED, REVOKED");
        }
    }
}
