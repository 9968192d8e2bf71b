package com.wispbill.router.operations;

import com.wispbill.local.routeros.HotspotSession;
import com.wispbill.local.routeros.HotspotUser;
import com.wispbill.local.routeros.HotspotUserProfile;
import com.wispbill.local.routeros.PppProfile;
import com.wispbill.local.routeros.PppSecret;
import com.wispbill.local.routeros.PppSession;
import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.local.routeros.RouterOsVersion;
import com.wispbill.router.routeros.MikrotikRouterOsConnector;
import com.wispbill.router.routeros.RouterOsClientSettings;
import com.wispbill.router.routeros.RouterOsCredentials;
import com.wispbill.router.routeros.RouterOsEndpoint;
import com.wispbill.router.routeros.RouterOsException;
import com.wispbill.router.routeros.RouterOsSession;
import com.wispbill.router.routeros.RouterOsTransport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A started simulator in one {@link Mode}, with sessions to it that are closed with it. */
final class SimulatedRouter implements AutoCloseable {
    static final String API_USER = "wispbill";
    /** Spaces, '=' and a quote: must survive both login methods. */
    static final String API_PASSWORD = "api pass=word's";
    static final RouterOsCredentials CREDENTIALS = new RouterOsCredentials(API_USER, API_PASSWORD);

    /** The RouterOS behaviours the driver must handle, each a version and transport. */
    enum Mode {
        /** Password login; a print without rows answers {@code !empty} then {@code !done}. */
        V7_19_PLAIN(RouterOsVersion.V7_19, false),
        /** Password login, no {@code !empty}. */
        V6_49_PLAIN(RouterOsVersion.V6_49, false),
        /** Challenge-response login only (before 6.43). */
        V6_40_PLAIN(RouterOsVersion.V6_40, false),
        /** api-ssl with the router's certificate pinned and the host name checked; {@code !empty}. */
        V7_19_API_SSL(RouterOsVersion.V7_19, true),
        /** api-ssl with the challenge-response login. */
        V6_40_API_SSL(RouterOsVersion.V6_40, true);

        final RouterOsVersion version;
        final boolean tls;

        Mode(RouterOsVersion version, boolean tls) {
            this.version = version;
            this.tls = tls;
        }
    }

    final RouterOsSimulator simulator;
    final Mode mode;
    private final List<RouterOsSession> sessions = new ArrayList<>();

    private SimulatedRouter(RouterOsSimulator simulator, Mode mode) {
        this.simulator = simulator;
        this.mode = mode;
    }

    static SimulatedRouter start(Mode mode) throws IOException {
        RouterOsSimulator simulator = RouterOsSimulator.builder().identity("rtr-test").version(mode.version)
                .credentials(API_USER, API_PASSWORD).tls(mode.tls).start();
        return new SimulatedRouter(simulator, mode);
    }

    RouterOsEndpoint endpoint() {
        if (mode.tls) {
            return new RouterOsEndpoint("rtr-test", simulator.host(), simulator.tlsPort(),
                    new RouterOsTransport.Tls(List.of(simulator.tlsCertificate()), true));
        }
        return new RouterOsEndpoint("rtr-test", simulator.host(), simulator.port(), RouterOsTransport.plainText());
    }

    RouterOsSession open() throws RouterOsException {
        return open(RouterOsClientSettings.DEFAULT);
    }

    RouterOsSession open(RouterOsClientSettings settings) throws RouterOsException {
        RouterOsSession session = new MikrotikRouterOsConnector(settings).open(endpoint(), CREDENTIALS);
        sessions.add(session);
        return session;
    }

    /** Everything the driver can change, for "the same state after each run" comparisons. */
    Snapshot snapshot() {
        var state = simulator.state();
        return new Snapshot(state.hotspotUsers(), state.hotspotUserProfiles(), state.pppSecrets(), state.pppProfiles(),
                state.hotspotActive(), state.pppActive());
    }

    @Override
    public void close() {
        sessions.forEach(RouterOsSession::close);
        simulator.close();
    }

    record Snapshot(List<HotspotUser> hotspotUsers, List<HotspotUserProfile> hotspotProfiles,
                    List<PppSecret> pppSecrets, List<PppProfile> pppProfiles,
                    List<HotspotSession> hotspotActive, List<PppSession> pppActive) {
    }
}
