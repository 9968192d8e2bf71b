package com.wispbill.router.operations;

import static com.wispbill.router.operations.OperationResult.Outcome.CREATED;
import static com.wispbill.router.operations.OperationResult.Outcome.REMOVED;
import static com.wispbill.router.operations.OperationResult.Outcome.UNCHANGED;
import static com.wispbill.router.operations.OperationResult.Outcome.UPDATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.RateLimit;
import com.wispbill.domain.routercommand.DisableHotspotUser;
import com.wispbill.domain.routercommand.DisablePppSecret;
import com.wispbill.domain.routercommand.EnableHotspotUser;
import com.wispbill.domain.routercommand.EnablePppSecret;
import com.wispbill.domain.routercommand.EnsureHotspotProfile;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.EnsurePppProfile;
import com.wispbill.domain.routercommand.EnsurePppSecret;
import com.wispbill.domain.routercommand.KickHotspotUser;
import com.wispbill.domain.routercommand.KickPppUser;
import com.wispbill.domain.routercommand.RemoveHotspotUser;
import com.wispbill.domain.routercommand.RemovePppSecret;
import com.wispbill.domain.routercommand.RouterCommand;
import com.wispbill.local.routeros.CommandFault;
import com.wispbill.local.routeros.HotspotUser;
import com.wispbill.local.routeros.PppSecret;
import com.wispbill.router.operations.SimulatedRouter.Mode;
import com.wispbill.router.routeros.RouterObjectNotFoundException;
import com.wispbill.router.routeros.RouterOsClientSettings;
import com.wispbill.router.routeros.RouterOsException;
import com.wispbill.router.routeros.RouterOsTimeoutException;
import com.wispbill.router.routeros.RouterOsTrapException;
import com.wispbill.router.routeros.RouterUnreachableException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every operation against the simulator, in every mode (RouterOS 7.19 with {@code !empty}, 6.49,
 * 6.40 with the challenge login, and over api-ssl), each run twice: the router must be in the same
 * state after the second run as after the first, and the second run must not write anything.
 */
class RouterOperationsTest {
    private static final String CODE = "K7M2Q9XR4T";
    private static final String PASSWORD = "pw with space=1";
    private static final List<String> WRITE_COMMANDS = List.of(
            "/ip/hotspot/user/add", "/ip/hotspot/user/set", "/ip/hotspot/user/remove", "/ip/hotspot/user/unset",
            "/ip/hotspot/user/profile/add", "/ip/hotspot/user/profile/set", "/ip/hotspot/user/profile/unset",
            "/ip/hotspot/active/remove", "/ppp/secret/add", "/ppp/secret/set", "/ppp/secret/remove",
            "/ppp/profile/add", "/ppp/profile/set", "/ppp/profile/unset", "/ppp/active/remove",
            "/ip/firewall/address-list/add", "/ip/firewall/address-list/remove", "/queue/simple/add", "/queue/simple/set",
            "/queue/simple/remove");

    private SimulatedRouter router;
    private RouterOperations operations;

    @AfterEach
    void stop() {
        if (router != null) {
            router.close();
        }
    }

    private void start(Mode mode) throws IOException, RouterOsException {
        router = SimulatedRouter.start(mode);
        router.simulator.state().addHotspotUserProfile(Map.of("name", "1h-5M", "rate-limit", "2M/5M", "shared-users", "2"));
        router.simulator.state().addPppProfile(Map.of("name", "pppoe-10M", "rate-limit", "10M/10M"));
        operations = new RouterOperations(router.open());
    }

    @FunctionalInterface
    private interface Operation {
        OperationResult run() throws RouterOsException;
    }

    /** Runs {@code operation} twice; the router state after both runs is the same and the second wrote nothing. */
    private List<OperationResult> twice(Operation operation) throws RouterOsException {
        OperationResult first = operation.run();
        SimulatedRouter.Snapshot afterFirst = router.snapshot();
        long writesBefore = writes();
        OperationResult second = operation.run();
        assertEquals(afterFirst, router.snapshot(), "router state changed on the second run");
        assertEquals(writesBefore, writes(), "the second run wrote to the router");
        return List.of(first, second);
    }

    private long writes() {
        return WRITE_COMMANDS.stream().mapToLong(path -> router.simulator.stats().commandsApplied(path)).sum();
    }

    private static EnsureHotspotUser voucher(String password, String profile, Duration uptime, long bytes, String comment) {
        return new EnsureHotspotUser(CODE, password, profile, Optional.ofNullable(uptime),
                bytes > 0 ? OptionalLong.of(bytes) : OptionalLong.empty(), comment);
    }

    private HotspotUser hotspotUser() {
        return router.simulator.state().hotspotUser(CODE).orElseThrow();
    }

    private PppSecret pppSecret(String name) {
        return router.simulator.state().pppSecret(name).orElseThrow();
    }

    private static List<OperationResult.Outcome> outcomes(List<OperationResult> results) {
        return results.stream().map(OperationResult::outcome).toList();
    }

    // ---------------------------------------------------------------- hotspot users

    @ParameterizedTest
    @EnumSource(Mode.class)
    void ensureHotspotUserCreatesItOnce(Mode mode) throws Exception {
        start(mode);
        EnsureHotspotUser command = voucher(PASSWORD, "1h-5M", Duration.ofHours(1), 500_000_000L, "batch B1");

        assertEquals(List.of(CREATED, UNCHANGED), outcomes(twice(() -> operations.ensureHotspotUser(command))));

        HotspotUser user = hotspotUser();
        assertEquals(PASSWORD, user.password());
        assertEquals("1h-5M", user.profile());
        assertEquals(Optional.of(Duration.ofHours(1)), user.limitUptime());
        assertEquals(OptionalLong.of(500_000_000L), user.limitBytesTotal());
        assertEquals(Optional.of("batch B1"), user.comment());
        assertFalse(user.disabled());
        assertEquals(1, router.simulator.state().hotspotUsers().size());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void ensureHotspotUserChangesOnlyWhatDiffersAndLeavesDisabledAlone(Mode mode) throws Exception {
        start(mode);
        operations.ensureHotspotUser(voucher(PASSWORD, "1h-5M", Duration.ofHours(1), 500_000_000L, "batch B1"));
        String id = hotspotUser().id();
        router.simulator.state().setHotspotUser(CODE, Map.of("disabled", "yes"));

        List<OperationResult> results = twice(() -> operations.ensureHotspotUser(voucher("new-pass", "default", null, 0, "")));

        assertEquals(List.of(UPDATED, UNCHANGED), outcomes(results));
        assertEquals(List.of("password", "profile", "limit-uptime", "limit-bytes-total", "comment"),
                results.getFirst().changedProperties());
        HotspotUser user = hotspotUser();
        assertEquals(id, user.id(), "updated in place, not re-created");
        assertEquals("new-pass", user.password());
        assertEquals("default", user.profile());
        assertEquals(Optional.empty(), user.limitUptime());
        assertEquals(OptionalLong.empty(), user.limitBytesTotal());
        assertEquals(Optional.empty(), user.comment());
        assertTrue(user.disabled(), "an ensure must not re-enable a disabled (e.g. expired) voucher");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void ensureHotspotUserWithAMissingProfileFailsWithTheRoutersMessage(Mode mode) throws Exception {
        start(mode);
        RouterOsTrapException e = assertThrows(RouterOsTrapException.class,
                () -> operations.ensureHotspotUser(voucher(PASSWORD, "no-such-profile", null, 0, "")));
        assertEquals("input does not match any value of profile", e.trapMessage());
        assertFalse(e.getMessage().contains(CODE));
        assertEquals(List.of(), router.simulator.state().hotspotUsers());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void disableAndEnableHotspotUser(Mode mode) throws Exception {
        start(mode);
        assertEquals(UNCHANGED, operations.disableHotspotUser(new DisableHotspotUser(CODE)).outcome(),
                "disabling a user that is not there needs nothing");
        RouterObjectNotFoundException missing = assertThrows(RouterObjectNotFoundException.class,
                () -> operations.enableHotspotUser(new EnableHotspotUser(CODE)));
        assertEquals("router rtr-test: hotspot user 'K7******4T' does not exist; cannot enable it", missing.getMessage());

        operations.ensureHotspotUser(voucher(PASSWORD, "1h-5M", null, 0, ""));
        assertEquals(List.of(UPDATED, UNCHANGED), outcomes(twice(() -> operations.disableHotspotUser(new DisableHotspotUser(CODE)))));
        assertTrue(hotspotUser().disabled());
        assertEquals(List.of(UPDATED, UNCHANGED), outcomes(twice(() -> operations.enableHotspotUser(new EnableHotspotUser(CODE)))));
        assertFalse(hotspotUser().disabled());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void removeHotspotUserIfPresent(Mode mode) throws Exception {
        start(mode);
        operations.ensureHotspotUser(voucher(PASSWORD, "1h-5M", null, 0, ""));
        router.simulator.addHotspotUserBehindBillingsBack("OTHER-CODE-1", "x", "default");

        assertEquals(List.of(REMOVED, UNCHANGED), outcomes(twice(() -> operations.removeHotspotUser(new RemoveHotspotUser(CODE)))));

        assertEquals(List.of("OTHER-CODE-1"),
                router.simulator.state().hotspotUsers().stream().map(HotspotUser::name).toList());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void kickEndsEverySessionOfTheUserOnly(Mode mode) throws Exception {
        start(mode);
        operations.ensureHotspotUser(voucher(PASSWORD, "1h-5M", null, 0, ""));
        router.simulator.addHotspotUserBehindBillingsBack("OTHER-CODE-1", "x", "default");
        router.simulator.login(CODE, "10.5.50.2", "AA:BB:CC:00:00:01");
        router.simulator.login(CODE, "10.5.50.3", "AA:BB:CC:00:00:02");
        router.simulator.login("OTHER-CODE-1", "10.5.50.4", "AA:BB:CC:00:00:03");

        List<OperationResult> results = twice(() -> operations.kickHotspotUser(new KickHotspotUser(CODE)));

        assertEquals(List.of(REMOVED, UNCHANGED), outcomes(results));
        assertEquals(2, results.getFirst().itemsAffected());
        assertEquals(List.of("OTHER-CODE-1"),
                router.simulator.state().hotspotActive().stream().map(s -> s.user()).toList());
        assertTrue(router.simulator.state().hotspotUser(CODE).isPresent(), "a kick keeps the account");
    }

    // ---------------------------------------------------------------- PPP

    @ParameterizedTest
    @EnumSource(Mode.class)
    void pppSecretLifecycle(Mode mode) throws Exception {
        start(mode);
        EnsurePppSecret ensure = new EnsurePppSecret("cust-0042", "ppp pass=1", "pppoe-10M", "sub 01J");
        assertEquals(List.of(CREATED, UNCHANGED), outcomes(twice(() -> operations.ensurePppSecret(ensure))));
        PppSecret secret = pppSecret("cust-0042");
        assertEquals("pppoe", secret.service());
        assertEquals("ppp pass=1", secret.password());
        assertEquals("pppoe-10M", secret.profile());
        assertEquals(Optional.of("sub 01J"), secret.comment());

        List<OperationResult> changed = twice(() -> operations.ensurePppSecret(
                new EnsurePppSecret("cust-0042", "rotated", "default", "sub 01J")));
        assertEquals(List.of(UPDATED, UNCHANGED), outcomes(changed));
        assertEquals(List.of("password", "profile"), changed.getFirst().changedProperties());

        assertEquals(List.of(UPDATED, UNCHANGED), outcomes(twice(() -> operations.disablePppSecret(new DisablePppSecret("cust-0042")))));
        assertTrue(pppSecret("cust-0042").disabled());
        assertEquals(List.of(UPDATED, UNCHANGED), outcomes(twice(() -> operations.enablePppSecret(new EnablePppSecret("cust-0042")))));
        assertFalse(pppSecret("cust-0042").disabled());
        assertThrows(RouterObjectNotFoundException.class, () -> operations.enablePppSecret(new EnablePppSecret("cust-9999")));

        router.simulator.state().connectPpp("cust-0042", "10.10.0.2", "AA:BB:CC:00:00:09");
        assertEquals(List.of(REMOVED, UNCHANGED), outcomes(twice(() -> operations.kickPppUser(new KickPppUser("cust-0042")))));
        assertEquals(List.of(), router.simulator.state().pppActive());

        assertEquals(List.of(REMOVED, UNCHANGED), outcomes(twice(() -> operations.removePppSecret(new RemovePppSecret("cust-0042")))));
        assertEquals(List.of(), router.simulator.state().pppSecrets());
    }

    // ---------------------------------------------------------------- profiles

    @ParameterizedTest
    @EnumSource(Mode.class)
    void ensureProfilesCreateUpdateAndClearRateLimits(Mode mode) throws Exception {
        start(mode);
        assertEquals(List.of(CREATED, UNCHANGED), outcomes(twice(() -> operations.ensureHotspotProfile(
                new EnsureHotspotProfile("10M-family", Optional.of(RateLimit.parse("2M/10M")), 3)))));
        var profile = router.simulator.state().hotspotUserProfiles().stream()
                .filter(p -> p.name().equals("10M-family")).findFirst().orElseThrow();
        assertEquals(Optional.of("2M/10M"), profile.rateLimit());
        assertEquals(3, profile.sharedUsers().orElseThrow());

        List<OperationResult> cleared = twice(() -> operations.ensureHotspotProfile(
                new EnsureHotspotProfile("10M-family", Optional.empty(), 1)));
        assertEquals(List.of(UPDATED, UNCHANGED), outcomes(cleared));
        assertEquals(List.of("rate-limit", "shared-users"), cleared.getFirst().changedProperties());
        profile = router.simulator.state().hotspotUserProfiles().stream()
                .filter(p -> p.name().equals("10M-family")).findFirst().orElseThrow();
        assertEquals(Optional.empty(), profile.rateLimit());
        assertEquals(1, profile.sharedUsers().orElseThrow());

        // "2000k/5M" on the router is the same limit as 2M/5M: nothing to do.
        assertEquals(List.of(UNCHANGED, UNCHANGED), outcomes(twice(() -> operations.ensureHotspotProfile(
                new EnsureHotspotProfile("1h-5M", Optional.of(RateLimit.parse("2000k/5M")), 2)))));

        assertEquals(List.of(UPDATED, UNCHANGED), outcomes(twice(() -> operations.ensurePppProfile(
                new EnsurePppProfile("pppoe-10M", Optional.of(RateLimit.parse("5M/20M")))))));
        assertEquals(List.of(CREATED, UNCHANGED), outcomes(twice(() -> operations.ensurePppProfile(
                new EnsurePppProfile("pppoe-free", Optional.empty())))));
        var pppProfiles = router.simulator.state().pppProfiles();
        assertEquals(Optional.of("5M/20M"),
                pppProfiles.stream().filter(p -> p.name().equals("pppoe-10M")).findFirst().orElseThrow().rateLimit());
        assertEquals(Optional.empty(),
                pppProfiles.stream().filter(p -> p.name().equals("pppoe-free")).findFirst().orElseThrow().rateLimit());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void applyRunsEveryCommandKindAndASecondPassEndsTheSame(Mode mode) throws Exception {
        start(mode);
        List<RouterCommand> pass = List.of(
                new EnsureHotspotProfile("5M", Optional.of(RateLimit.parse("1M/5M")), 1),
                new EnsurePppProfile("ppp-5M", Optional.of(RateLimit.parse("5M"))),
                new EnsureHotspotUser(CODE, "", "5M", Optional.of(Duration.ofMinutes(30)), OptionalLong.empty(), ""),
                new EnsurePppSecret("cust-7", "secret7", "ppp-5M", ""),
                new DisableHotspotUser(CODE), new KickHotspotUser(CODE), new EnableHotspotUser(CODE),
                new DisablePppSecret("cust-7"), new KickPppUser("cust-7"), new EnablePppSecret("cust-7"),
                new RemoveHotspotUser("OLD-VOUCHER-1"), new RemovePppSecret("cust-old"));
        for (RouterCommand command : pass) {
            operations.apply(command);
        }
        SimulatedRouter.Snapshot afterFirst = router.snapshot();
        for (RouterCommand command : pass) {
            OperationResult result = operations.apply(command);
            boolean togglesDisabled = command instanceof DisableHotspotUser || command instanceof EnableHotspotUser
                    || command instanceof DisablePppSecret || command instanceof EnablePppSecret;
            assertEquals(togglesDisabled ? UPDATED : UNCHANGED, result.outcome(), command.type());
        }
        assertEquals(afterFirst, router.snapshot());
        assertEquals(Duration.ofMinutes(30), hotspotUser().limitUptime().orElseThrow());
    }

    // ---------------------------------------------------------------- races and lost replies

    @ParameterizedTest
    @EnumSource(Mode.class)
    void addRacingAnotherWriterBecomesAnUpdate(Mode mode) throws Exception {
        start(mode);
        RouterOperations racing = new RouterOperations(new RacingSession(router.open(), "/ip/hotspot/user/add",
                () -> router.simulator.addHotspotUserBehindBillingsBack(CODE, "someone-else", "default")));

        OperationResult result = racing.ensureHotspotUser(voucher(PASSWORD, "1h-5M", Duration.ofHours(2), 0, "batch B1"));

        assertEquals(UPDATED, result.outcome());
        assertEquals(1, router.simulator.state().hotspotUsers().size());
        HotspotUser user = hotspotUser();
        assertEquals(PASSWORD, user.password());
        assertEquals("1h-5M", user.profile());
        assertEquals(Optional.of(Duration.ofHours(2)), user.limitUptime());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void setOnAUserRemovedMeanwhileBecomesAnAdd(Mode mode) throws Exception {
        start(mode);
        operations.ensureHotspotUser(voucher("old", "1h-5M", null, 0, ""));
        RouterOperations racing = new RouterOperations(new RacingSession(router.open(), "/ip/hotspot/user/set",
                () -> router.simulator.state().removeHotspotUser(CODE)));

        assertEquals(CREATED, racing.ensureHotspotUser(voucher(PASSWORD, "1h-5M", null, 0, "")).outcome());
        assertEquals(PASSWORD, hotspotUser().password());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void kickOfASessionThatEndedMeanwhileIsSuccess(Mode mode) throws Exception {
        start(mode);
        operations.ensureHotspotUser(voucher(PASSWORD, "1h-5M", null, 0, ""));
        router.simulator.login(CODE, "10.5.50.2", "AA:BB:CC:00:00:01");
        RouterOperations racing = new RouterOperations(new RacingSession(router.open(), "/ip/hotspot/active/remove",
                () -> router.simulator.state().logoutHotspotUser(CODE)));

        assertEquals(UNCHANGED, racing.kickHotspotUser(new KickHotspotUser(CODE)).outcome());
        assertEquals(List.of(), router.simulator.state().hotspotActive());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void lostReplyAfterTheRouterAppliedTheAddThenRetryCreatesNoSecondUser(Mode mode) throws Exception {
        start(mode);
        EnsureHotspotUser command = voucher(PASSWORD, "1h-5M", Duration.ofHours(1), 0, "batch B1");
        router.simulator.faults().failNext("/ip/hotspot/user/add", CommandFault.APPLY_THEN_DISCONNECT);

        RouterUnreachableException lost = assertThrows(RouterUnreachableException.class,
                () -> operations.ensureHotspotUser(command));
        assertTrue(lost.getMessage().contains("may or may not have been applied"), lost.getMessage());
        assertFalse(lost.getMessage().contains(CODE));

        // The consumer's retry: a new session (the old one is broken) and the same command.
        OperationResult retry = new RouterOperations(router.open()).ensureHotspotUser(command);

        assertEquals(UNCHANGED, retry.outcome());
        assertEquals(1, router.simulator.state().hotspotUsers().size());
        assertEquals(1, router.simulator.stats().commandsApplied("/ip/hotspot/user/add"));
        assertEquals(PASSWORD, hotspotUser().password());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void silentRouterAfterApplyingThenRetryCreatesNoSecondUser(Mode mode) throws Exception {
        start(mode);
        EnsureHotspotUser command = voucher(PASSWORD, "1h-5M", null, 0, "");
        router.simulator.faults().failNext("/ip/hotspot/user/add", CommandFault.APPLY_THEN_SILENCE);
        var impatient = new RouterOperations(router.open(
                new RouterOsClientSettings(Duration.ofSeconds(5), Duration.ofMillis(500))));

        assertThrows(RouterOsTimeoutException.class, () -> impatient.ensureHotspotUser(command));
        assertEquals(UNCHANGED, new RouterOperations(router.open()).ensureHotspotUser(command).outcome());
        assertEquals(1, router.simulator.state().hotspotUsers().size());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void fatalInTheMiddleOfAPrintFailsFastAndARetrySucceeds(Mode mode) throws Exception {
        start(mode);
        operations.ensureHotspotUser(voucher(PASSWORD, "1h-5M", null, 0, ""));
        router.simulator.faults().failNext("/ip/hotspot/user/print", CommandFault.FATAL_MID_REPLY);

        RouterUnreachableException e = assertThrows(RouterUnreachableException.class,
                () -> operations.removeHotspotUser(new RemoveHotspotUser(CODE)));
        assertTrue(e.getMessage().contains("the router ended the API session: simulated fatal error"), e.getMessage());
        assertEquals(REMOVED, new RouterOperations(router.open()).removeHotspotUser(new RemoveHotspotUser(CODE)).outcome());
    }

    // ---------------------------------------------------------------- reads for the poll

    @ParameterizedTest
    @EnumSource(Mode.class)
    void readsActiveSessionsWithTheirCounters(Mode mode) throws Exception {
        start(mode);
        assertEquals(List.of(), operations.activeHotspotSessions());
        assertEquals(List.of(), operations.activePppSessions());

        operations.ensureHotspotUser(voucher(PASSWORD, "1h-5M", null, 0, ""));
        operations.ensurePppSecret(new EnsurePppSecret("cust-0042", "p", "pppoe-10M", ""));
        router.simulator.login(CODE, "10.5.50.2", "AA:BB:CC:00:00:01");
        router.simulator.state().connectPpp("cust-0042", "10.10.0.2", "AA:BB:CC:00:00:09");
        router.simulator.advance(Duration.ofMinutes(5), 1_000, 4_000);

        List<ActiveHotspotSession> hotspot = operations.activeHotspotSessions();
        assertEquals(1, hotspot.size());
        ActiveHotspotSession session = hotspot.getFirst();
        assertEquals(router.simulator.state().hotspotActive().getFirst().id(), session.sessionId());
        assertEquals(CODE, session.user());
        assertEquals("10.5.50.2", session.address());
        assertEquals("AA:BB:CC:00:00:01", session.macAddress());
        assertEquals(Duration.ofMinutes(5), session.uptime());
        assertEquals(300_000, session.bytesIn());
        assertEquals(1_200_000, session.bytesOut());
        assertFalse(session.toString().contains(CODE));

        List<ActivePppSession> ppp = operations.activePppSessions();
        assertEquals(1, ppp.size());
        ActivePppSession pppSession = ppp.getFirst();
        assertEquals("cust-0042", pppSession.name());
        assertEquals("pppoe", pppSession.service());
        assertEquals("AA:BB:CC:00:00:09", pppSession.callerId());
        assertEquals("10.10.0.2", pppSession.address());
        assertEquals(Duration.ofMinutes(5), pppSession.uptime());
        assertEquals(OptionalLong.of(300_000), pppSession.bytesIn());
        assertEquals(OptionalLong.of(1_200_000), pppSession.bytesOut());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void readsSystemResourceAndIdentity(Mode mode) throws Exception {
        start(mode);
        router.simulator.state().setCpuLoad(17);
        router.simulator.advance(Duration.ofDays(3).plusMinutes(2), 0, 0);

        SystemResource resource = operations.systemResource();

        assertEquals("rtr-test", resource.identity());
        assertEquals(mode.version.toString(), resource.version());
        assertEquals("hAP ac^2", resource.boardName());
        assertEquals(Duration.ofDays(3).plusMinutes(2), resource.uptime());
        assertEquals(17, resource.cpuLoadPercent());
        assertEquals(256L * 1024 * 1024, resource.totalMemoryBytes());
        assertTrue(resource.freeMemoryBytes() > 0 && resource.freeMemoryBytes() < resource.totalMemoryBytes());
        assertEquals("rtr-test", operations.identity());
    }

    // ---------------------------------------------------------------- isolation and fair use

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aPppSubscriberIsThrottledIsolatedAndRestoredWithoutLosingItsConnection(Mode mode) throws Exception {
        start(mode);
        var state = router.simulator.state();
        state.addPppProfile(Map.of("name", "pppoe-10M-fup", "rate-limit", "1M/1M"));
        state.addPppProfile(Map.of("name", com.wispbill.domain.routercommand.Isolation.PROFILE,
                "address-list", com.wispbill.domain.routercommand.Isolation.ADDRESS_LIST));
        state.addPppSecret(Map.of("name", "otieno-home", "password", "pw", "service", "pppoe", "profile", "pppoe-10M"));
        state.connectPpp("otieno-home", "10.20.0.9", "AA:BB:CC:00:09:01");
        assertEquals(Optional.of("10M/10M"), state.pppSessionRateLimit("otieno-home"));
        var ppp = com.wispbill.domain.routercommand.UserService.PPP;

        twice(() -> operations.apply(new com.wispbill.domain.routercommand.ThrottleUser(ppp, "otieno-home",
                "pppoe-10M-fup", com.wispbill.domain.RateLimit.parse("1M/1M"))));
        assertEquals(Optional.of("1M/1M"), state.pppSessionRateLimit("otieno-home"), "throttled now");
        assertEquals("pppoe-10M-fup", pppSecret("otieno-home").profile(), "and after a reconnect");

        twice(() -> operations.apply(new com.wispbill.domain.routercommand.IsolateUser(ppp, "otieno-home")));
        assertEquals(com.wispbill.domain.routercommand.Isolation.PROFILE, pppSecret("otieno-home").profile());
        assertTrue(state.inAddressList(com.wispbill.domain.routercommand.Isolation.ADDRESS_LIST, "10.20.0.9"));
        assertEquals(1, state.pppActive().size());

        twice(() -> operations.apply(new com.wispbill.domain.routercommand.RestoreUser(ppp, "otieno-home", "pppoe-10M")));
        assertEquals("pppoe-10M", pppSecret("otieno-home").profile());
        assertFalse(state.inAddressList(com.wispbill.domain.routercommand.Isolation.ADDRESS_LIST, "10.20.0.9"));
        assertEquals(List.of(), state.print("/queue/simple"));
        assertEquals(1, state.pppActive().size(), "never disconnected");
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = "V7_19_PLAIN")
    void isolatingAUserThatIsNotOnTheRouterIsAnError(Mode mode) throws Exception {
        start(mode);
        assertThrows(com.wispbill.router.routeros.RouterObjectNotFoundException.class, () -> operations.apply(
                new com.wispbill.domain.routercommand.IsolateUser(com.wispbill.domain.routercommand.UserService.HOTSPOT,
                        CODE)));
    }
}
