package com.wispbill.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One logging facade (SLF4J, as Powertools uses) and one log configuration (the adapters module's
 * log4j2.properties, shaded into every function jar) across the function modules' production code.
 */
class LoggingFacadeTest {
    private static final Path FUNCTIONS = Path.of("../../functions").toAbsolutePath().normalize();

    private static List<String> mainFiles(java.util.function.Predicate<Path> test) {
        try (Stream<Path> files = Files.walk(FUNCTIONS)) {
            return files.filter(p -> p.toString().contains("/src/main/")).filter(Files::isRegularFile).filter(test)
                    .map(p -> FUNCTIONS.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void functionCodeLogsThroughSlf4jOnly() {
        assertTrue(Files.isDirectory(FUNCTIONS.resolve("adapters")), "run from the module directory");
        assertEquals(List.of(), mainFiles(p -> p.toString().endsWith(".java")
                && read(p).contains("import org.apache.logging.log4j.")));
    }

    @Test
    void oneLogConfigurationForEveryFunction() {
        assertEquals(List.of("adapters/src/main/resources/log4j2.properties"),
                mainFiles(p -> p.getFileName().toString().startsWith("log4j2")));
    }
}
