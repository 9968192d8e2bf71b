package com.wispbill.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitTest {

    @ParameterizedTest
    @CsvSource({
            "2M/5M, 2000000, 5000000, 2M/5M",
            "512k/2M, 512000, 2000000, 512k/2M",
            "512K/2M, 512000, 2000000, 512k/2M",
            "1G/1G, 1000000000, 1000000000, 1G/1G",
            "5M, 5000000, 5000000, 5M/5M",
            "1500k/3000k, 1500000, 3000000, 1500k/3M",
            "64000/128000, 64000, 128000, 64k/128k",
            "1234/5678, 1234, 5678, 1234/5678",
            " 2M / 5M , 2000000, 5000000, 2M/5M",
    })
    void parsesRouterOsRates(String input, long rx, long tx, String canonical) {
        RateLimit limit = RateLimit.parse(input);
        assertEquals(rx, limit.rxBitsPerSecond());
        assertEquals(tx, limit.txBitsPerSecond());
        assertEquals(canonical, limit.toRouterOs());
        assertEquals(limit, RateLimit.parse(limit.toRouterOs()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2Mbps/5M", "2M/5M 4M/10M", "2M/5M/1M", "0/5M", "2M/0", "1.5M/3M", "2m/5m", "2T/5T",
            "200G/1M", "/", "2M/", "abc", ""})
    void rejectsAnythingElse(String input) {
        assertTrue(assertThrows(ValidationException.class, () -> RateLimit.parse(input)).hasErrorFor("rateLimit"));
    }

    @Test
    void burstSyntaxIsExplicitlyUnsupported() {
        String message = assertThrows(ValidationException.class, () -> RateLimit.parse("2M/5M 4M/10M")).getMessage();
        assertTrue(message.contains("rx/tx"), message);
    }
}
