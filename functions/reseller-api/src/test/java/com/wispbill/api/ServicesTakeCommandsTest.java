package com.wispbill.api;

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

/**
 * Services take typed commands and return domain objects: request parsing (JSON bodies, problem
 * documents, HTTP requests and responses) stays in the routes, so no service imports the HTTP layer.
 */
class ServicesTakeCommandsTest {
    private static final Path SERVICES = Path.of("src/main/java/com/wispbill/api/service");
    private static final Pattern HTTP_LAYER = Pattern.compile("import com\\.wispbill\\.(adapters|api)\\.http\\.");

    @Test
    void noServiceImportsTheHttpLayer() throws IOException {
        assertTrue(Files.isDirectory(SERVICES), "run from the module directory");
        try (Stream<Path> files = Files.list(SERVICES)) {
            List<String> offending = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> HTTP_LAYER.matcher(read(p)).find())
                    .map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of(), offending);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
