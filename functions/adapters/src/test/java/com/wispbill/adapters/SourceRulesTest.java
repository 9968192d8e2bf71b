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

    @Test
    void batchWritesAreNotUsedBecauseTheyCannotBeConditional() {
        assertEquals(List.of(), filesMatching(Pattern.compile("BatchWriteItemRequest|\\.batchWriteItem\\(")));
    }
}
