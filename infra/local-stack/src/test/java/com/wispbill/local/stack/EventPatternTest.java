package com.wispbill.local.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** SNS filter policies / Lambda filter criteria (no servers). */
class EventPatternTest {

    private static boolean matches(String pattern, String document) throws Exception {
        return EventPattern.parse(Json.MAPPER.readTree(pattern)).matches(Json.MAPPER.readTree(document));
    }

    @Test
    void exactValuesAndOperators() throws Exception {
        assertTrue(matches("{\"severity\":[\"critical\",\"high\"]}", "{\"severity\":\"high\"}"));
        assertFalse(matches("{\"severity\":[\"critical\"]}", "{\"severity\":\"low\"}"));
        assertFalse(matches("{\"severity\":[\"critical\"]}", "{}"));
        assertTrue(matches("{\"amount\":[{\"numeric\":[\">=\",100,\"<\",500]}]}", "{\"amount\":250}"));
        assertFalse(matches("{\"amount\":[{\"numeric\":[\">=\",100,\"<\",500]}]}", "{\"amount\":500}"));
        assertTrue(matches("{\"amount\":[100]}", "{\"amount\":100.0}"));
        assertTrue(matches("{\"router\":[{\"prefix\":\"rt-\"}]}", "{\"router\":\"rt-9\"}"));
        assertTrue(matches("{\"file\":[{\"suffix\":\".csv\"}]}", "{\"file\":\"a.csv\"}"));
        assertTrue(matches("{\"provider\":[{\"equals-ignore-case\":\"MPESA\"}]}", "{\"provider\":\"mpesa\"}"));
        assertTrue(matches("{\"state\":[{\"anything-but\":[\"ok\",\"idle\"]}]}", "{\"state\":\"down\"}"));
        assertFalse(matches("{\"state\":[{\"anything-but\":\"ok\"}]}", "{\"state\":\"ok\"}"));
        assertTrue(matches("{\"state\":[{\"anything-but\":{\"prefix\":\"test\"}}]}", "{\"state\":\"live\"}"));
        assertTrue(matches("{\"trace\":[{\"exists\":false}]}", "{}"));
        assertFalse(matches("{\"trace\":[{\"exists\":true}]}", "{}"));
        assertTrue(matches("{\"tags\":[\"b\"]}", "{\"tags\":[\"a\",\"b\"]}"), "arrays match any element");
    }

    @Test
    void nestedObjectsAndOr() throws Exception {
        assertTrue(matches("{\"body\":{\"type\":[\"usage\"]}}", "{\"body\":{\"type\":\"usage\",\"bytes\":1}}"));
        assertFalse(matches("{\"body\":{\"type\":[\"usage\"]}}", "{\"body\":\"plain text\"}"));
        String or = "{\"$or\":[{\"a\":[1]},{\"b\":[2]}]}";
        assertTrue(matches(or, "{\"b\":2}"));
        assertFalse(matches(or, "{\"a\":2}"));
    }

    @Test
    void unsupportedOrMalformedPatternsAreRejected() {
        for (String invalid : new String[] {"[]", "{\"a\":\"x\"}", "{\"a\":[]}", "{\"a\":[{\"wildcard\":\"*x\"}]}",
                "{\"a\":[{\"numeric\":[\">\"]}]}", "{\"a\":[{\"prefix\":1}]}"}) {
            assertThrows(IllegalArgumentException.class, () -> EventPattern.parse(parse(invalid)), invalid);
        }
    }

    private static JsonNode parse(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }
}
