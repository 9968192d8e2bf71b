package com.wispbill.router;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's {@code events/} files, wherever the test runs from. */
final class Events {
    private Events() {
    }

    static String path(String fileName) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("events").resolve(fileName).toString();
    }
}
