package com.wispbill.hotspot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.hotspot.testing.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the page's JavaScript tests ({@code src/test/js}, node's built-in test runner) in the Maven
 * build: the login rule of {@code hotspot/wispbill-login.js} against the typed-code table the Java
 * tests share, MD5 and the CHAP response.
 */
class PageScriptTest {

    @Test
    void javaScriptTestsPass() throws IOException, InterruptedException {
        Process node = new ProcessBuilder(RequiredTools.node().toString(), "--test", "src/test/js")
            .redirectErrorStream(true).start();
        node.getOutputStream().close();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = node.waitFor();
        System.out.println(output);
        assertEquals(0, exit, output);
        Matcher pass = Pattern.compile("(?m)^# pass (\\d+)$").matcher(output);
        assertTrue(pass.find() && Integer.parseInt(pass.group(1)) >= 20, "node ran the table's cases:\n" + output);
    }
}
