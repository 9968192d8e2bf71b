package com.wispbill.api.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The probes' answers in the order given, whichever finishes first; all asked at once. */
class HealthCheckTest {

    @Test
    void asksEveryDependencyAtOnce() {
        int probes = 7;
        CountDownLatch allAsked = new CountDownLatch(probes);
        List<HealthCheck.Probe> list = new ArrayList<>();
        for (int i = 0; i < probes; i++) {
            list.add(new HealthCheck.Probe("dependency" + i, () -> {
                allAsked.countDown();
                // Asked one after another, the first probe would wait here for the others in vain.
                if (!allAsked.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the other probes were not asked meanwhile");
                }
            }));
        }

        HealthCheck.Report report = new HealthCheck(list, "1.2.3").run();

        assertTrue(report.healthy(), report.toString());
        assertEquals(probes, report.checks().size());
    }

    @Test
    void namesEachDependencyInOrderWithItsOwnAnswer() {
        CountDownLatch slowMayFinish = new CountDownLatch(1);
        HealthCheck.Report report = new HealthCheck(List.of(
                new HealthCheck.Probe("slowTable", () -> {
                    if (!slowMayFinish.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("timed out");
                    }
                }),
                new HealthCheck.Probe("missingQueue", () -> {
                    slowMayFinish.countDown();
                    throw new IllegalStateException("queue does not exist");
                }),
                new HealthCheck.Probe("secrets", () -> { })), "1.2.3").run();

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("slowTable", HealthCheck.OK);
        expected.put("missingQueue", HealthCheck.UNREACHABLE);
        expected.put("secrets", HealthCheck.OK);
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(report.checks().entrySet()));
        assertFalse(report.healthy());
        assertEquals("1.2.3", report.version());
    }

    @Test
    void aDependencyThatHangsIsReportedUnreachableByTheDeadline() {
        CountDownLatch never = new CountDownLatch(1);
        HealthCheck check = new HealthCheck(List.of(
                new HealthCheck.Probe("hangingQueue", never::await),
                new HealthCheck.Probe("entityTable", () -> { })), "1.2.3", Duration.ofMillis(300));

        // The guard only keeps a broken check from hanging the build; the deadline under test is 300 ms.
        HealthCheck.Report report = assertTimeoutPreemptively(Duration.ofSeconds(60), check::run);

        assertEquals(HealthCheck.UNREACHABLE, report.checks().get("hangingQueue"));
        assertEquals(HealthCheck.OK, report.checks().get("entityTable"));
        assertFalse(report.healthy());
    }

    @Test
    void anErrorInAProbeIsThrownNotReportedAsUnreachable() {
        NoClassDefFoundError broken = new NoClassDefFoundError("software/amazon/awssdk/Missing");
        HealthCheck check = new HealthCheck(List.of(new HealthCheck.Probe("entityTable", () -> {
            throw broken;
        })), "1.2.3");

        assertSame(broken, assertThrows(NoClassDefFoundError.class, check::run));
    }
}
