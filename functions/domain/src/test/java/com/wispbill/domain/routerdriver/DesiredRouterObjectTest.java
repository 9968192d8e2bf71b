package com.wispbill.domain.routerdriver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.routercommand.DisableHotspotUser;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.KickHotspotUser;
import com.wispbill.domain.routercommand.RemoveHotspotUser;
import com.wispbill.domain.routercommand.RouterCommand;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DesiredRouterObjectTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final EnsureHotspotUser ENSURE = new EnsureHotspotUser("K7M2Q9XR4T", "", "1h",
            Optional.of(Duration.ofHours(1)), OptionalLong.empty(), "b-1");

    private static RouterCommandEnvelope at(int seconds, RouterCommand command) {
        return new RouterCommandEnvelope("cmd-" + seconds, "res-1", "rtr-1", T0.plusSeconds(seconds), command);
    }

    private static Optional<DesiredRouterObject> after(Optional<DesiredRouterObject> current, RouterCommandEnvelope e) {
        return DesiredRouterObject.after(current, e, T0.plusSeconds(100));
    }

    @Test
    void ensureDisableRemoveAndEnsureAgain() {
        DesiredRouterObject ensured = after(Optional.empty(), at(1, ENSURE)).orElseThrow();
        assertEquals(DesiredState.ENABLED, ensured.state());
        assertEquals(Optional.of(ENSURE), ensured.ensure());

        DesiredRouterObject disabled = after(Optional.of(ensured), at(2, new DisableHotspotUser("K7M2Q9XR4T"))).orElseThrow();
        assertEquals(DesiredState.DISABLED, disabled.state());
        assertEquals(Optional.of(ENSURE), disabled.ensure(), "reconcile still knows the attributes");
        assertEquals(DesiredState.DISABLED, after(Optional.of(disabled), at(3, ENSURE)).orElseThrow().state(),
                "an ensure never re-enables");

        DesiredRouterObject removed = after(Optional.of(disabled), at(4, new RemoveHotspotUser("K7M2Q9XR4T"))).orElseThrow();
        assertEquals(DesiredState.REMOVED, removed.state());
        assertTrue(removed.ensure().isEmpty(), "no password is kept for a removed user");
        assertEquals(DesiredState.ENABLED, after(Optional.of(removed), at(5, ENSURE)).orElseThrow().state(),
                "a removed user is created anew, enabled");
    }

    @Test
    void olderCommandsAndKicksDoNotChangeTheEntry() {
        DesiredRouterObject removed = after(Optional.empty(), at(10, new RemoveHotspotUser("K7M2Q9XR4T"))).orElseThrow();
        assertTrue(after(Optional.of(removed), at(5, ENSURE)).isEmpty(), "a late duplicate of an older ensure");
        assertTrue(after(Optional.of(removed), at(20, new KickHotspotUser("K7M2Q9XR4T"))).isEmpty());
        assertFalse(removed.toString().contains("K7M2Q9XR4T"), "voucher codes are masked");
    }

    @Test
    void isolationThrottleAndRestoreKeepTheProfileTheyMovedTheUserTo() {
        var hotspot = com.wispbill.domain.routercommand.UserService.HOTSPOT;
        DesiredRouterObject disabled = after(after(Optional.empty(), at(1, ENSURE)),
                at(2, new DisableHotspotUser("K7M2Q9XR4T"))).orElseThrow();

        DesiredRouterObject isolated = after(Optional.of(disabled),
                at(3, new com.wispbill.domain.routercommand.IsolateUser(hotspot, "K7M2Q9XR4T"))).orElseThrow();
        assertEquals(DesiredState.ENABLED, isolated.state(), "isolated users stay connected");
        assertEquals("wispbill-expired", ((EnsureHotspotUser) isolated.ensure().orElseThrow()).profile());
        assertEquals(DesiredObjectKind.HOTSPOT_USER, isolated.kind());

        DesiredRouterObject throttled = after(Optional.of(isolated), at(4, new com.wispbill.domain.routercommand.ThrottleUser(
                hotspot, "K7M2Q9XR4T", "1h-fup", com.wispbill.domain.RateLimit.parse("1M/1M")))).orElseThrow();
        assertEquals("1h-fup", ((EnsureHotspotUser) throttled.ensure().orElseThrow()).profile());

        DesiredRouterObject restored = after(Optional.of(throttled),
                at(5, new com.wispbill.domain.routercommand.RestoreUser(hotspot, "K7M2Q9XR4T", "1h"))).orElseThrow();
        assertEquals(Optional.of(ENSURE), restored.ensure());
        assertEquals(DesiredState.ENABLED, restored.state());
    }
}
