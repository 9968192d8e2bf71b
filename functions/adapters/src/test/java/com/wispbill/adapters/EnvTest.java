package com.wispbill.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnvTest {

    @AfterEach
    void clear() {
        System.clearProperty("wispbill.env.WISPBILL_TEST_VALUE");
    }

    @Test
    void readsTheEnvironmentFirst() {
        // Set by the parent pom's surefire configuration.
        assertEquals("us-east-1", Env.require("AWS_REGION"));
        System.setProperty("wispbill.env.AWS_REGION", "eu-west-1");
        try {
            assertEquals("us-east-1", Env.require("AWS_REGION"));
        } finally {
            System.clearProperty("wispbill.env.AWS_REGION");
        }
    }

    @Test
    void fallsBackToTheLocalStackSystemProperty() {
        System.setProperty("wispbill.env.WISPBILL_TEST_VALUE", " EntityTable-local ");
        assertEquals("EntityTable-local", Env.require("WISPBILL_TEST_VALUE"));
        assertEquals(Optional.of("EntityTable-local"), Env.optional("WISPBILL_TEST_VALUE"));
    }

    @Test
    void missingOrBlankValuesNameTheVariable() {
        var e = assertThrows(MissingConfigurationException.class, () -> Env.require("WISPBILL_TEST_VALUE"));
        assertEquals("WISPBILL_TEST_VALUE", e.variable());
        assertTrue(e.getMessage().contains("WISPBILL_TEST_VALUE"), e.getMessage());
        assertTrue(e.getMessage().contains("wispbill.env.WISPBILL_TEST_VALUE"), e.getMessage());
        System.setProperty("wispbill.env.WISPBILL_TEST_VALUE", "  ");
        assertEquals(Optional.empty(), Env.optional("WISPBILL_TEST_VALUE"));
    }

    @Test
    void namesMustBeUpperSnakeCase() {
        assertThrows(IllegalArgumentException.class, () -> Env.optional("entity_table"));
        assertThrows(IllegalArgumentException.class, () -> Env.optional(null));
    }
}
