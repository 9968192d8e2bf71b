package com.wispbill.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CursorsTest {
    private static final Map<String, AttributeValue> KEY = Map.of(
            "PK", AttributeValue.fromS("RESELLER#a"), "SK", AttributeValue.fromS("PLAN#p1"));

    @Test
    void roundTripsTheLastEvaluatedKey() {
        String cursor = Cursors.encode(KEY).orElseThrow();
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), "URL-safe: " + cursor);
        assertEquals(KEY, Cursors.decode(cursor, Set.of("PK", "SK"), "PK", "RESELLER#a").startKey());
        assertTrue(Cursors.encode(Map.of()).isEmpty());
        assertTrue(Cursors.encode(null).isEmpty());
    }

    @Test
    void carriesExtraStateAndNumbers() {
        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("x"), "n", AttributeValue.fromN("42"));
        String cursor = Cursors.encode(key, Map.of("bucket", "2026-11-22T14:00:00Z")).orElseThrow();
        Cursors.Decoded decoded = Cursors.decode(cursor, Set.of("PK", "n"), "PK", null);
        assertEquals(key, decoded.startKey());
        assertEquals(Map.of("bucket", "2026-11-22T14:00:00Z"), decoded.extra());
    }

    @Test
    void rejectsCursorsOfOtherListingsAndGarbage() {
        String cursor = Cursors.encode(KEY).orElseThrow();
        assertCursorError(() -> Cursors.decode(cursor, Set.of("PK", "SK"), "PK", "RESELLER#b"));
        assertCursorError(() -> Cursors.decode(cursor, Set.of("PK", "SK", "GSI1PK", "GSI1SK"), "GSI1PK", "x"));
        assertCursorError(() -> Cursors.decode("%%%", Set.of("PK", "SK"), "PK", "RESELLER#a"));
        assertCursorError(() -> Cursors.decode(b64("[1,2]"), Set.of("PK", "SK"), "PK", "RESELLER#a"));
        assertCursorError(() -> Cursors.decode(b64("{\"PK\":\"X:1\",\"SK\":\"S:1\"}"), Set.of("PK", "SK"), "PK", null));
        assertCursorError(() -> Cursors.decode(b64("{\"PK\":\"S:RESELLER#a\",\"SK\":\"N:1e9\"}"), Set.of("PK", "SK"), "PK", null));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertCursorError(org.junit.jupiter.api.function.Executable decode) {
        assertTrue(assertThrows(ValidationException.class, decode).hasErrorFor("cursor"));
    }
}
