package com.wispbill.domain.routerdriver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.routerdriver.RouterCircuit.FailureReason;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RouterCircuitTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final RouterCircuit.Policy POLICY = RouterCircuit.Policy.DEFAULT;

    @Test
    void opensAfterThreeUnreachableFailuresAndAllowsOneProbeAfterTheOpenPeriod() {
        RouterCircuit c = RouterCircuit.closed("res-1", "rtr-1");
        RouterCircuit one = c.afterFailure(T0, FailureReason.UNREACHABLE, "refused", POLICY);
        RouterCircuit two = one.afterFailure(T0, FailureReason.UNREACHABLE, "refused", POLICY);
        assertFalse(two.isOpenAt(T0));
        assertFalse(one.opensWith(two, T0));
        RouterCircuit three = two.afterFailure(T0, FailureReason.UNREACHABLE, "refused", POLICY);
        assertTrue(three.isOpenAt(T0.plusSeconds(59)));
        assertTrue(two.opensWith(three, T0));
        assertEquals(3, three.version());

        Instant later = T0.plus(Duration.ofMinutes(1));
        assertTrue(three.isProbeDueAt(later));
        RouterCircuit probing = three.probing(later, POLICY);
        assertTrue(probing.isOpenAt(later), "the others keep failing fast while one probes");
        RouterCircuit reopened = probing.afterFailure(later, FailureReason.UNREACHABLE, "refused", POLICY);
        assertFalse(probing.opensWith(reopened, later), "a failed probe is no new opening (no second alert)");
        RouterCircuit closed = reopened.afterSuccess();
        assertTrue(closed.isHealthy());
        assertFalse(closed.isOpenAt(later));
    }

    @Test
    void aRefusedLoginOpensAtOnceForLonger() {
        RouterCircuit open = RouterCircuit.closed("res-1", "rtr-1")
                .afterFailure(T0, FailureReason.AUTHENTICATION, "invalid user name or password", POLICY);
        assertTrue(open.isOpenAt(T0.plus(Duration.ofMinutes(14))));
        assertFalse(open.isOpenAt(T0.plus(Duration.ofMinutes(15))));
        assertTrue(RouterCircuit.closed("res-1", "rtr-1").opensWith(open, T0));
    }
}
