package com.wispbill.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void issuedKeysStoreOnlyTheHash() {
        ApiKeys.Issued issued = ApiKeys.issue(Fixtures.RESELLER, ApiKeyRole.RESELLER, Fixtures.CLOCK);
        assertTrue(issued.secret().startsWith("wbk_"));
        assertEquals(4 + 32, issued.secret().length());
        assertEquals(ApiKeys.hash(issued.secret()), issued.key().keyHash());
        assertTrue(issued.secret().startsWith(issued.key().visiblePrefix()));
        assertFalse(issued.toString().contains(issued.secret()));
        assertFalse(issued.key().toString().contains(issued.secret()));
        assertTrue(issued.key().isActive());
        assertFalse(issued.key().revoked().isActive());
        assertNotEquals(issued.secret(), ApiKeys.issue(Fixtures.RESELLER, ApiKeyRole.RESELLER, Fixtures.CLOCK).secret());
    }

    @Test
    void aKeptSecretIsIssuedAgainWithItsHashAndOnlyIfItHasTheFormOfAnIssuedOne() {
        String secret = ApiKeys.issue(Fixtures.RESELLER, ApiKeyRole.RESELLER, Fixtures.CLOCK).secret();
        ApiKeys.Issued again = ApiKeys.withSecret(Fixtures.RESELLER, ApiKeyRole.OPERATOR, secret, Fixtures.CLOCK);
        assertEquals(secret, again.secret());
        assertEquals(ApiKeys.hash(secret), again.key().keyHash());
        assertEquals(ApiKeyRole.OPERATOR, again.key().role());
        for (String bad : new String[]{"wbk_short", "wbk_0123456789ABCDEFGHJKMNPQRSTVWXYI", "xyz_0123456789ABCDEFGHJKMNPQRSTVWXYZ", null}) {
            assertThrows(ValidationException.class, () -> ApiKeys.withSecret(Fixtures.RESELLER, ApiKeyRole.RESELLER, bad, Fixtures.CLOCK), bad);
        }
    }

    @Test
    void hashIsHexSha256() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeys.hash("abc"));
        assertNotEquals(ApiKeys.hash("abc"), ApiKeys.hash("abc "));
    }

    @Test
    void rejectsMalformedHashes() {
        assertThrows(ValidationException.class, () -> new ApiKey("k1", "r1", ApiKeyRole.RESELLER, "wbk_ABC",
                "ABC", ApiKeyStatus.ACTIVE, Fixtures.NOW));
    }
}
