package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.voucher.VoucherRedemption;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Plan;
import com.wispbill.domain.ValidityStart;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.VoucherStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Voucher activation on DynamoDB Local: one winner among concurrent requests, clear conflicts for the rest. */
class VoucherRedemptionTest extends StoreTestSupport {
    private static final int CONCURRENT = 50;

    private VoucherRedemption redemption;
    private Plan plan;

    @BeforeEach
    void setUp() {
        store.resellers().create(reseller(A));
        store.resellers().create(reseller(B));
        plan = plan(A, "plan-daily").validityStart(ValidityStart.AT_FIRST_USE).build();
        store.plans().create(plan);
        redemption = new VoucherRedemption(store.vouchers(), store.plans(), store.resellers(), clock);
    }

    /** A voucher of reseller A already on its router (ACTIVE), its code containing 0 and 1 to test normalisation. */
    private Voucher activeVoucher(String code) {
        VoucherBatch queued = VoucherBatch.order(A, plan.id(), List.of("router-1"), 1, clock);
        store.voucherBatches().create(queued);
        VoucherBatch generating = queued.startGenerating(clock);
        store.voucherBatches().update(queued, generating);
        Voucher created = Voucher.create(code, A, queued.id(), plan.id(), "router-1", clock);
        store.vouchers().insertForBatch(generating, List.of(created));
        Voucher active = created.provisioned();
        store.vouchers().transition(created, active);
        return active;
    }

    /** Runs {@code action} from {@value #CONCURRENT} threads released at the same moment. */
    private List<Object> concurrently(Callable<Voucher> action) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
        CountDownLatch ready = new CountDownLatch(CONCURRENT);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Voucher>> futures = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return action.call();
            }));
        }
        ready.await();
        go.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Voucher> f : futures) {
            try {
                outcomes.add(f.get());
            } catch (ExecutionException e) {
                outcomes.add(e.getCause());
            }
        }
        pool.shutdown();
        return outcomes;
    }

    private static long count(List<Object> outcomes, Function<Object, Boolean> test) {
        return outcomes.stream().filter(test::apply).count();
    }

    @Test
    void fiftyConcurrentRedemptionsOfOneVoucherSucceedOnce() throws InterruptedException {
        Voucher voucher = activeVoucher("AB01CD01EF");
        clock.advance(Duration.ofHours(2));
        Instant redeemedAt = clock.instant();

        // Typed the way people type it: lower case, grouped, O for 0 and l for 1.
        List<Object> outcomes = concurrently(() -> redemption.redeem(A, "abOl-cdOl-ef"));

        assertEquals(1, count(outcomes, o -> o instanceof Voucher), outcomes.toString());
        assertEquals(CONCURRENT - 1, count(outcomes, o -> o instanceof ConflictException c
                && c.getMessage().equals("voucher " + voucher.id() + " already redeemed")), outcomes.toString());
        Voucher stored = store.vouchers().findByCode(A, voucher.code()).orElseThrow();
        assertEquals(VoucherStatus.USED, stored.status());
        assertEquals(Optional.of(redeemedAt), stored.firstUsedAt());
        assertEquals(Optional.of(redeemedAt.plus(Duration.ofHours(24))), stored.expiresAt());
        outcomes.stream().filter(o -> o instanceof Throwable).map(o -> ((Throwable) o).getMessage())
                .forEach(m -> assertTrue(!m.contains(voucher.code()), "a message shows the code: " + m));
    }

    @Test
    void fiftyConcurrentSalesOfOneVoucherSucceedOnce() throws InterruptedException {
        Voucher voucher = activeVoucher(new VoucherCodes().generate(10));

        List<Object> outcomes = concurrently(() -> redemption.sell(A, voucher.code().toLowerCase(Locale.ROOT)));

        assertEquals(1, count(outcomes, o -> o instanceof Voucher), outcomes.toString());
        assertEquals(CONCURRENT - 1, count(outcomes, o -> o instanceof ConflictException c
                && c.getMessage().equals("voucher " + voucher.id() + " is already sold")), outcomes.toString());
        assertTrue(store.vouchers().findByCode(A, voucher.code()).orElseThrow().soldAt().isPresent());
    }

    @Test
    void anotherResellersCodeIsNotFoundAndStaysUntouched() {
        Voucher voucher = activeVoucher(new VoucherCodes().generate(10));

        NotFoundException e = assertThrows(NotFoundException.class, () -> redemption.redeem(B, voucher.code()));

        assertTrue(!e.getMessage().contains(voucher.code()), e.getMessage());
        assertEquals(voucher, store.vouchers().findByCode(A, voucher.code()).orElseThrow());
    }

    @Test
    void aRevokedVoucherCannotBeRedeemed() {
        Voucher active = activeVoucher(new VoucherCodes().generate(10));
        Voucher revoked = active.revoke();
        store.vouchers().transition(active, revoked);

        ConflictException e = assertThrows(ConflictException.class, () -> redemption.redeem(A, active.code()));
        assertEquals("voucher " + active.id() + " is revoked", e.getMessage());
    }

    @Test
    void aVoucherNotYetOnItsRouterCannotBeRedeemed() {
        Voucher active = activeVoucher(new VoucherCodes().generate(10));
        VoucherBatch queued = VoucherBatch.order(A, plan.id(), List.of("router-1"), 1, clock);
        store.voucherBatches().create(queued);
        VoucherBatch generating = queued.startGenerating(clock);
        store.voucherBatches().update(queued, generating);
        Voucher fresh = Voucher.create(new VoucherCodes().generate(10), A, queued.id(), plan.id(), "router-1", clock);
        store.vouchers().insertForBatch(generating, List.of(fresh));

        ConflictException e = assertThrows(ConflictException.class, () -> redemption.redeem(A, fresh.code()));
        assertEquals("voucher " + fresh.id() + " is not on its router yet", e.getMessage());
        assertEquals(VoucherStatus.ACTIVE, store.vouchers().findByCode(A, active.code()).orElseThrow().status());
    }
}
