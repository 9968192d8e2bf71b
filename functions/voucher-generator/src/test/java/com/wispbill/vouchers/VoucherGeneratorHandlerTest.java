package com.wispbill.vouchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.domain.routercommand.EnsureHotspotProfile;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Lambda handler as the stack invokes it, driven by the sample events in {@code events/}. */
class VoucherGeneratorHandlerTest {
    private static final String A = "reseller-gen-a";
    private static final String B = "reseller-gen-b";
    private static final List<String> ROUTERS = List.of("router-gen-1", "router-gen-2");

    private final GeneratorStack env = GeneratorStack.get();

    @BeforeEach
    void seed() {
        env.seed(A, 12, "plan-gen-3h", ROUTERS.toArray(String[]::new));
        env.seed(B, 10, "plan-gen-b", "router-gen-b");
        env.purge();
    }

    private static SQSEvent event(String name) {
        return EventLoader.loadSQSEvent("../../events/voucher-generator-" + name + ".json");
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void tenThousandVoucherBatchEndsReadyWithUniqueCodesAndOneRouterCommandEachAndARedeliveryChangesNothing() {
        String batchId = "01JF0B4TCH0000000000010000";
        env.queuedBatch(batchId, A, "plan-gen-3h", ROUTERS, 10_000);

        SQSBatchResponse response = env.invoke(event("order"));

        assertEquals(List.of(), failedIds(response));
        VoucherBatch ready = env.store.voucherBatches().get(A, batchId);
        // Generated and queued: READY once the routers confirm (no router driver runs here).
        assertEquals(VoucherBatchStatus.PENDING_ROUTER, ready.status());
        assertEquals(10_000, ready.generatedCount());

        List<Voucher> vouchers = env.vouchersOf(A, batchId);
        assertEquals(10_000, vouchers.size());
        Set<String> codes = vouchers.stream().map(Voucher::code).collect(Collectors.toSet());
        assertEquals(10_000, codes.size(), "codes must be unique");
        // Reseller A chose 12 characters (60 bits); every code is canonical in the look-alike-free alphabet.
        assertTrue(codes.stream().allMatch(c -> c.length() == 12 && VoucherCodes.isCanonical(c)
                && c.chars().allMatch(ch -> VoucherCodes.ALPHABET.indexOf(ch) >= 0)));
        assertTrue(vouchers.stream().allMatch(v -> v.status() == VoucherStatus.NEW), "one write per voucher");
        Map<String, Long> perRouter = vouchers.stream().collect(Collectors.groupingBy(Voucher::routerId, Collectors.counting()));
        assertEquals(Map.of("router-gen-1", 5_000L, "router-gen-2", 5_000L), perRouter);

        List<RouterCommandEnvelope> commands = env.drainCommands();
        List<RouterCommandEnvelope> users = commands.stream().filter(c -> c.command() instanceof EnsureHotspotUser).toList();
        List<RouterCommandEnvelope> profiles = commands.stream().filter(c -> c.command() instanceof EnsureHotspotProfile).toList();
        assertEquals(10_000, users.size());
        assertEquals(2, profiles.size());
        assertEquals(Set.copyOf(ROUTERS), profiles.stream().map(RouterCommandEnvelope::routerId).collect(Collectors.toSet()));
        Map<String, Voucher> byCode = new HashMap<>();
        vouchers.forEach(v -> byCode.put(v.code(), v));
        for (RouterCommandEnvelope envelope : users) {
            EnsureHotspotUser user = (EnsureHotspotUser) envelope.command();
            Voucher voucher = byCode.remove(user.name());
            assertEquals(voucher.routerId(), envelope.routerId());
            assertEquals(voucher.id() + "-EnsureHotspotUser", envelope.commandId());
            assertEquals(voucher.code(), user.password());
            assertEquals(Optional.of(Duration.ofHours(3)), user.limitUptime());
            assertEquals(2_000_000_000L, user.limitBytesTotal().getAsLong());
            assertEquals(batchId, user.comment());
            assertEquals("wb-plan-gen-3h", user.profile());
        }
        assertTrue(byCode.isEmpty(), "every voucher has its user command");

        // The same order delivered again: nothing is generated, sent or changed.
        SQSBatchResponse again = env.invoke(event("order"));
        assertEquals(List.of(), failedIds(again));
        assertEquals(ready, env.store.voucherBatches().get(A, batchId));
        assertEquals(10_000, env.vouchersOf(A, batchId).size());
        assertEquals(0, env.approximateMessages(env.commandsQueueUrl));
    }

    @Test
    void anUnknownBatchChangesNothing() {
        SQSBatchResponse response = env.invoke(event("unknown-batch"));

        assertEquals(List.of(), failedIds(response));
        assertTrue(env.store.voucherBatches().find(A, "01JF0B4TCH00000000000NNNNN").isEmpty());
        assertEquals(0, env.approximateMessages(env.commandsQueueUrl));
    }

    @Test
    void anOrderNamingAnotherResellersBatchChangesNothing() {
        String batchId = "01JF0B4TCH00000000000A0010";
        VoucherBatch aBatch = env.store.voucherBatches().find(A, batchId)
                .orElseGet(() -> env.queuedBatch(batchId, A, "plan-gen-3h", ROUTERS, 10));

        SQSBatchResponse response = env.invoke(event("other-reseller"));

        assertEquals(List.of(), failedIds(response));
        assertEquals(aBatch, env.store.voucherBatches().get(A, batchId));
        assertEquals(List.of(), env.vouchersOf(A, batchId));
        assertEquals(List.of(), env.vouchersOf(B, batchId));
        assertEquals(0, env.approximateMessages(env.commandsQueueUrl));
    }

    @Test
    void malformedOrdersAreReportedAsFailedForTheDlqAndChangeNothing() {
        SQSBatchResponse response = env.invoke(event("malformed"));

        assertEquals(List.of("4f1c2a8e-0005-4c1e-9a51-6f0d2b9c1a05", "4f1c2a8e-0006-4c1e-9a51-6f0d2b9c1a06"),
                failedIds(response));
        assertEquals(0, env.approximateMessages(env.commandsQueueUrl));
    }

    @Test
    void aBatchWhosePlanIsGoneFailsWithTheReasonAndStoresNothing() {
        String batchId = "01JF0B4TCH00000000000P0010";
        if (env.store.voucherBatches().find(A, batchId).isEmpty()) {
            env.queuedBatch(batchId, A, "plan-gen-deleted", ROUTERS, 10);
        }

        SQSBatchResponse response = env.invoke(event("missing-plan"));

        assertEquals(List.of(), failedIds(response));
        VoucherBatch failed = env.store.voucherBatches().get(A, batchId);
        assertEquals(VoucherBatchStatus.FAILED, failed.status());
        assertEquals(Optional.of("Plan plan-gen-deleted not found"), failed.failureReason());
        assertEquals(List.of(), env.vouchersOf(A, batchId));
        assertEquals(0, env.approximateMessages(env.commandsQueueUrl));
    }
}
