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
 * One logging facade (SLF4J) and one logging backend (the adapters module's JsonLogProvider, shaded into
 * every function jar) across the function modules' production code; no Log4j configuration left behind
 * for functions or the local run.
 */
class LoggingFacadeTest {
    private static final Path FUNCTIONS = Path.of("../../functions").toAbsolutePath().normalize();
    private static final Path LOCAL_RUN = Path.of("src/main").toAbsolutePath().normalize();
    private static final String PROVIDER_SERVICE = "META-INF/services/org.slf4j.spi.SLF4JServiceProvider";

    private static List<String> mainFiles(java.util.function.Predicate<Path> test) {
        return mainFiles(FUNCTIONS, test);
    }

    private static List<String> mainFiles(Path root, java.util.function.Predicate<Path> test) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().contains("/src/main/") || root.equals(LOCAL_RUN))
                    .filter(Files::isRegularFile).filter(test)
                    .map(p -> root.relativize(p).toString()).sorted().toList();
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
    void oneLoggingBackendForEveryFunction() throws IOException {
        assertEquals(List.of("adapters/src/main/resources/" + PROVIDER_SERVICE),
                mainFiles(p -> p.toString().endsWith(PROVIDER_SERVICE)));
        assertEquals("com.wispbill.adapters.logging.JsonLogProvider",
                Files.readString(FUNCTIONS.resolve("adapters/src/main/resources/" + PROVIDER_SERVICE)).strip());
        assertEquals(List.of("adapters/src/main/java/com/wispbill/adapters/logging/JsonLogProvider.java"),
                mainFiles(p -> p.toString().endsWith(".java") && read(p).contains("implements SLF4JServiceProvider")));
    }

    @Test
    void noLog4jConfigurationLeft() {
        java.util.function.Predicate<Path> log4jConfiguration = p -> p.getFileName().toString().startsWith("log4j2");
        assertEquals(List.of(), mainFiles(log4jConfiguration));
        assertEquals(List.of(), mainFiles(LOCAL_RUN, log4jConfiguration));
    }
}
