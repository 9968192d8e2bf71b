package com.wispbill.hotspot.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs the page's tests run (node, Chromium, chromedriver), found on this machine. Missing on a
 * developer's machine: the test is aborted with the reason (reported as skipped, with the message). In
 * CI ({@code CI=true}) a missing program fails the test: {@code .ci/run} installs them.
 */
public final class RequiredTools {
    private RequiredTools() {
    }

    public static Path node() {
        return find("node", "Node.js 18 or newer (Debian: apt-get install nodejs)", List.of());
    }

    public static Path chromium() {
        return find("chromium", "Chromium (Debian: apt-get install chromium chromium-driver)",
            List.of("chromium-browser", "google-chrome"));
    }

    public static Path chromedriver() {
        return find("chromedriver", "chromedriver matching Chromium (Debian: apt-get install chromium-driver)", List.of());
    }

    private static Path find(String name, String install, List<String> otherNames) {
        return find(name, install, otherNames, System.getenv());
    }

    /** {@code name} (or one of {@code otherNames}) on {@code environment}'s PATH; see the class comment. */
    static Path find(String name, String install, List<String> otherNames, Map<String, String> environment) {
        List<String> names = new ArrayList<>(List.of(name));
        names.addAll(otherNames);
        for (String dir : environment.getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String candidate : names) {
                Path file = Path.of(dir, candidate);
                if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                    return file;
                }
            }
        }
        String message = name + " is not installed (looked for " + names + " on PATH); the hotspot page's tests need "
            + install;
        if ("true".equals(environment.get("CI"))) {
            fail(message + ". CI must run these tests: .ci/run installs it.");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }
}
