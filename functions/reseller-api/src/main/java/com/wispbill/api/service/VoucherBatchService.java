package com.wispbill.api.service;

import com.wispbill.adapters.repository.IdempotencyKeys;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.adapters.repository.Transactions;
import com.wispbill.adapters.repository.VoucherBatchRepository;
import com.wispbill.adapters.repository.VoucherQuota;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.adapters.voucher.VoucherBatchEnding;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.Ids;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Router;
import com.wispbill.domain.Validation;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.messages.VoucherBatchOrder;
import com.wispbill.domain.messages.VoucherBatchQueue;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Voucher batch orders. Everything is checked before anything is written: quantity (1 to 10,000),
 * the plan (the caller's, still sold), every router (the caller's, active) and the outstanding-voucher
 * quota. Then the QUEUED batch and its quota reservation commit in one transaction, and the order goes
 * to the generator's queue. If queueing fails the batch is marked FAILED and its reservation released,
 * so no batch waits forever for an order that was never sent.
 */
public final class VoucherBatchService {
    private final VoucherBatchRepository batches;
    private final PlanRepository plans;
    private final RouterRepository routers;
    private final VoucherQuota quota;
    private final Transactions transactions;
    private final VoucherBatchEnding ending;
    private final VoucherBatchQueue queue;
    private final IdempotencyKeys idempotencyKeys;
    private final long defaultOutstandingLimit;
    private final Clock clock;

    public VoucherBatchService(VoucherBatchRepository batches, PlanRepository plans, RouterRepository routers,
                               VoucherQuota quota, Transactions transactions, VoucherBatchQueue queue,
                               IdempotencyKeys idempotencyKeys, long defaultOutstandingLimit, Clock clock) {
        this.batches = batches;
        this.plans = plans;
        this.routers = routers;
        this.quota = quota;
        this.transactions = transactions;
        this.ending = new VoucherBatchEnding(batches, quota, transactions);
        this.queue = queue;
        this.idempotencyKeys = idempotencyKeys;
        this.defaultOutstandingLimit = defaultOutstandingLimit;
        this.clock = clock;
    }

    /**
     * A batch to order: {@code quantity} vouchers of {@code planId} for {@code routerIds}.
     * {@code requestHash}: the request's canonical hash, which an {@code Idempotency-Key} is bound to;
     * {@code inputErrors}: what reading the request found, answered together with the checks here.
     */
    public record OrderVoucherBatch(String planId, List<String> routerIds, Integer quantity, String requestHash,
                                    List<FieldError> inputErrors) {
        public OrderVoucherBatch {
            routerIds = routerIds == null ? null : List.copyOf(routerIds);
            inputErrors = List.copyOf(inputErrors);
        }
    }

    /**
     * Orders a batch. With an {@code idempotencyKey} (the client's {@code Idempotency-Key}), a repeated
     * order answers with the batch the first one created instead of ordering again, so a client that
     * lost the answer can safely retry. The key is bound to the body: the same key with another body is
     * refused with 422 and nothing is written.
     */
    public VoucherBatch order(Reseller reseller, OrderVoucherBatch order, Optional<String> idempotencyKey) {
        Optional<String> key = idempotencyKey.map(k -> Ids.require(k.strip(), "Idempotency-Key"));
        String requestHash = order.requestHash();
        Optional<VoucherBatch> earlier = key.flatMap(k -> orderedWith(reseller, k, requestHash));
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Validation errors = new Validation();
        errors.addAll(order.inputErrors());
        String planId = order.planId();
        List<String> routerIds = order.routerIds();
        Integer quantity = order.quantity();
        if (quantity != null && (quantity < 1 || quantity > VoucherBatch.MAX_QUANTITY)) {
            errors.add(new FieldError("quantity", "must be between 1 and " + VoucherBatch.MAX_QUANTITY + " vouchers per batch, was " + quantity));
        }
        if (planId != null) {
            Optional<Plan> plan = Ids.isValid(planId) ? plans.find(reseller.id(), planId) : Optional.empty();
            if (plan.isEmpty()) {
                errors.add(new FieldError("planId", "there is no plan " + planId));
            } else if (!plan.get().active()) {
                errors.add(new FieldError("planId", "plan " + planId + " is no longer sold"));
            }
        }
        if (routerIds != null) {
            checkRouters(reseller, routerIds, errors);
        }
        VoucherQuota.Usage usage = quota.usage(reseller.id(), defaultOutstandingLimit);
        if (quantity != null && !errors.hasErrorFor("quantity") && quantity > usage.remaining()) {
            errors.check(false, "quantity", quantity + " vouchers exceed the outstanding-voucher quota: " + usage.outstanding()
                    + " of " + usage.limit() + " are outstanding, " + usage.remaining() + " remain");
        }
        VoucherBatch batch = errors.build(() -> VoucherBatch.order(reseller.id(), planId, routerIds, quantity, clock),
                UnaryOperator.identity());

        WriteTransaction tx = transactions.begin();
        batches.create(batch, tx);
        quota.reserve(reseller.id(), batch.quantity(), usage, tx);
        key.ifPresent(k -> idempotencyKeys.claim(reseller.id(), k, requestHash, batch.id(), clock.instant(), tx));
        try {
            tx.commit();
        } catch (ConflictException e) {
            // A concurrent request with the same key may have won: answer with its batch.
            Optional<VoucherBatch> concurrent = key.flatMap(k -> orderedWith(reseller, k, requestHash));
            if (concurrent.isPresent()) {
                return concurrent.get();
            }
            throw e;
        }
        try {
            queue.send(new VoucherBatchOrder(reseller.id(), batch.id()));
        } catch (RuntimeException e) {
            // QueueSendException or an SDK failure: the batch would wait forever for an order never sent.
            // FAILED and the quota given back in one transaction: never a FAILED batch still holding quota.
            ending.end(batch, batch.fail("the order could not be queued", clock));
            throw e;
        }
        return batch;
    }

    private Optional<VoucherBatch> orderedWith(Reseller reseller, String key, String requestHash) {
        Optional<IdempotencyKeys.Claim> claim = idempotencyKeys.find(reseller.id(), key);
        if (claim.isPresent() && !claim.get().isFor(requestHash)) {
            throw new IdempotencyKeyReusedException();
        }
        return claim.flatMap(c -> batches.find(reseller.id(), c.objectId()));
    }

    private void checkRouters(Reseller reseller, List<String> routerIds, Validation errors) {
        if (routerIds.isEmpty() || routerIds.size() > VoucherBatch.MAX_ROUTERS) {
            errors.add(new FieldError("routerIds", "must list 1 to " + VoucherBatch.MAX_ROUTERS + " routers"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < routerIds.size(); i++) {
            String id = routerIds.get(i);
            String field = "routerIds[" + i + "]";
            if (!seen.add(id)) {
                errors.add(new FieldError(field, "router " + id + " is listed twice"));
                continue;
            }
            Optional<Router> router = Ids.isValid(id) ? routers.find(reseller.id(), id) : Optional.empty();
            if (router.isEmpty()) {
                errors.add(new FieldError(field, "there is no router " + id));
            } else if (!router.get().isActive()) {
                errors.add(new FieldError(field, "router " + id + " is disabled"));
            }
        }
    }

    public VoucherBatch get(Reseller reseller, String batchId) {
        return batches.get(reseller.id(), batchId);
    }

    public Page<VoucherBatch> list(Reseller reseller, PageRequest page) {
        return batches.list(reseller.id(), page);
    }
}
