package com.wispbill.local.routeros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginTest {

    /** The pre-6.43 response, computed here independently of the simulator: 00 + md5(0x00, password, challenge). */
    static String md5Response(String password, String challengeHex) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(new byte[] {0});
            md5.update(password.getBytes(StandardCharsets.UTF_8));
            md5.update(HexFormat.of().parseHex(challengeHex));
            return "00" + HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void passwordLoginSucceedsWithTheRightCredentials() throws IOException {
        try (RouterOsSimulator router = RouterOsSimulator.builder().credentials("api", "s3cret").start();
             RawApiClient client = RawApiClient.connect(router)) {
            assertEquals(List.of(List.of("!done")), client.call("/login", "=name=api", "=password=s3cret"));
            assertEquals("MikroTik", RawApiClient.rows(client.call("/system/identity/print")).getFirst().get("name"));
            assertEquals(1, router.stats().logins());
        }
    }

    @Test
    void wrongPasswordIsTrappedThenDoneAndLeavesTheClientLoggedOut() throws IOException {
        try (RouterOsSimulator router = RouterOsSimulator.builder().credentials("api", "s3cret").start();
             RawApiClient client = RawApiClient.connect(router)) {
            assertEquals(List.of(List.of("!trap", "=message=invalid user name or password (6)"), List.of("!done")),
                client.call("/login", "=name=api", "=password=wrong"));
            assertEquals(List.of(List.of("!trap", "=message=not logged in"), List.of("!done")),
                client.call("/system/identity/print"));
            assertEquals(List.of(List.of("!trap", "=message=invalid user name or password (6)"), List.of("!done")),
                client.call("/login", "=name=admin", "=password=s3cret"));
            assertEquals(List.of(List.of("!done")), client.call("/login", "=name=api", "=password=s3cret"),
                "the connection stays usable for another attempt");
            assertEquals(2, router.stats().failedLogins());
            assertEquals(1, router.stats().logins());
        }
    }

    @Test
    void noCommandRunsBeforeLoginAndNoneIsCounted() throws IOException {
        try (RouterOsSimulator router = RouterOsSimulator.builder().start();
             RawApiClient client = RawApiClient.connect(router)) {
            assertEquals(List.of(List.of("!trap", "=message=not logged in", ".tag=3"), List.of("!done", ".tag=3")),
                client.call("/ip/hotspot/user/add", "=name=v-1", ".tag=3"));
            assertEquals(List.of(), router.state().hotspotUsers());
            assertEquals(0, router.stats().commandsReceived("/ip/hotspot/user/add"));
        }
    }

    @Test
    void preSixFortyThreeRouterSpeaksOnlyTheChallengeLogin() throws IOException {
        try (RouterOsSimulator router = RouterOsSimulator.builder().version(RouterOsVersion.V6_40)
                 .credentials("api", "s3cret").start();
             RawApiClient client = RawApiClient.connect(router)) {
            // A name and password do not log in: the old router ignores them and answers a challenge.
            List<List<String>> reply = client.call("/login", "=name=api", "=password=s3cret");
            assertEquals(1, reply.size());
            assertEquals("!done", reply.getFirst().getFirst());
            String challenge = RawApiClient.attributes(reply.getFirst()).get("ret");
            assertTrue(challenge.matches("[0-9a-f]{32}"), challenge);
            assertEquals(List.of(List.of("!trap", "=message=not logged in"), List.of("!done")),
                client.call("/system/resource/print"));

            assertEquals(List.of(List.of("!done")),
                client.call("/login", "=name=api", "=response=" + md5Response("s3cret", challenge)));
            assertEquals("6.40.9 (bugfix)",
                RawApiClient.rows(client.call("/system/resource/print")).getFirst().get("version"));
        }
    }

    @Test
    void preSixFortyThreeRejectsAWrongResponseAndAReusedChallenge() throws IOException {
        try (RouterOsSimulator router = RouterOsSimulator.builder().version(RouterOsVersion.V6_40)
                 .credentials("api", "s3cret").start();
             RawApiClient client = RawApiClient.connect(router)) {
            String challenge = RawApiClient.attributes(client.call("/login").getFirst()).get("ret");
            assertEquals(List.of(List.of("!trap", "=message=cannot log in"), List.of("!done")),
                client.call("/login", "=name=api", "=response=" + md5Response("wrong", challenge)));
            assertEquals(List.of(List.of("!trap", "=message=cannot log in"), List.of("!done")),
                client.call("/login", "=name=api", "=response=" + md5Response("s3cret", challenge)),
                "a challenge is good for one answer only");
            assertEquals(0, router.stats().logins());
        }
    }

    @Test
    void fromSixFortyThreeToSixFortyFiveBothLoginsWork() throws IOException {
        RouterOsVersion transitional = RouterOsVersion.parse("6.44.6");
        try (RouterOsSimulator router = RouterOsSimulator.builder().version(transitional)
                 .credentials("api", "s3cret").start()) {
            try (RawApiClient client = RawApiClient.connect(router)) {
                String challenge = RawApiClient.attributes(client.call("/login").getFirst()).get("ret");
                assertEquals(List.of(List.of("!done")),
                    client.call("/login", "=name=api", "=response=" + md5Response("s3cret", challenge)));
            }
            try (RawApiClient client = RawApiClient.connect(router)) {
                assertEquals(List.of(List.of("!done")), client.call("/login", "=name=api", "=password=s3cret"));
            }
        }
    }

    @Test
    void fromSixFortyFiveOneTheChallengeLoginIsGone() throws IOException {
        try (RouterOsSimulator router = RouterOsSimulator.builder().version(RouterOsVersion.V6_49)
                 .credentials("api", "s3cret").start();
             RawApiClient client = RawApiClient.connect(router)) {
            assertEquals(List.of(List.of("!trap", "=message=invalid user name or password (6)"), List.of("!done")),
                client.call("/login"));
            assertEquals(List.of(List.of("!trap", "=message=invalid user name or password (6)"), List.of("!done")),
                client.call("/login", "=name=api", "=response=00" + "0".repeat(32)));
            assertEquals(0, router.stats().logins());
        }
    }

    @Test
    void versionsKnowTheirLoginMethods() {
        assertTrue(RouterOsVersion.V6_40.supportsChallengeLogin());
        assertFalse(RouterOsVersion.V6_40.supportsPasswordLogin());
        assertTrue(RouterOsVersion.parse("6.45").supportsChallengeLogin());
        assertFalse(RouterOsVersion.parse("6.45.1").supportsChallengeLogin());
        assertTrue(RouterOsVersion.parse("6.43").supportsPasswordLogin());
        assertFalse(RouterOsVersion.V7_19.supportsChallengeLogin());
        assertFalse(RouterOsVersion.V7_17.sendsEmptyReply());
        assertTrue(RouterOsVersion.parse("7.18").sendsEmptyReply());
        assertEquals("7.19.1 (stable)", RouterOsVersion.V7_19.toString());
        assertEquals("6.44 (long-term)", RouterOsVersion.parse("6.44 (long-term)").toString());
        assertEquals(RouterOsVersion.V6_49, RouterOsVersion.parse("6.49.10"), "a known version keeps its channel");
        assertEquals("7.20 (stable)", RouterOsVersion.parse("7.20").toString());
    }

    @Test
    void rejectLoginsFaultFailsEvenTheRightPassword() throws IOException {
        try (RouterOsSimulator router = RouterOsSimulator.builder().credentials("api", "s3cret").start()) {
            router.faults().rejectLogins(true);
            try (RawApiClient client = RawApiClient.connect(router)) {
                assertEquals("!trap", client.call("/login", "=name=api", "=password=s3cret").getFirst().getFirst());
            }
            router.faults().rejectLogins(false);
            try (RawApiClient client = RawApiClient.connect(router)) {
                assertEquals(List.of(List.of("!done")), client.call("/login", "=name=api", "=password=s3cret"));
            }
        }
    }

    @Test
    void quitEndsTheSessionWithFatal() throws IOException {
        try (RouterOsSimulator router = RouterOsSimulator.builder().start();
             RawApiClient client = RawApiClient.loggedIn(router)) {
            client.send("/quit");
            assertEquals(List.of("!fatal", "session terminated on request"), client.readSentence());
            assertTrue(client.isClosedByPeer());
        }
    }
}
