package com.wispbill.domain.voucher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;
import com.wispbill.domain.routercommand.RouterCommandBulk;
import com.wispbill.domain.voucher.VoucherBatchLayout.Part;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VoucherBatchLayoutTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private static VoucherBatch batch(int quantity, String... routers) {
        return new VoucherBatch("batch-1", "reseller-1", "plan-1", List.of(routers), quantity, VoucherBatchStatus.QUEUED,
                0, Optional.empty(), AT, AT);
    }

    @Test
    void tenThousandOnTwoRoutersAreFiftyOnePartsEachWithTheProfileInTheFirst() {
        VoucherBatchLayout layout = VoucherBatchLayout.of(batch(10_000, "r1", "r2"));

        assertEquals(102, layout.parts().size());
        Map<String, Integer> users = layout.parts().stream()
                .collect(Collectors.groupingBy(Part::routerId, Collectors.summingInt(Part::users)));
        assertEquals(Map.of("r1", 5_000, "r2", 5_000), users);
        assertEquals(new Part(0, "r1", 99, true), layout.part(0));
        assertEquals(new Part(50, "r1", 50, false), layout.part(50));
        assertEquals(new Part(51, "r2", 99, true), layout.part(51));
        for (int i = 0; i < layout.parts().size(); i++) {
            Part part = layout.part(i);
            assertEquals(i, part.number());
            // Profile plus users fit one bulk; users alone fit one transaction with the part's record.
            assertTrue(part.users() + (part.first() ? 1 : 0) <= RouterCommandBulk.MAX_COMMANDS);
            assertTrue(part.users() <= VoucherBatchLayout.USERS_PER_PART);
        }
    }

    @Test
    void theQuantityIsDealtRoundRobinAndARouterWithoutVouchersStillGetsItsProfile() {
        VoucherBatchLayout layout = VoucherBatchLayout.of(batch(5, "r1", "r2", "r3", "r4", "r5", "r6"));

        assertEquals(List.of(new Part(0, "r1", 1, true), new Part(1, "r2", 1, true), new Part(2, "r3", 1, true),
                new Part(3, "r4", 1, true), new Part(4, "r5", 1, true), new Part(5, "r6", 0, true)), layout.parts());
        assertEquals(List.of(84, 83, 83), VoucherBatchLayout.of(batch(250, "a", "b", "c")).parts().stream()
                .map(Part::users).toList());
    }

    @Test
    void vouchersStoredBeforePartsWereRecordedAreTheirRoutersFirstPartsAndTheBatchStillEndsAtItsQuantity() {
        // 150 of 300 stored earlier on two routers (75 each); shares are 150 each.
        VoucherBatchLayout layout = VoucherBatchLayout.of(batch(300, "r1", "r2"), List.of(75, 75));

        assertEquals(List.of(new Part(0, "r1", 75, true, true), new Part(1, "r1", 75, false, false),
                new Part(2, "r2", 75, true, true), new Part(3, "r2", 75, false, false)), layout.parts());
        // Earlier vouchers beyond a router's share (the earlier generator's collisions shift its round robin): the
        // last routers get fewer new ones; a router with nothing left to draw has only its earlier parts.
        VoucherBatchLayout uneven = VoucherBatchLayout.of(batch(10, "r1", "r2", "r3"), List.of(6, 0, 0));
        assertEquals(List.of(new Part(0, "r1", 6, true, true), new Part(1, "r2", 3, true, false),
                new Part(2, "r3", 1, true, false)), uneven.parts());
        assertEquals(List.of(List.of(layout.part(0), layout.part(2)), List.of(layout.part(1), layout.part(3))),
                layout.waves());
    }

    @Test
    void theSameBatchAlwaysHasTheSameParts() {
        assertEquals(VoucherBatchLayout.of(batch(2_500, "a", "b", "c")), VoucherBatchLayout.of(batch(2_500, "a", "b", "c")));
    }

    @Test
    void everyRoutersFirstPartComesBeforeItsOthersAndTheOthersInterleaveTheRouters() {
        VoucherBatchLayout layout = VoucherBatchLayout.of(batch(500, "r1", "r2"));

        List<List<Part>> waves = layout.waves();

        assertEquals(List.of(0, 3), waves.get(0).stream().map(Part::number).toList());
        assertEquals(List.of(1, 4, 2, 5), waves.get(1).stream().map(Part::number).toList());
        assertEquals(List.of("r1", "r2", "r1", "r2"), waves.get(1).stream().map(Part::routerId).toList());
    }
}
