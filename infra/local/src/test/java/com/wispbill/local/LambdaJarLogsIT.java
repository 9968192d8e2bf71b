package com.wispbill.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every built function jar ({@code functions/<module>/target/*-lambda.jar}, one per module marked with a
 * {@code lambda-function} file) logs as it will in Lambda: a fresh JVM with the jar alone on the class
 * path logs one WARN on each handler's logger, and the payment security log's refusal; each must come
 * out on stdout as a JSON line with level WARN (the adapters' JsonLogProvider). So must a WARN with an
 * exception that the AWS SDK logs through its slf4j-api 1.7 wrapper, with the MDC's correlation id,
 * while its INFO stays out. Without an SLF4J 2 provider, or with slf4j-api 1.7 in the jar, SLF4J drops
 * every line and prints nothing. A metric recorded through the adapters' EmfMetricLines comes out as one
 * embedded-metric-format line.
 *
 * <p>Runs in the integration-test phase (surefire execution "lambda-jars" in this module's pom), after
 * every function module is packaged; a missing jar fails the test rather than skipping it.
 */
class LambdaJarLogsIT {
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    private static final Path PROBE = Path.of("src/test/resources/jar-log-probe/JarLogProbe.java").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    List<DynamicTest> everyFunctionJarLogsWarnAsJson() throws IOException {
        List<Path> modules;
        try (Stream<Path> dirs = Files.list(REPO.resolve("functions"))) {
            modules = dirs.filter(d -> Files.exists(d.resolve("lambda-function"))).sorted().toList();
        }
        assertFalse(modules.isEmpty(), "no function modules (functions/*/lambda-function) found under " + REPO);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path module : modules) {
            tests.add(DynamicTest.dynamicTest(module.getFileName().toString(), () -> checkJar(module)));
        }
        tests.add(DynamicTest.dynamicTest("payment security log", this::paymentSecurityWarnIsJson));
        return tests;
    }

    private void paymentSecurityWarnIsJson() throws Exception {
        Path jar = lambdaJar(REPO.resolve("functions/payment-webhook"));
        List<String> securityLogs = classes(jar).stream().filter(c -> c.endsWith("SecurityLog")).toList();
        assertFalse(securityLogs.isEmpty(), "no *SecurityLog class in " + jar);
        List<JsonNode> lines = run(jar, securityLogs);
        assertTrue(lines.stream().anyMatch(l -> l.path("level").asText().equals("WARN")
                        && l.path("message").asText().startsWith("payment callback refused")),
                "the security log's refusal is not a JSON WARN line in " + jar.getFileName() + ": " + lines);
    }

    private void checkJar(Path module) throws Exception {
        Path jar = lambdaJar(module);
        checkLoggingClasses(jar);
        List<String> handlers = classes(jar).stream().filter(c -> c.endsWith("Handler")).toList();
        assertFalse(handlers.isEmpty(), "no *Handler class in " + jar);
        List<JsonNode> lines = run(jar, handlers);
        assertTrue(lines.stream().anyMatch(l -> l.path("level").asText().equals("WARN")
                        && l.path("message").asText().equals("jar log probe WARN from the AWS SDK")
                        && l.path("logger").asText().equals("software.amazon.awssdk.JarLogProbe")
                        && l.path("correlation_id").asText().equals("probe-correlation")
                        && l.path("error").path("name").asText().equals("java.lang.IllegalStateException")
                        && l.path("error").path("message").asText().equals("probe failure")
                        && l.path("error").path("stack").asText().startsWith("java.lang.IllegalStateException: probe failure")
                        && l.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")),
                "the AWS SDK's WARN is not a JSON line with its error and correlation id in " + jar.getFileName() + ": " + lines);
        assertFalse(lines.stream().anyMatch(l -> l.path("message").asText().contains("INFO from the AWS SDK")),
                "a library's INFO was written from " + jar.getFileName() + ": " + lines);
        checkMetricLine(jar, lines);
        for (String handler : handlers) {
            String expected = "jar log probe WARN from " + handler;
            assertTrue(lines.stream().anyMatch(l -> l.path("level").asText().equals("WARN")
                            && l.path("message").asText().equals(expected)),
                    "no JSON WARN line '" + expected + "' from " + jar.getFileName() + "; stdout: " + lines);
        }
    }

    /**
     * The probe's figure (RouterCommandsFailed 3, RouterId rtr_probe, namespace WISPbillProbe) as one
     * line CloudWatch reads as embedded metric format: the directive names the namespace, the one
     * dimension set and the metric with unit Count, and the dimension and the value are top-level
     * members of the line.
     */
    private static void checkMetricLine(Path jar, List<JsonNode> lines) {
        List<JsonNode> metricLines = lines.stream().filter(l -> l.has("_aws")).toList();
        assertEquals(1, metricLines.size(), "not one metric line from " + jar.getFileName() + ": " + lines);
        JsonNode line = metricLines.get(0);
        assertTrue(line.at("/_aws/Timestamp").isIntegralNumber(), "no epoch-millis Timestamp: " + line);
        JsonNode directives = line.at("/_aws/CloudWatchMetrics");
        assertEquals(1, directives.size(), line.toString());
        JsonNode directive = directives.get(0);
        assertEquals("WISPbillProbe", directive.path("Namespace").asText(), line.toString());
        assertEquals("[[\"RouterId\"]]", directive.path("Dimensions").toString(), line.toString());
        assertEquals("[{\"Name\":\"RouterCommandsFailed\",\"Unit\":\"Count\"}]", directive.path("Metrics").toString(),
                line.toString());
        assertEquals("rtr_probe", line.path("RouterId").asText(), line.toString());
        assertTrue(line.path("RouterCommandsFailed").isNumber(), line.toString());
        assertEquals(3, line.path("RouterCommandsFailed").asLong(), line.toString());
    }

    /** SLF4J 2 with the one provider, no Log4j. */
    private static void checkLoggingClasses(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertTrue(file.getEntry("org/slf4j/spi/SLF4JServiceProvider.class") != null,
                    "slf4j-api 2.x is not in " + jar.getFileName());
            assertTrue(file.getEntry("org/slf4j/impl/StaticLoggerBinder.class") == null,
                    "an SLF4J 1.7 binding is in " + jar.getFileName());
            var service = file.getEntry("META-INF/services/org.slf4j.spi.SLF4JServiceProvider");
            assertTrue(service != null, "no SLF4J provider in " + jar.getFileName());
            try (var in = file.getInputStream(service)) {
                assertEquals("com.wispbill.adapters.logging.JsonLogProvider",
                        new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            }
            assertEquals(List.of(), Collections.list(file.entries()).stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("org/apache/logging/log4j/") || n.startsWith("log4j2")).limit(5).toList(),
                    "Log4j is in " + jar.getFileName());
        }
    }

    private static Path lambdaJar(Path module) throws IOException {
        Path target = module.resolve("target");
        List<Path> jars = Files.isDirectory(target)
                ? Files.list(target).filter(f -> f.getFileName().toString().endsWith("-lambda.jar")).toList()
                : List.of();
        if (jars.size() != 1) {
            fail("expected exactly one *-lambda.jar in " + REPO.relativize(target) + ", found " + jars
                    + ": build with 'mvn package' (this test runs in the verify phase, after the function modules)");
        }
        return jars.get(0);
    }

    /** WISPbill's own top-level classes in the jar (not the shared domain and adapters modules). */
    private static List<String> classes(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Collections.list(file.entries()).forEach(e -> {
                String n = e.getName();
                if (n.startsWith("com/wispbill/") && n.endsWith(".class") && !n.contains("$")
                        && !n.startsWith("com/wispbill/adapters/") && !n.startsWith("com/wispbill/domain/")) {
                    names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.'));
                }
            });
        }
        return names;
    }

    /** Runs the probe on the jar alone; every stdout line must be a JSON object. */
    private static List<JsonNode> run(Path jar, List<String> classNames) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toString(), PROBE.toString()));
        command.addAll(classNames);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "probe did not finish");
        assertEquals(0, process.exitValue(), "probe failed on " + jar.getFileName() + "; stdout: " + stdout);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException notJson) {
                throw new AssertionError("not a JSON log line from " + jar.getFileName() + ": " + line, notJson);
            }
            assertTrue(node.isObject(), "not a JSON object: " + line);
            lines.add(node);
        }
        return lines;
    }
}
