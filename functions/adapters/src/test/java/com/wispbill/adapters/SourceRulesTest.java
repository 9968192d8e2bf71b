package com.wispbill.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rules the design depends on, checked on the adapters' production sources. */
class SourceRulesTest {
    private static final Path MAIN = Path.of("src/main/java");

    private static List<String> filesMatching(Pattern pattern) {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> {
                        try {
                            return pattern.matcher(Files.readString(p)).find();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .map(p -> MAIN.relativize(p).toString())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void sourcesAreWhereTheTestExpectsThem() {
        assertTrue(Files.isRegularFile(MAIN.resolve("com/wispbill/adapters/Env.java")), "run from the module directory");
    }

    @Test
    void nothingScansATable() {
        // Access patterns are key and index queries; a Scan reads every tenant's data and grows with it.
        assertEquals(List.of(), filesMatching(Pattern.compile("\\bScan(Request|Response|Iterable)\\b|\\.scan(Paginator)?\\(")));
    }

    @Test
    void environmentIsReadOnlyThroughEnv() {
        assertEquals(List.of("com/wispbill/adapters/Env.java"), filesMatching(Pattern.compile("System\\.getenv")));
    }

    /**
     * A key-prefix literal: a string literal of upper-case letters, digits, '_' and '#' with at least one
     * '#' and one letter ("RESELLER#", "#USER#", "PLATFORM#ALERTS"). Expression attribute names ("#status")
     * start with '#' and have lower-case letters, the separator alone ("#") has no letter: neither matches.
     */
    static final Pattern KEY_PREFIX_LITERAL = Pattern.compile("\"(?=[A-Z0-9_#]*#)(?=[A-Z0-9_#]*[A-Z])[A-Z0-9_#]+\"");

    @Test
    void keyPrefixLiteralsMatchWhatTheRuleMeans() {
        for (String prefix : List.of("\"RESELLER#\"", "\"#USER#\"", "\"PLATFORM#ALERTS\"", "\"SETTINGS#REMINDER_LEADS\"")) {
            assertTrue(KEY_PREFIX_LITERAL.matcher(prefix).matches(), prefix);
        }
        for (String other : List.of("\"#status\"", "\"#\"", "\"#a\"", "\"PK\"", "\"SMSSETTINGS\"", "\"#pk = :pk\"")) {
            assertTrue(!KEY_PREFIX_LITERAL.matcher(other).find(), other);
        }
    }

    @Test
    void everyKeyPrefixIsTypedOnlyInKeys() {
        // One home for the key formats: a prefix retyped elsewhere drifts from the one items are written with.
        assertEquals(List.of("com/wispbill/adapters/dynamodb/Keys.java"), filesMatching(KEY_PREFIX_LITERAL));
    }

    @Test
    void batchWritesAreUsedOnlyWhereNoConditionIsNeeded() {
        // Writes that create or change state must be conditional, which BatchWriteItem cannot be. Two writes need no
        // condition: deleting an outbox message once it was sent (one already gone is fine), and the router driver's
        // journal of desired router objects, whose only writer is the consumer of that router's FIFO group (one
        // message at a time per router), so a put cannot overwrite another writer's entry. StoreFailureMapping only
        // passes the call through. Payments, vouchers and subscriptions never go through a batched write.
        assertEquals(List.of("com/wispbill/adapters/dynamodb/DynamoOutboxRepository.java",
                        "com/wispbill/adapters/dynamodb/DynamoRouterDriverStateRepository.java",
                        "com/wispbill/adapters/dynamodb/StoreFailureMapping.java"),
                filesMatching(Pattern.compile("BatchWriteItemRequest|\\.batchWriteItem\\(")).stream().sorted().toList());
        assertEquals(List.of("com/wispbill/adapters/dynamodb/DynamoRouterDriverStateRepository.java"),
                filesMatching(Pattern.compile("\\bPutRequest\\b|\\.putRequest\\(")).stream().sorted().toList(),
                "batched puts only for the driver's journal");
    }
}
