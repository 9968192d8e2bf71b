package com.wispbill.vouchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.VoucherRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.domain.Ids;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.domain.messages.VoucherBatchOrder;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.vouchers.GenerationOutcome.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A resumed batch lists its vouchers through an eventually consistent index. DynamoDB Local's index is
 * never behind, so a listing frozen at an earlier moment stands in for the lag: a voucher revoked after
 * that moment still looks NEW, gets its user queued, and must then be removed from the router again.
 */
class StaleListingTest {
    private static final String A = "reseller-stale";
    private static final List<String> ROUTERS = List.of("router-stale-1");

    private final GeneratorStack env = GeneratorStack.get();

    @Test
    void aVoucherRevokedBehindAStaleListingIsRemovedAfterItsUserIsQueued() {
        env.seed(A, 10, "plan-stale", ROUTERS.toArray(String[]::new));
        env.purge();
        VoucherBatch batch = env.queuedBatch(Ids.newId(env.clock), A, "plan-stale", ROUTERS, 150);
        VoucherBatchOrder order = new VoucherBatchOrder(A, batch.id());
        // Stops after its first part (stored and queued): the budget is exhausted at the first check.
        assertEquals(Kind.CHECKPOINTED, env.generator(new VoucherCodes()).generate(order, () -> true).kind());
        List<Voucher> snapshot = env.vouchersOf(A, batch.id());
        Voucher revoked = snapshot.get(42);
        env.store.vouchers().transition(revoked, revoked.revoke());

        VoucherBatchGenerator generator = new VoucherBatchGenerator(env.store.resellers(), env.store.plans(),
                env.store.routers(), env.store.voucherBatches(), new FrozenListing(env.store.vouchers(), snapshot),
                env.store, env.store.voucherQuota(), new SqsRouterCommandQueue(env.sqs, env.commandsQueueUrl), new VoucherCodes(),
                env.clock);
        GenerationOutcome outcome = generator.generate(order, GenerationBudget.UNLIMITED);

        assertEquals(Kind.PENDING_ROUTER, outcome.kind());
        assertEquals(VoucherBatchStatus.PENDING_ROUTER, env.store.voucherBatches().get(A, batch.id()).status());
        // The generator writes no voucher after storing it, so a stale listing cannot undo the revocation.
        assertEquals(VoucherStatus.REVOKED, env.store.vouchers().findByCode(A, revoked.code()).orElseThrow().status());
        assertEquals(149, env.vouchersOf(A, batch.id()).stream().filter(v -> v.status() == VoucherStatus.NEW).count());
        List<RouterCommandEnvelope> commands = env.drainCommands();
        // The stale listing still showed it NEW: its ensure is queued once (the revocation's own Disable,
        // issued later, supersedes it in the router driver's journal), and every other voucher's once.
        assertEquals(1, commands.stream().filter(c -> c.command() instanceof EnsureHotspotUser u
                && u.name().equals(revoked.code())).count());
        assertEquals(150, commands.stream().filter(c -> c.command() instanceof EnsureHotspotUser).count());
    }

    /** The real repository, except that listing a batch returns what it returned earlier. */
    private record FrozenListing(VoucherRepository delegate, List<Voucher> snapshot) implements VoucherRepository {
        @Override
        public Page<Voucher> listBatch(String resellerId, String batchId, PageRequest page) {
            return new Page<>(snapshot, Optional.empty());
        }

        @Override
        public PartInsert insertPart(VoucherBatch batch, int part, List<Voucher> vouchers) {
            return delegate.insertPart(batch, part, vouchers);
        }

        @Override
        public void recordEarlierPart(VoucherBatch batch, int part, List<String> voucherIds, List<Integer> earlierPerRouter) {
            delegate.recordEarlierPart(batch, part, voucherIds, earlierPerRouter);
        }

        @Override
        public StoredParts storedParts(String resellerId, String batchId) {
            return delegate.storedParts(resellerId, batchId);
        }

        @Override
        public void insert(Voucher voucher, WriteTransaction tx) {
            delegate.insert(voucher, tx);
        }

        @Override
        public Optional<Voucher> findByCode(String resellerId, String code) {
            return delegate.findByCode(resellerId, code);
        }

        @Override
        public Optional<Voucher> findById(String resellerId, String voucherId) {
            return delegate.findById(resellerId, voucherId);
        }

        @Override
        public void transition(Voucher current, Voucher next) {
            delegate.transition(current, next);
        }

        @Override
        public void transition(Voucher current, Voucher next, WriteTransaction tx) {
            delegate.transition(current, next, tx);
        }

        @Override
        public Page<Voucher> findDue(Instant from, Instant before, PageRequest page) {
            return delegate.findDue(from, before, page);
        }
    }
}
