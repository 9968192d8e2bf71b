package com.wispbill.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Currency;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {
    private static final Optional<String> KENYA = PhoneNumbers.callingCode(Currency.getInstance("KES"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0712 000 222       | +254712000222",
        "0712-000-222       | +254712000222",
        "(0712) 000222      | +254712000222",
        "254712000222       | +254712000222",
        "00254 712 000 222  | +254712000222",
        "+254 712 000 222   | +254712000222",
        "+255 712 000 222   | +255712000222",
    })
    void localFormsBecomeE164WithTheResellersCountry(String typed, String e164) {
        assertEquals(e164, PhoneNumbers.requireE164(typed, "phone", KENYA));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "07", "0712 000 222 333 444 555", "phone", "+0712000222"})
    void anythingElseIsAFieldError(String typed) {
        ValidationException e = assertThrows(ValidationException.class, () -> PhoneNumbers.requireE164(typed, "phone", KENYA));
        assertTrue(e.hasErrorFor("phone"));
        assertTrue(e.getMessage().contains("0712 345 678"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0712 345            | 9 digits after +254 (6 given, e.g. 0712 345 678)",
        "0712 345 6789       | 9 digits after +254 (10 given",
        "+255 712 000 22     | 9 digits after +255 (8 given",
        "+91 98765 4321      | 10 digits after +91 (9 given)",
        "+234 803 123 45678  | 8 to 10 digits after +234 (11 given",
    })
    void numbersOfTheWrongLengthForTheirCountryAreFieldErrors(String typed, String message) {
        ValidationException local = assertThrows(ValidationException.class, () -> PhoneNumbers.requireE164(typed, "phone", KENYA));
        assertTrue(local.hasErrorFor("phone"));
        assertTrue(local.getMessage().contains(message), local.getMessage());
        if (typed.startsWith("+")) {
            ValidationException international = assertThrows(ValidationException.class, () -> PhoneNumbers.requireE164(typed, "phone"));
            assertTrue(international.getMessage().contains(message), international.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"+2348031234567", "+23480312345", "+27821234567", "+14155550100", "+6281234567890", "+447911123456"})
    void numbersOfTheirCountrysLengthOrOfAnUncheckedCountryPass(String e164) {
        assertEquals(e164, PhoneNumbers.requireE164(e164, "phone"));
    }

    @Test
    void countriesComeFromTheCurrencyAndUnknownOnesNeedTheInternationalForm() {
        assertEquals(Optional.of("62"), PhoneNumbers.callingCode(Currency.getInstance("IDR")));
        assertEquals("+6281234567890", PhoneNumbers.requireE164("081234567890", "phone",
            PhoneNumbers.callingCode(Currency.getInstance("IDR"))));
        assertEquals(Optional.empty(), PhoneNumbers.callingCode(Currency.getInstance("USD")));
        assertThrows(ValidationException.class, () -> PhoneNumbers.requireE164("0712000222", "phone", Optional.empty()));
        assertEquals("+14155550100", PhoneNumbers.requireE164("+1 415 555 0100", "phone", Optional.empty()));
        assertThrows(ValidationException.class, () -> PhoneNumbers.requireE164(" ", "phone", KENYA));
    }
}
