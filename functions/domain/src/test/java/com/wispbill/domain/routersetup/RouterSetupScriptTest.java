package com.wispbill.domain.routersetup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.ValidationException;
import java.security.KeyFactory;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterSetupScriptTest {
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final WireGuardKeyPair HUB = WireGuardKeyPair.generate();
    private static final WireGuardKeyPair ROUTER = WireGuardKeyPair.generate();
    private static final String PASSWORD = "Zx9$q?\"w\\long-enough-pw";

    private static RouterSetupParameters parameters(boolean allowPlainApi) {
        return new RouterSetupParameters("01JRTR0000000000000000000A", "hs-nairobi-1", "203.0.113.10", 51820,
                HUB.publicKey(), "10.41.0.1", "10.41.0.23", 16, ROUTER, "wispbill", PASSWORD, allowPlainApi);
    }

    private static List<String> lines(String script) {
        return script.lines().toList();
    }

    @Test
    void apiUserGetsOnlyApiReadWriteAndLogsInFromTheHubOnly() {
        List<String> script = lines(RouterSetupScript.generate(parameters(false), AT));

        assertTrue(script.contains("/user group add name=wispbill-api policy=api,read,write comment=\"WISPbill\""));
        String user = script.stream().filter(l -> l.startsWith("/user add ")).findFirst().orElseThrow();
        assertTrue(user.contains("group=wispbill-api"));
        assertTrue(user.contains("address=10.41.0.1/32"));
        assertTrue(user.contains("password=\"Zx9\\$q\\?\\\"w\\\\long-enough-pw\""), user);
    }

    @Test
    void apiSslOnlyForTheHubWithARouterSignedCertificateAndPlainApiOff() {
        List<String> script = lines(RouterSetupScript.generate(parameters(false), AT));

        assertTrue(script.contains("/ip service set api-ssl disabled=no port=8729 certificate=wispbill-api "
                + "address=10.41.0.1/32 tls-version=only-1.2"));
        assertTrue(script.contains("/ip service set api disabled=yes"));
        assertTrue(script.stream().anyMatch(l -> l.startsWith("/certificate add name=wispbill-api common-name=10.41.0.23 "
                + "subject-alt-name=IP:10.41.0.23")));
        assertTrue(script.contains("/certificate sign wispbill-api ca=wispbill-api-ca"));
        assertTrue(script.contains("/certificate export-certificate wispbill-api-ca file-name=wispbill-api-ca"));
        assertTrue(script.stream().anyMatch(l -> l.contains("dst-port=8729 action=accept")));
    }

    @Test
    void plainApiOnlyWhenTheRouterRecordAllowsItAndThenOnlyForTheHub() {
        List<String> script = lines(RouterSetupScript.generate(parameters(true), AT));

        assertTrue(script.contains("/ip service set api disabled=no port=8728 address=10.41.0.1/32"));
        assertTrue(script.stream().anyMatch(l -> l.contains("dst-port=8728,8729 action=accept")));
    }

    @Test
    void wireGuardPeerIsTheHubWithKeepaliveAndTheRouterGetsItsTunnelAddress() {
        List<String> script = lines(RouterSetupScript.generate(parameters(false), AT));

        assertTrue(script.contains("/interface wireguard add name=wg-wispbill listen-port=13231 private-key=\""
                + ROUTER.privateKey() + "\" comment=\"WISPbill\""));
        assertTrue(script.contains("/interface wireguard peers add interface=wg-wispbill public-key=\"" + HUB.publicKey()
                + "\" endpoint-address=203.0.113.10 endpoint-port=51820 allowed-address=10.41.0.1/32 "
                + "persistent-keepalive=25s comment=\"WISPbill\""));
        assertTrue(script.contains("/ip address add address=10.41.0.23/16 interface=wg-wispbill comment=\"WISPbill\""));
    }

    @Test
    void everyAddIsPrecededByTheRemovalOfAnEarlierRunsObject() {
        String script = RouterSetupScript.generate(parameters(false), AT);

        assertTrue(script.indexOf("/user remove [find name=\"wispbill\"]") < script.indexOf("/user add "));
        assertTrue(script.indexOf("/interface wireguard remove") < script.indexOf("/interface wireguard add"));
        assertTrue(script.indexOf("/ip firewall filter remove") < script.indexOf("/ip firewall filter add"));
        assertTrue(script.indexOf("/certificate remove [find name=\"wispbill-api\"]") < script.indexOf("/certificate add"));
    }

    @Test
    void parametersAreValidatedAndNeverShowSecrets() {
        ValidationException e = assertThrows(ValidationException.class, () -> new RouterSetupParameters("01JRTR", "r",
                "203.0.113.10", 51820, "not-a-key", "10.41.0.1", "10.41.0.1", 16, ROUTER, "where now", "short", false));
        String message = e.getMessage();
        assertTrue(message.contains("hubPublicKey") && message.contains("routerTunnelAddress")
                && message.contains("apiUsername") && message.contains("apiPassword"), message);
        assertFalse(parameters(false).toString().contains(PASSWORD));
        assertFalse(parameters(false).toString().contains(ROUTER.privateKey()));
        assertThrows(IllegalArgumentException.class, () -> RouterSetupScript.quote("line\nbreak"));
    }

    @Test
    void generatedKeysAreAMatchingX25519Pair() throws Exception {
        WireGuardKeyPair pair = WireGuardKeyPair.generate();
        assertNotEquals(pair.privateKey(), pair.publicKey());
        assertEquals(32, Base64.getDecoder().decode(pair.publicKey()).length);
        // Recompute the public key from the private one through the JDK: X25519 scalar multiplication of the base point.
        var privateKey = KeyFactory.getInstance("X25519").generatePrivate(
                new XECPrivateKeySpec(NamedParameterSpec.X25519, Base64.getDecoder().decode(pair.privateKey())));
        var agreement = javax.crypto.KeyAgreement.getInstance("X25519");
        agreement.init(privateKey);
        var basePublic = KeyFactory.getInstance("X25519").generatePublic(new java.security.spec.XECPublicKeySpec(
                NamedParameterSpec.X25519, java.math.BigInteger.valueOf(9)));
        agreement.doPhase(basePublic, true);
        assertEquals(pair.publicKey(), Base64.getEncoder().encodeToString(agreement.generateSecret()));
        assertFalse(pair.toString().contains(pair.privateKey()));
    }
}
