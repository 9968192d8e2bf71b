package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
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

    /** The first {@code n} vouchers of a one-part batch, stored as the generator stores a part. */
    private List<Voucher> stored(VoucherBatch batch, int n) {
        List<Voucher> vouchers = newVouchers(batch, n);
        assertTrue(store.vouchers().insertPart(batch, 0, vouchers).stored());
        return vouchers;
    }

    @Test
    void aBatchStoredInPartsIsListedOncePerVoucherInGenerationOrder() {
        VoucherBatch batch = generatingBatch(A, 250);
        var layout = com.wispbill.domain.voucher.VoucherBatchLayout.of(batch);
        for (var part : layout.parts()) {
            List<Voucher> vouchers = new ArrayList<>();
            for (int i = 0; i < part.users(); i++) {
                vouchers.add(Voucher.create(codes.generate(10), A, batch.id(), batch.planId(), part.routerId(), clock));
            }
            assertTrue(store.vouchers().insertPart(batch, part.number(), vouchers).stored());
        }
        assertEquals(250, store.vouchers().storedParts(A, batch.id()).vouchers());

        VoucherBatch counted = batch.progress(250, clock);
        store.voucherBatches().update(batch, counted);
        VoucherBatch pending = counted.pendingRouter(layout.parts().size(), "waiting for the routers", clock);
        store.voucherBatches().update(counted, pending);
        var confirmations = new com.wispbill.adapters.voucher.VoucherBatchConfirmations(store.voucherBatches(), clock);
        layout.parts().forEach(part -> confirmations.confirm(A, batch.id(), part.number()));
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
    void aPartIsStoredWholeOnceWithItsRecordAndACollidingCodeStoresNothing() {
        // Another reseller already owns a code that the generator happens to produce again.
        Voucher existing = stored(generatingBatch(B, 1), 1).get(0);
        VoucherBatch batch = generatingBatch(A, 20);
        List<Voucher> part = new ArrayList<>(newVouchers(batch, 5));
        part.set(3, Voucher.create(existing.code(), A, batch.id(), batch.planId(), "router-2", clock));

        var collided = store.vouchers().insertPart(batch, 1, part);

        assertEquals(List.of(existing.code()), collided.collidedCodes());
        assertTrue(!collided.toString().contains(existing.code()), "codes are never printed");
        assertTrue(store.vouchers().storedParts(A, batch.id()).voucherIds().isEmpty(), "no record of a part not stored");
        // The other reseller's voucher is untouched and invisible to A.
        assertEquals(existing, store.vouchers().findByCode(B, existing.code()).orElseThrow());
        assertEquals(Optional.empty(), store.vouchers().findByCode(A, existing.code()));
        assertTrue(store.vouchers().findByCode(A, part.get(0).code()).isEmpty(), "nothing of the part is stored");

        part.set(3, newVouchers(batch, 1).get(0));
        assertTrue(store.vouchers().insertPart(batch, 1, part).stored());
        assertTrue(store.vouchers().insertPart(batch, 0, newVouchers(batch, 2)).stored());

        var parts = store.vouchers().storedParts(A, batch.id());
        assertEquals(Set.of(0, 1), parts.voucherIds().keySet());
        assertEquals(part.stream().map(Voucher::id).toList(), parts.voucherIds().get(1));
        assertEquals(List.of(), parts.earlierPerRouter());
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
    void earlierVouchersAreRecordedAsAPartOnceWithoutBeingWrittenAgain() {
        VoucherBatch batch = generatingBatch(A, 20);
        List<Voucher> earlier = new ArrayList<>(newVouchers(batch, 3));
        var tx = store.begin();
        earlier.forEach(v -> store.vouchers().insert(v, tx));
        tx.commit();
        List<String> ids = earlier.stream().map(Voucher::id).toList();

        store.vouchers().recordEarlierPart(batch, 0, ids, List.of(2, 1));

        var parts = store.vouchers().storedParts(A, batch.id());
        assertEquals(ids, parts.voucherIds().get(0));
        assertEquals(List.of(2, 1), parts.earlierPerRouter());
        var e = assertThrows(ConflictException.class, () -> store.vouchers().recordEarlierPart(batch, 0, ids, List.of(2, 1)));
        assertTrue(e.getMessage().contains("another worker"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.vouchers().recordEarlierPart(batch, 1, ids, List.of(3)));
        assertEquals(3, listAll(A, batch.id()).size());
    }

    @Test
    void rejectsVouchersThatDoNotBelongToTheBatchBeforeWriting() {
        VoucherBatch batch = generatingBatch(A, 200);
        Voucher foreign = Voucher.create(codes.generate(10), A, batch.id(), "plan-daily", "router-7", clock);
        assertThrows(IllegalArgumentException.class, () -> store.vouchers().insertPart(batch, 0, List.of(foreign)));
        assertThrows(IllegalArgumentException.class, () -> store.vouchers().insertPart(batch, 0, newVouchers(batch, 100)));
        Voucher active = newVouchers(batch, 1).get(0).provisioned();
        assertThrows(IllegalArgumentException.class, () -> store.vouchers().insertPart(batch, 0, List.of(active)));
        assertThrows(IllegalArgumentException.class, () -> store.vouchers().insertPart(batch, -1, newVouchers(batch, 1)));
        assertEquals(List.of(), listAll(A, batch.id()));
        assertTrue(store.vouchers().storedParts(A, batch.id()).voucherIds().isEmpty());
    }

    @Test
    void redemptionIsConditionalSoOnlyOneFirstLoginWins() {
        VoucherBatch batch = generatingBatch(A, 1);
        Voucher stored = stored(batch, 1).get(0);
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
        List<Voucher> stored = stored(batch, 3);
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
        List<Voucher> stored = stored(batch, 5);
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
