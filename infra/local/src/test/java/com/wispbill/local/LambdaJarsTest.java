package com.wispbill.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.local.stack.TemplateDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jars template.yaml deploys ({@code CodeUri}, built by {@code ./dev package} or {@code mvn
 * package}): each holds its function's handler and runs from the jar alone. A JVM with only that jar
 * on its class path, the function environment of the embedded stack and its endpoint constructs the
 * handler as Lambda does and loads every WISPbill class of the jar; no jar carries demo code or a
 * command-line tool. Skipped (not failed) when no function jar has been built yet, e.g. under
 * {@code mvn test}.
 */
class LambdaJarsTest {
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    private static final Path PROBE = Path.of("src/test/resources/lambda-jar-probe/LambdaJarProbe.java").toAbsolutePath();

    private static EmbeddedStack stack;

    /** A function of template.yaml: the jar its CodeUri names and its handler class. */
    private record FunctionJar(String logicalId, Path jar, String handlerClass) {}

    @BeforeAll
    static void startStack() {
        assumeTrue(functionJars().stream().anyMatch(f -> Files.isRegularFile(f.jar())),
                "no function jar built yet (./dev package builds them)");
        stack = EmbeddedStack.start(EmbeddedStack.options().schedulesEnabled(false).sqsPollingEnabled(false)
                .skipFunctionsWithoutHandlerClass());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static List<FunctionJar> functionJars() {
        return TemplateDocument.load(REPO.resolve("template.yaml")).ofType("AWS::Serverless::Function").stream()
                .map(fn -> new FunctionJar(fn.logicalId(), REPO.resolve(String.valueOf(fn.properties().get("CodeUri"))).normalize(),
                        String.valueOf(fn.properties().get("Handler")).split("::")[0]))
                .toList();
    }

    @Test
    void everyFunctionsJarConstructsItsHandlerFromTheJarAlone() throws Exception {
        List<String> problems = new ArrayList<>();
        for (FunctionJar fn : functionJars()) {
            if (!Files.isRegularFile(fn.jar())) {
                problems.add(fn.logicalId() + ": " + REPO.relativize(fn.jar()) + " was not built");
                continue;
            }
            String output = probe(fn.jar(), fn.handlerClass());
            if (!output.strip().endsWith("OK " + fn.handlerClass())) {
                problems.add(fn.logicalId() + " (" + REPO.relativize(fn.jar()) + "):\n" + output.strip());
            } else {
                output.lines().filter(l -> !l.startsWith("OK ")).forEach(l -> problems.add(fn.logicalId() + ": " + l));
            }
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    void noFunctionJarCarriesDemoCode() throws IOException {
        List<String> demo = new ArrayList<>();
        for (Path jar : functionJars().stream().map(FunctionJar::jar).distinct().filter(Files::isRegularFile).toList()) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().map(e -> e.getName()).filter(n -> n.startsWith("com/wispbill/") && n.contains("/demo/"))
                        .forEach(n -> demo.add(REPO.relativize(jar) + ": " + n));
            }
        }
        assertEquals(List.of(), demo, "demo code belongs in infra/local, not in a Lambda jar");
    }

    /**
     * The AWS SDK service modules each jar may carry: those its functions call, no other (DynamoDB for
     * every function; SQS declared per function module, optional in the adapters). SNS, Secrets Manager
     * and SES v2 are called through the adapters' SignedAwsClient and carry no generated client. A
     * function that starts calling another service through its SDK client declares it in its module's
     * pom and here.
     */
    static final Map<String, Set<String>> SDK_SERVICES = Map.of(
            "payment-webhook-lambda.jar", Set.of("dynamodb", "sqs"),
            "reseller-api-lambda.jar", Set.of("dynamodb", "sqs"),
            "voucher-generator-lambda.jar", Set.of("dynamodb", "sqs"),
            "usage-ingest-lambda.jar", Set.of("dynamodb", "sqs"),
            "expiry-sweeper-lambda.jar", Set.of("dynamodb", "sqs"),
            "router-driver-lambda.jar", Set.of("dynamodb", "sqs"),
            "notifier-lambda.jar", Set.of("dynamodb", "sqs"));

    @Test
    void everyJarWithoutThePdfLibraryStaysWithinTheSizeLimit() throws IOException {
        // A size, not a time: what a jar holds does not depend on the machine, so the goal is kept here as well as
        // reported by the cold start bench.
        List<String> over = new ArrayList<>();
        for (Path jar : functionJars().stream().map(FunctionJar::jar).distinct().filter(Files::isRegularFile).toList()) {
            if (!DeploymentJars.carriesPdfLibrary(jar) && Files.size(jar) > DeploymentJars.SIZE_LIMIT_BYTES) {
                over.add(REPO.relativize(jar) + ": " + Files.size(jar) + " bytes");
            }
        }
        assertEquals(List.of(), over, "over " + DeploymentJars.SIZE_LIMIT_BYTES + " bytes");
    }

    @Test
    void noFunctionJarCarriesJodaTime() throws IOException {
        // Only event types our handlers do not take (they read streams) use Joda-Time: 0.5 MB of nothing.
        List<String> joda = new ArrayList<>();
        for (Path jar : functionJars().stream().map(FunctionJar::jar).distinct().filter(Files::isRegularFile).toList()) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().map(e -> e.getName()).filter(n -> n.startsWith("org/joda/")).findFirst()
                        .ifPresent(n -> joda.add(REPO.relativize(jar) + ": " + n));
            }
        }
        assertEquals(List.of(), joda);
    }

    @Test
    void noFunctionJarCarriesAMetricsLibrary() throws IOException {
        // Metric lines are written by the adapters' EmfMetricLines: Powertools metrics and the EMF library
        // under it (with Powertools common and commons-lang3) were about 740 classes of a first call.
        List<String> found = new ArrayList<>();
        for (Path jar : functionJars().stream().map(FunctionJar::jar).distinct().filter(Files::isRegularFile).toList()) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().map(e -> e.getName()).filter(n -> METRICS_LIBRARIES.stream().anyMatch(n::startsWith))
                        .map(n -> n.substring(0, n.lastIndexOf('/') + 1)).distinct().limit(3)
                        .forEach(n -> found.add(REPO.relativize(jar) + ": " + n));
            }
        }
        assertEquals(List.of(), found);
    }

    private static final List<String> METRICS_LIBRARIES = List.of("software/amazon/cloudwatchlogs/emf/",
            "software/amazon/lambda/powertools/", "org/apache/commons/lang3/");

    @Test
    void eachJarCarriesOnlyTheSdkServiceModulesItsFunctionsCall() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path jar : functionJars().stream().map(FunctionJar::jar).distinct().filter(Files::isRegularFile).toList()) {
            String name = jar.getFileName().toString();
            Set<String> services;
            try (JarFile file = new JarFile(jar.toFile())) {
                services = file.stream().map(e -> e.getName()).filter(n -> n.startsWith(SDK_SERVICES_PATH) && n.length() > SDK_SERVICES_PATH.length())
                        .map(n -> n.substring(SDK_SERVICES_PATH.length()).split("/")[0]).collect(Collectors.toCollection(TreeSet::new));
            }
            Set<String> expected = SDK_SERVICES.get(name);
            if (expected == null) {
                problems.add(name + ": no expected SDK service modules listed in LambdaJarsTest.SDK_SERVICES");
            } else if (!services.equals(new TreeSet<>(expected))) {
                problems.add(name + " carries SDK services " + services + ", its functions call " + new TreeSet<>(expected));
            }
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    private static final String SDK_SERVICES_PATH = "software/amazon/awssdk/services/";

    /** Runs LambdaJarProbe with only {@code jar} on the class path; returns what it printed. */
    private static String probe(Path jar, String handler) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", jar.toString()));
        stack.environment().forEach((name, value) -> command.add("-D" + EmbeddedStack.ENV_PROPERTY_PREFIX + name + "=" + value));
        command.addAll(List.of(PROBE.toString(), jar.toString(), handler));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AWS_REGION", stack.region());
        builder.environment().put("AWS_ENDPOINT_URL", stack.endpoint().toString());
        builder.environment().put("AWS_ACCESS_KEY_ID", "local");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = process.waitFor();
        assertTrue(status == 0 || !output.isEmpty(), "the probe JVM exited with " + status + " and printed nothing");
        return status == 0 ? output : output + "\n(exit status " + status + ")";
    }
}
