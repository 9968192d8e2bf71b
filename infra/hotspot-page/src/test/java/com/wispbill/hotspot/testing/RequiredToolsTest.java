package com.wispbill.hotspot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequiredToolsTest {

    @Test
    void aMissingBrowserFailsInCiAndIsReportedAsSkippedElsewhere(@TempDir Path emptyDir) {
        Map<String, String> ci = Map.of("PATH", emptyDir.toString(), "CI", "true");
        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
            () -> RequiredTools.find("chromium", "Chromium", List.of("chromium-browser"), ci));
        assertTrue(failed.getMessage().contains("chromium is not installed") && failed.getMessage().contains(".ci/run"),
            failed.getMessage());

        TestAbortedException skipped = assertThrows(TestAbortedException.class,
            () -> RequiredTools.find("chromium", "Chromium", List.of(), Map.of("PATH", emptyDir.toString())));
        assertTrue(skipped.getMessage().contains("chromium is not installed"), skipped.getMessage());
    }

    @Test
    void anExecutableOnThePathIsFound(@TempDir Path dir) throws Exception {
        Path browser = Files.createFile(dir.resolve("chromium-browser"));
        assertTrue(browser.toFile().setExecutable(true));
        assertEquals(browser, RequiredTools.find("chromium", "Chromium", List.of("chromium-browser"),
            Map.of("PATH", dir.toString(), "CI", "true")));
    }
}
