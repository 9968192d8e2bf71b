package com.wispbill.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TOTP against RFC 6238's SHA-1 test vectors (last six digits), and the PHC strings of the Argon2id hashes. */
class TotpAndPasswordHashingTest {
    /** RFC 6238 Appendix B's SHA-1 key: the ASCII of "12345678901234567890". */
    private static final String RFC_SECRET = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @ParameterizedTest(name = "{0} s")
    @CsvSource({"59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924", "2000000000, 279037",
            "20000000000, 353130"})
    void codesAreRfc6238s(long epochSecond, String code) {
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", RFC_SECRET);
        assertEquals(code, Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(epochSecond))));
    }

    @Test
    void aCodeMatchesItsStepAndOneEitherSideOnceOnly() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = Totp.step(now);
        assertEquals(OptionalLong.of(step), Totp.match(RFC_SECRET, "005924", now, 0));
        assertEquals(OptionalLong.of(step - 1), Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now, 0));
        assertEquals(OptionalLong.of(step + 1), Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now, 0));
        assertTrue(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step + 2), now, 0).isEmpty(), "two steps away");
        assertTrue(Totp.match(RFC_SECRET, "005924", now, step).isEmpty(), "a step already used");
        assertTrue(Totp.match(RFC_SECRET, "5924", now, 0).isEmpty());
        assertTrue(Totp.match(RFC_SECRET, null, now, 0).isEmpty());
        assertEquals(32, Totp.newSecret().length());
        assertTrue(Totp.uri("GEZDGNBV", "ann@example.com").startsWith(
                "otpauth://totp/WISPbill:ann%40example.com?secret=GEZDGNBV&issuer=WISPbill"));
    }

    @Test
    void passwordsAreArgon2idPhcStringsWithSaltAndParametersAndVerifyWithTheirOwnParameters() {
        PasswordHashing owasp = new PasswordHashing();
        String hash = owasp.hash("correct horse battery");
        assertTrue(hash.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), hash);
        assertNotEquals(hash, owasp.hash("correct horse battery"), "a new salt every time");
        assertTrue(owasp.verify("correct horse battery", hash));
        assertFalse(owasp.verify("correct horse batterY", hash));
        assertFalse(owasp.verify("correct horse battery", "$argon2id$v=19$m=19456,t=2,p=1$bad"));

        // parameters raised later: hashes made before still verify with the parameters they carry
        PasswordHashing stronger = new PasswordHashing(32 * 1024, 3, 1);
        assertTrue(stronger.verify("correct horse battery", hash));
        assertTrue(stronger.hash("x").startsWith("$argon2id$v=19$m=32768,t=3,p=1$"));
    }
}
