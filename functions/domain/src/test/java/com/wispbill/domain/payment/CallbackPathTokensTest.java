package com.wispbill.domain.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallbackPathTokensTest {
    /** ULID-shaped ids whose Crockford letters spell words Daraja refuses in C2B URLs. */
    private static final List<String> DARAJA_WORD_IDS = List.of("01JEXE0000000000000000000A", "01JCMD0000000000000000000A",
            "01JMPESA00000000000000000A", "01JEXEC000000000000000000A");

    @Test
    void aTokenNeverHoldsAWordDarajaRefusesWhateverTheResellerIdSpells() {
        for (String id : DARAJA_WORD_IDS) {
            assertTrue(DarajaUrlWords.refused(id), id);
            for (int i = 0; i < 200; i++) {
                String token = CallbackPathTokens.newToken(id);
                assertFalse(DarajaUrlWords.refused(token), token);
                assertEquals(Optional.of(id), CallbackPathTokens.resellerOf(token));
            }
        }
    }

    @Test
    void operatorChosenIdsWithDotsAndDashesAreReadBack() {
        for (String id : List.of("demo-reseller", "a.b.c", "X_1")) {
            assertEquals(Optional.of(id), CallbackPathTokens.resellerOf(CallbackPathTokens.newToken(id)));
        }
    }

    @Test
    void tokensOfTheFormerFormStillNameTheirReseller() {
        String secret = "ab".repeat(32);
        assertEquals(Optional.of("01JEXE0000000000000000000A"), CallbackPathTokens.resellerOf("01JEXE0000000000000000000A." + secret));
        assertEquals(Optional.of("demo.reseller"), CallbackPathTokens.resellerOf("demo.reseller." + secret));
    }

    @Test
    void anythingNotShapedLikeATokenNamesNoReseller() {
        String secret = "ab".repeat(32);
        String hexId = HexFormat.of().formatHex("z1".getBytes());
        for (String bad : new String[] {null, "", secret, "-" + secret, hexId + "-" + secret.substring(1),
                hexId.toUpperCase() + "-" + secret, hexId + "a-" + secret, hexId + "-" + secret + "0",
                HexFormat.of().formatHex("#1".getBytes()) + "-" + secret, "z1." + secret.substring(2)}) {
            assertEquals(Optional.empty(), CallbackPathTokens.resellerOf(bad), String.valueOf(bad));
        }
        assertEquals(Optional.of("z1"), CallbackPathTokens.resellerOf(hexId + "-" + secret));
        assertNotEquals(CallbackPathTokens.newToken("R1"), CallbackPathTokens.newToken("R1"));
    }
}
