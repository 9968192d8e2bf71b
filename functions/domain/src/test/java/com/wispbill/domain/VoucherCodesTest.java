package com.wispbill.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VoucherCodesTest {

    private final VoucherCodes codes = new VoucherCodes();

    @Test
    void minimumLengthGivesAtLeastFiftyBits() {
        assertTrue(VoucherCodes.MIN_LENGTH * VoucherCodes.BITS_PER_CHARACTER >= 50);
        assertTrue(VoucherCodes.DEFAULT_LENGTH >= VoucherCodes.MIN_LENGTH);
        assertEquals(32, VoucherCodes.ALPHABET.length());
    }

    @Test
    void entropyOfTheDefaultAndEveryAllowedLengthIsAtLeastFiftyBits() {
        assertEquals(50, VoucherCodes.entropyBits(10));
        for (int length = VoucherCodes.MIN_LENGTH; length <= VoucherCodes.MAX_LENGTH; length++) {
            assertTrue(VoucherCodes.entropyBits(length) >= 50, "length " + length);
        }
        // A reseller created without choosing gets the default, and the domain refuses shorter codes.
        Reseller reseller = Reseller.create("Net", java.time.ZoneId.of("Africa/Nairobi"),
                java.util.Currency.getInstance("KES"), Fixtures.CLOCK);
        assertTrue(VoucherCodes.entropyBits(reseller.voucherCodeLength()) >= 50);
        assertThrows(ValidationException.class, () -> new Reseller("r1", "Net", java.time.ZoneId.of("Africa/Nairobi"),
                java.util.Currency.getInstance("KES"), ResellerStatus.ACTIVE, 9, Fixtures.NOW));
    }

    @Test
    void alphabetHasNoLookAlikes() {
        for (char lookAlike : "ILOU".toCharArray()) {
            assertTrue(VoucherCodes.ALPHABET.indexOf(lookAlike) < 0, "alphabet contains " + lookAlike);
        }
        assertEquals(32, VoucherCodes.ALPHABET.chars().distinct().count());
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 14, 20, 32})
    void generatesTheConfiguredLength(int length) {
        for (int i = 0; i < 200; i++) {
            String code = codes.generate(length);
            assertEquals(length, code.length());
            assertEquals(code, VoucherCodes.normalize(code.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    @Test
    void generatedCodesUseOnlyTheUnambiguousAlphabetAndAllOfIt() {
        Map<Character, Integer> seen = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            String code = codes.generate(12);
            assertEquals(12, code.length());
            assertTrue(VoucherCodes.isCanonical(code), code);
            assertFalse(code.matches(".*[ILOU].*"), code);
            for (char c : code.toCharArray()) {
                seen.merge(c, 1, Integer::sum);
            }
        }
        assertEquals(32, seen.size());
        // 24,000 draws over 32 symbols: 750 expected each; a broken generator is far outside this band.
        seen.values().forEach(n -> assertTrue(n > 550 && n < 950, "skewed distribution: " + seen));
    }

    @Test
    void lengthOutsideBoundsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> codes.generate(9));
        assertThrows(IllegalArgumentException.class, () -> codes.generate(33));
        assertEquals(32, codes.generate(32).length());
    }

    @ParameterizedTest
    @CsvSource({
            "abcd-efgh-jk, ABCDEFGHJK",
            "ABCD EFGH JK, ABCDEFGHJK",
            "oOiIlL012345, 001111012345",
            "  x7k2-m9q4-tt  , X7K2M9Q4TT",
    })
    void normalizesWhatPeopleType(String typed, String canonical) {
        assertEquals(canonical, VoucherCodes.normalize(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCD-EFGH-JU", "ABCD*EFGHJK", "ABCD_EFGHJK", "ÄBCDEFGHJK", "ABC", "", "0123456789ABCDEFGHJKMNPQRSTVWXYZ0"})
    void rejectsAnythingElse(String typed) {
        var e = assertThrows(ValidationException.class, () -> VoucherCodes.normalize(typed));
        assertTrue(e.hasErrorFor("code"));
    }

    @Test
    void errorMessageNeverEchoesTheCode() {
        var e = assertThrows(ValidationException.class, () -> VoucherCodes.normalize("SECRETCODEU1"));
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        assertTrue(e.getMessage().contains("character 11"), e.getMessage());
    }

    @Test
    void groupsForDisplay() {
        assertEquals("ABCD-EFGH-JK", VoucherCodes.group("ABCDEFGHJK"));
        assertEquals("ABC-DEF-GHJ-K", VoucherCodes.group("ABCDEFGHJK", 3));
        assertEquals("ABCD-EFGH", VoucherCodes.group("ABCDEFGH"));
        assertEquals("ABCDEFGHJK", VoucherCodes.normalize(VoucherCodes.group("ABCDEFGHJK")));
    }

    @Test
    void masksForLogs() {
        assertEquals("AB******JK", VoucherCodes.mask("ABCDEFGHJK"));
        assertEquals("*****", VoucherCodes.mask("ABCDE"));
        assertEquals("null", VoucherCodes.mask(null));
    }
}
