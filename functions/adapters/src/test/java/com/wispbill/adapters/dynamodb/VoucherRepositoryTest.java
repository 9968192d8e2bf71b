package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.VoucherRepository.InsertResult;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.IllegalStateTransitionException;
import com.wispbill.domain.Plan;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.ValidityStart;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.VoucherStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VoucherRepositoryTest extends StoreTestSupport {
    private final VoucherCodes codes = new VoucherCodes();
    private Plan plan;

    @BeforeEach
    void plan() {
        plan = plan(A, "plan-daily").validityStart(ValidityStart.AT_FIRST_USE).build();
        store.plans().create(plan);
    }

    private VoucherBatch generatingBatch(String resellerId, int quantity) {
        VoucherBatch queued = VoucherBatch.order(resellerId, "plan-daily", List.of("router-1", "router-2"), quantity, clock);
        store.voucherBatches().create(queued);
        VoucherBatch generating = queued.startGenerating(clock);
        store.voucherBatches().update(queued, generating);
        return generating;
    }

    private List<Voucher> newVouchers(VoucherBatch batch, int n) {
        List<Voucher> vouchers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            vouchers.add(Voucher.create(codes.generate(10), batch.resellerId(), batch.id(), batch.planId(),
                    batch.routerIds().get(i % 2), clock));
        }
        return vouchers;
    }

    @Test
    void storesLargeBatchesInChunksAndCountsExactly() {
        VoucherBatch batch = generatingBatch(A, 250);
        List<Voucher> vouchers = newVouchers(batch, 250);
        InsertResult result = store.vouchers().insertForBatch(batch, vouchers);
        assertEquals(250, result.inserted().size());
        assertEquals(List.of(), result.collidedCodes());
        assertEquals(250, result.batch().generatedCount());
        assertEquals(250, store.voucherBatches().get(A, batch.id()).generatedCount());

        VoucherBatch pending = result.batch().pendingRouter(1, "waiting for the router", clock);
        store.voucherBatches().update(result.batch(), pending);
        new com.wispbill.adapters.voucher.VoucherBatchConfirmations(store.voucherBatches(), clock).confirm(A, batch.id(), 0);
        assertEquals(VoucherBatchStatus.READY, store.voucherBatches().get(A, batch.id()).status());

        // Listing the batch pages through every voucher exactly once, in generation order.
        Set<String> listed = new HashSet<>();
        List<String> order = new ArrayList<>();
        PageRequest request = PageRequest.first(100);
        Page<Voucher> page;
        do {
            page = store.vouchers().listBatch(A, batch.id(), request);
            page.items().forEach(v -> {
                listed.add(v.code());
                order.add(v.id());
            });
            request = request.next(page);
        } while (page.hasMore());
        assertEquals(250, listed.size());
        assertEquals(order.stream().sorted().toList(), order);
        assertEquals(List.of(), store.vouchers().listBatch(B, batch.id(), PageRequest.firstPage()).items());
    }

    @Test
    void collidingCodesAreReportedAndTheRestIsStored() {
        // Another reseller already owns a code that the generator happens to produce again.
        store.plans().create(plan(B, "plan-daily").build());
        VoucherBatch batchOfB = generatingBatch(B, 1);
        Voucher existing = newVouchers(batchOfB, 1).get(0);
        store.vouchers().insertForBatch(batchOfB, List.of(existing));

        VoucherBatch batch = generatingBatch(A, 5);
        List<Voucher> vouchers = new ArrayList<>(newVouchers(batch, 4));
        vouchers.add(2, Voucher.create(existing.code(), A, batch.id(), "plan-daily", "router-1", clock));
        InsertResult result = store.vouchers().insertForBatch(batch, vouchers);

        assertEquals(List.of(existing.code()), result.collidedCodes());
        assertEquals(4, result.inserted().size());
        assertEquals(4, result.batch().generatedCount());
        assertEquals(4, store.voucherBatches().get(A, batch.id()).generatedCount());
        // The other reseller's voucher is untouched and invisible to A.
        assertEquals(B, store.vouchers().findByCode(B, existing.code()).orElseThrow().resellerId());
        assertEquals(Optional.empty(), store.vouchers().findByCode(A, existing.code()));
        assertTrue(!result.toString().contains(existing.code()), "codes are never printed");

        // The generator replaces the collided code and finishes the batch.
        InsertResult rest = store.vouchers().insertForBatch(result.batch(), newVouchers(result.batch(), 1));
        assertEquals(5, rest.batch().generatedCount());
    }

    @Test
    void aPartIsStoredWholeOnceWithItsRecordAndACollidingCodeStoresNothing() {
        VoucherBatch batchOfB = generatingBatch(B, 1);
        Voucher existing = newVouchers(batchOfB, 1).get(0);
        store.vouchers().insertForBatch(batchOfB, List.of(existing));
        VoucherBatch batch = generatingBatch(A, 20);
        List<Voucher> part = new ArrayList<>(newVouchers(batch, 5));
        part.set(3, Voucher.create(existing.code(), A, batch.id(), batch.planId(), "router-2", clock));

        var collided = store.vouchers().insertPart(batch, 1, part);

        assertEquals(List.of(existing.code()), collided.collidedCodes());
        assertTrue(store.vouchers().storedParts(A, batch.id()).isEmpty(), "no record of a part not stored");
        assertTrue(store.vouchers().findByCode(A, part.get(0).code()).isEmpty(), "nothing of the part is stored");

        part.set(3, newVouchers(batch, 1).get(0));
        assertTrue(store.vouchers().insertPart(batch, 1, part).stored());
        assertTrue(store.vouchers().insertPart(batch, 0, newVouchers(batch, 2)).stored());

        var parts = store.vouchers().storedParts(A, batch.id());
        assertEquals(List.of(0, 1), List.copyOf(parts.keySet()));
        assertEquals(part.stream().map(Voucher::id).toList(), parts.get(1));
        assertEquals(7, listAll(A, batch.id()).size());
        // The batch item is not part of it: its count is the generator's to bring up to date.
        assertEquals(0, store.voucherBatches().get(A, batch.id()).generatedCount());
        // Part records are not listed (nor read) as batches.
        assertTrue(store.voucherBatches().list(A, PageRequest.first(100)).items().stream()
                .anyMatch(b -> b.id().equals(batch.id())));
        // A second worker storing the same part (with other codes) loses and stores nothing.
        List<Voucher> again = newVouchers(batch, 5);
        var e = assertThrows(ConflictException.class, () -> store.vouchers().insertPart(batch, 1, again));
        assertTrue(e.getMessage().contains("another worker"), e.getMessage());
        assertTrue(store.vouchers().findByCode(A, again.get(0).code()).isEmpty());
        assertEquals(7, listAll(A, batch.id()).size());
    }

    private List<Voucher> listAll(String resellerId, String batchId) {
        List<Voucher> all = new ArrayList<>();
        PageRequest request = PageRequest.first(100);
        Page<Voucher> page;
        do {
            page = store.vouchers().listBatch(resellerId, batchId, request);
            all.addAll(page.items());
            request = request.next(page);
        } while (page.hasMore());
        return all;
    }

    @Test
    void aSecondWorkerOnTheSameBatchLoses() {
        VoucherBatch batch = generatingBatch(A, 20);
        store.vouchers().insertForBatch(batch, newVouchers(batch, 10));
        // A redelivered message still holding the old batch state must not add vouchers.
        var e = assertThrows(ConflictException.class, () -> store.vouchers().insertForBatch(batch, newVouchers(batch, 10)));
        assertTrue(e.getMessage().contains("changed by another worker"), e.getMessage());
        assertEquals(10, store.voucherBatches().get(A, batch.id()).generatedCount());
        assertEquals(10, store.vouchers().listBatch(A, batch.id(), PageRequest.firstPage()).items().size());
    }

    @Test
    void rejectsVouchersThatDoNotBelongToTheBatchBeforeWriting() {
        VoucherBatch batch = generatingBatch(A, 2);
        Voucher foreign = Voucher.create(codes.generate(10), A, batch.id(), "plan-daily", "router-7", clock);
        assertThrows(IllegalArgumentException.class, () -> store.vouchers().insertForBatch(batch, List.of(foreign)));
        assertThrows(IllegalArgumentException.class, () -> store.vouchers().insertForBatch(batch, newVouchers(batch, 3)));
        assertEquals(0, store.voucherBatches().get(A, batch.id()).generatedCount());
    }

    @Test
    void redemptionIsConditionalSoOnlyOneFirstLoginWins() {
        VoucherBatch batch = generatingBatch(A, 1);
        Voucher stored = store.vouchers().insertForBatch(batch, newVouchers(batch, 1)).inserted().get(0);
        Voucher active = stored.provisioned();
        store.vouchers().transition(stored, active);

        String typed = VoucherCodes.group(stored.code()).toLowerCase();
        Voucher read = store.vouchers().findByCode(A, typed).orElseThrow();
        assertEquals(active, read);
        assertEquals(active, store.vouchers().getById(A, active.id()));
        assertEquals(Optional.empty(), store.vouchers().findById(B, active.id()));

        Instant login = START.plus(Duration.ofHours(1));
        Voucher used = read.firstUse(login, plan, NAIROBI);
        store.vouchers().transition(read, used);
        Voucher secondLoginFromStaleRead = read.firstUse(login.plusSeconds(5), plan, NAIROBI);
        var e = assertThrows(ConflictException.class, () -> store.vouchers().transition(read, secondLoginFromStaleRead));
        assertTrue(e.getMessage().contains("already redeemed"), e.getMessage());
        assertTrue(!e.getMessage().contains(stored.code()), "the code is a secret");
        assertEquals(used, store.vouchers().findByCode(A, stored.code()).orElseThrow());

        assertThrows(IllegalStateTransitionException.class, () -> store.vouchers().transition(used, read));
        assertEquals(Optional.empty(), store.vouchers().findByCode(A, "not a code"));
    }

    @Test
    void runningVouchersAreFoundDueThroughTheExpiryIndexUntilExpired() {
        VoucherBatch batch = generatingBatch(A, 3);
        List<Voucher> stored = store.vouchers().insertForBatch(batch, newVouchers(batch, 3)).inserted();
        Instant login = Instant.parse("2026-11-22T10:30:00Z");
        List<Voucher> used = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Voucher active = stored.get(i).provisioned();
            store.vouchers().transition(stored.get(i), active);
            Voucher u = active.firstUse(login.plus(Duration.ofHours(i)), plan, NAIROBI);
            store.vouchers().transition(active, u);
            used.add(u);
        }
        // Expiries: 23 Nov 10:30, 11:30, 12:30 UTC. Due by 11:30 inclusive: the first two.
        Instant from = Instant.parse("2026-11-23T00:00:00Z");
        Page<Voucher> due = store.vouchers().findDue(from, Instant.parse("2026-11-23T11:30:00Z"), PageRequest.firstPage());
        assertEquals(List.of(used.get(0).id(), used.get(1).id()), due.items().stream().map(Voucher::id).toList());

        clock.set(Instant.parse("2026-11-23T11:30:00Z"));
        Voucher expired = used.get(0).expire(clock);
        store.vouchers().transition(used.get(0), expired);
        Page<Voucher> again = store.vouchers().findDue(from, Instant.parse("2026-11-23T11:30:00Z"), PageRequest.firstPage());
        assertEquals(List.of(used.get(1).id()), again.items().stream().map(Voucher::id).toList());
        assertEquals(VoucherStatus.EXPIRED, store.vouchers().getById(A, used.get(0).id()).status());
    }

    @Test
    void expiryCursorsPageAcrossHourBuckets() {
        VoucherBatch batch = generatingBatch(A, 5);
        List<Voucher> stored = store.vouchers().insertForBatch(batch, newVouchers(batch, 5)).inserted();
        Instant login = Instant.parse("2026-11-22T08:10:00Z");
        for (int i = 0; i < 5; i++) {
            Voucher active = stored.get(i).provisioned();
            store.vouchers().transition(stored.get(i), active);
            // Five expiries in five different hour buckets.
            store.vouchers().transition(active, active.firstUse(login.plus(Duration.ofMinutes(70L * i)), plan, NAIROBI));
        }
        Instant from = Instant.parse("2026-11-23T00:00:00Z");
        Instant dueBy = Instant.parse("2026-11-23T23:00:00Z");
        List<String> seen = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        Page<Voucher> page;
        do {
            page = store.vouchers().findDue(from, dueBy, request);
            page.items().forEach(v -> seen.add(v.id()));
            request = request.next(page);
        } while (page.hasMore());
        assertEquals(stored.stream().map(Voucher::id).toList(), seen);
        assertThrows(ValidationException.class, () -> store.vouchers().findDue(dueBy, from, PageRequest.firstPage()));
        assertThrows(ValidationException.class,
                () -> store.vouchers().findDue(from.minus(Duration.ofDays(40)), dueBy, PageRequest.firstPage()));
    }
}
