package com.wispbill.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.Router;
import com.wispbill.domain.RouterConnectionTest;
import com.wispbill.domain.RouterStatus;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.routercommand.TestConnection;
import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.local.routeros.RouterOsVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Test connection": the API queues a {@link TestConnection}; the driver logs in to the simulated router, reads
 * what the reseller needs to know and stores the result on the router's test, OK or FAILED, never retrying.
 */
class ConnectionTestCommandTest {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static DriverHarness harness;

    private final List<RouterOsSimulator> simulators = new ArrayList<>();
    private RouterCommandHandler handler;

    @BeforeAll
    static void startStack() {
        harness = DriverHarness.start();
    }

    @AfterAll
    static void stopStack() {
        harness.close();
    }

    @BeforeEach
    void wire() {
        CountingConnector connector = DriverHarness.connector(DriverHarness.fastSettings());
        handler = new RouterCommandHandler(harness.wiring(connector, DriverHarness.fastSettings()).commandProcessor(5));
    }

    @AfterEach
    void stopRouters() {
        simulators.forEach(RouterOsSimulator::close);
    }

    private RouterOsSimulator simulator() throws IOException {
        RouterOsSimulator simulator = RouterOsSimulator.builder().identity("tower-" + IDS.incrementAndGet())
                .version(RouterOsVersion.V7_19).credentials(DriverHarness.API_USER, "s3cret pass=1").tls(true).start();
        simulators.add(simulator);
        return simulator;
    }

    private Router router(RouterOsSimulator simulator) {
        return harness.addRouter("res-ct-" + IDS.incrementAndGet(), "rtr-ct-" + IDS.incrementAndGet(), simulator, true);
    }

    /** What the API does: the PENDING test stored, the command queued. */
    private RouterConnectionTest request(Router router) {
        RouterCommandEnvelope envelope = harness.envelope(router, new TestConnection("T" + IDS.incrementAndGet()));
        TestConnection command = (TestConnection) envelope.command();
        RouterConnectionTest test = RouterConnectionTest.requested(router.resellerId(), router.id(), command.testId(),
                harness.clock.instant());
        harness.routers.requestConnectionTest(test);
        harness.send(List.of(envelope));
        return test;
    }

    private RouterConnectionTest stored(Router router) {
        return harness.routers.findConnectionTest(router.resellerId(), router.id()).orElseThrow();
    }

    @Test
    void aReachableRouterReportsItsIdentityVersionAndMenus() throws IOException {
        RouterOsSimulator simulator = simulator();
        Router router = router(simulator);
        RouterConnectionTest requested = request(router);

        assertTrue(harness.deliver(handler).failedIds().isEmpty());

        RouterConnectionTest result = stored(router);
        assertEquals(requested.testId(), result.testId());
        assertEquals(RouterConnectionTest.Status.OK, result.status(), result.toString());
        assertEquals(simulator.state().identity(), result.identity().orElseThrow());
        assertTrue(result.routerOsVersion().orElseThrow().startsWith("7.19"), result.routerOsVersion().toString());
        assertEquals(true, result.hotspotPresent().orElseThrow());
        assertEquals(true, result.pppPresent().orElseThrow());
        assertTrue(result.checkedAt().isPresent());
        assertTrue(harness.routers.listActiveForPolling(com.wispbill.adapters.repository.PageRequest.first(500)).items()
                .stream().anyMatch(r -> r.id().equals(router.id())), "a test changes nothing about the router");
    }

    @Test
    void aWrongPasswordIsAFailedTestWithItsReasonAndNoRetry() throws IOException {
        RouterOsSimulator simulator = simulator();
        Router router = router(simulator);
        harness.putSecret(router, DriverHarness.API_USER, "wrong", simulator);
        request(router);

        assertTrue(harness.deliver(handler).failedIds().isEmpty(), "the failure is the answer, not a redelivery");

        RouterConnectionTest result = stored(router);
        assertEquals(RouterConnectionTest.Status.FAILED, result.status());
        assertTrue(result.error().orElseThrow().contains("refused the API login"), result.error().toString());
        assertFalse(result.error().orElseThrow().contains("wrong"), "no password in the reason");
        assertEquals(0, harness.deliver(handler).received(), "nothing left on the queue");
    }

    @Test
    void aRetiredRouterIsNotContacted() throws IOException {
        RouterOsSimulator simulator = simulator();
        Router router = router(simulator);
        harness.routers.replace(router, router.toBuilder().status(RouterStatus.RETIRED).build());
        request(router);

        assertTrue(harness.deliver(handler).failedIds().isEmpty());

        RouterConnectionTest result = stored(router);
        assertEquals(RouterConnectionTest.Status.FAILED, result.status());
        assertTrue(result.error().orElseThrow().contains("RETIRED"));
        assertEquals(0, simulator.stats().logins(), "not contacted");
    }

    @Test
    void aLateResultOfAnOlderTestDoesNotReplaceANewerRequest() throws IOException {
        RouterOsSimulator simulator = simulator();
        Router router = router(simulator);
        request(router);
        RouterConnectionTest newer = RouterConnectionTest.requested(router.resellerId(), router.id(), "TNEWER",
                harness.clock.instant());
        harness.routers.requestConnectionTest(newer);

        assertTrue(harness.deliver(handler).failedIds().isEmpty());

        assertEquals(newer, stored(router));
    }
}
