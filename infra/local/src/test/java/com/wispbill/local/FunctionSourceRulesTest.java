package com.wispbill.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS SDK types ({@code software.amazon.*}: the SDK, Powertools) appear in a function module's production
 * code only where the team's rule allows them:
 * <ul>
 *   <li>adapters: a class in a package with an {@code adapters} segment ({@code com.wispbill.adapters.*} in
 *       the adapters module, {@code com.wispbill.<function>.adapters} inside a function module);</li>
 *   <li>handlers: a class implementing {@code RequestHandler} or {@code RequestStreamHandler};</li>
 *   <li>wiring: a class whose name ends in {@code Wiring}, which builds the real clients once.</li>
 * </ul>
 * Everything else (services, use cases, HTTP parsing, domain) sees ports and domain exceptions only.
 * And a function module reads its configuration in one place: only its {@code …Wiring} calls {@code Env}
 * (the adapters module's {@code fromEnvironment()} factories read their own variable).
 */
class FunctionSourceRulesTest {
    private static final Path FUNCTIONS = Path.of("../../functions").toAbsolutePath().normalize();
    private static final Pattern SDK = Pattern.compile("\\bsoftware\\.amazon\\.");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern ENV_READ = Pattern.compile("\\bEnv\\s*\\.\\s*(require|optional)\\s*\\(");
    private static final Pattern ADAPTERS_PACKAGE = Pattern.compile("(^|\\.)adapters(\\.|$)");

    @Test
    void noSdkTypeOutsideAdaptersHandlersAndWiring() throws IOException {
        List<Path> roots;
        try (Stream<Path> modules = Files.list(FUNCTIONS)) {
            roots = modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(roots.size() >= 8, "function modules found under " + FUNCTIONS + ": " + roots);
        ClassLoader loader = FunctionSourceRulesTest.class.getClassLoader();
        List<String> violations = roots.stream().flatMap(root -> violations(root, name -> isHandler(name, loader)).stream()
                .map(file -> FUNCTIONS.relativize(root) + "/" + file)).toList();
        assertEquals(List.of(), violations, "software.amazon types outside adapters, handlers and wiring (move that code into an"
                + " adapters package, a handler or the function's Wiring):\n" + String.join("\n", violations));
    }

    @Test
    void inAFunctionModuleOnlyTheWiringReadsTheEnvironment() throws IOException {
        List<String> readers;
        try (Stream<Path> files = Files.walk(FUNCTIONS)) {
            readers = files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
                    .filter(f -> !FUNCTIONS.relativize(f).startsWith("adapters"))
                    .filter(f -> ENV_READ.matcher(read(f)).find() && !className(f).endsWith("Wiring"))
                    .map(f -> FUNCTIONS.relativize(f).toString()).sorted().toList();
        }
        assertEquals(List.of(), readers, "Env read outside the module's Wiring (read it there and pass the value in)");
    }

    @Test
    void aServiceUsingTheSdkIsReportedAndAdaptersHandlersAndWiringAreNot(@TempDir Path root) throws IOException {
        write(root, "com/x/service/Billing.java", "package com.x.service;\nimport software.amazon.awssdk.core.exception.SdkException;\nclass Billing {}\n");
        write(root, "com/x/service/Fqn.java", "package com.x.service;\nclass Fqn { software.amazon.awssdk.services.sqs.SqsClient c; }\n");
        write(root, "com/x/service/Plain.java", "package com.x.service;\nclass Plain {}\n");
        write(root, "com/x/adapters/SqsThing.java", "package com.x.adapters;\nimport software.amazon.awssdk.services.sqs.SqsClient;\nclass SqsThing {}\n");
        write(root, "com/x/XWiring.java", "package com.x;\nimport software.amazon.awssdk.services.sqs.SqsClient;\nclass XWiring {}\n");
        write(root, "com/x/XHandler.java", "package com.x;\nimport software.amazon.awssdk.services.sqs.SqsClient;\nclass XHandler {}\n");
        write(root, "com/x/readapters/Near.java", "package com.x.readapters;\nimport software.amazon.awssdk.services.sqs.SqsClient;\nclass Near {}\n");

        assertEquals(List.of("com/x/readapters/Near.java", "com/x/service/Billing.java", "com/x/service/Fqn.java"),
                violations(root, "com.x.XHandler"::equals));
    }

    /** Files under {@code root} (relative paths) using SDK types outside adapters, handlers and wiring. */
    private static List<String> violations(Path root, Predicate<String> isHandler) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java")).sorted()
                    .filter(f -> !allowed(read(f), className(f), isHandler))
                    .map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean allowed(String source, String simpleName, Predicate<String> isHandler) {
        if (!SDK.matcher(source).find()) {
            return true;
        }
        Matcher pkg = PACKAGE.matcher(source);
        String packageName = pkg.find() ? pkg.group(1) : "";
        return ADAPTERS_PACKAGE.matcher(packageName).find() || simpleName.endsWith("Wiring")
                || isHandler.test(packageName.isEmpty() ? simpleName : packageName + "." + simpleName);
    }

    private static boolean isHandler(String className, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(className, false, loader);
            return RequestHandler.class.isAssignableFrom(type) || RequestStreamHandler.class.isAssignableFrom(type);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String className(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".java".length());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
