package com.wispbill.bench;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.wispbill.local.DeploymentJars;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.local.stack.TemplateDocument;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Cold start per function, the way Lambda meets it without a snapshot: a fresh JVM whose class path
 * is the function's deployment package (what template.yaml's {@code CodeUri} names) extracted as Lambda
 * extracts it into {@code /var/task} (the directory, then its {@code lib/*.jar}: the Java runtime's class
 * path), the Lambda runtime's event serialisation and {@link ColdStartDriver} alone, with the template's
 * {@code JAVA_TOOL_OPTIONS};
 * from starting the process to the first call of the handler on its sample event (events/) returning,
 * against the embedded stack. Each function runs {@value #RUNS} times (median, min–max); the bare
 * JVM's start with the same class path is measured beside it as the floor.
 */
public final class ColdStartBench implements BenchmarkSuite {
    static final int RUNS = 5;
    /** Issue 15's goal: fresh JVM to first handler call done. */
    static final double LIMIT_MS = 600;
    /** Extra JVM flags for the child, e.g. {@code -Xlog:class+load:file=classes.txt} to see what a cold start loads. */
    static final String EXTRA_FLAGS = "wispbill.bench.coldstartJvmFlags";
    /** Only the functions named (logical ids, comma-separated). */
    static final String ONLY = "wispbill.bench.coldstartFunctions";
    /** The sample event a function's first call gets, where the first one by name is not a typical call. */
    private static final Map<String, String> EVENTS = Map.of(
            "PaymentWebhookFunction", "payment-webhook-paystack-bad-signature.json",
            "PortalFunction", "portal-plans.json",
            "ResellerApiFunction", "reseller-api-get.json",
            "VoucherGeneratorFunction", "voucher-generator-unknown-batch.json",
            "UsageIngestFunction", "usage-ingest-batch.json",
            "NotifierFunction", "notifier-sms.json",
            "WhatsAppWebhookFunction", "whats-app-webhook-handshake.json");

    @Override
    public String name() {
        return "coldstart";
    }

    @Override
    public String description() {
        return "cold start per function: fresh JVM with the function's unpacked package alone to the first handler call done";
    }

    /** A function of template.yaml with what its cold start needs. */
    record Function(String logicalId, Path jar, String handler, Path event) {}

    @Override
    public void run(PrintStream out) throws Exception {
        Path root = repositoryRoot();
        TemplateDocument template = TemplateDocument.load(root.resolve("template.yaml"));
        List<String> only = List.of(System.getProperty(ONLY, "").split(",")).stream().filter(f -> !f.isBlank()).toList();
        List<Function> functions = functions(root, template).stream().filter(f -> only.isEmpty() || only.contains(f.logicalId())).toList();
        List<String> missing = functions.stream().filter(f -> !Files.isRegularFile(f.jar())).map(f -> root.relativize(f.jar()).toString())
                .distinct().toList();
        if (!missing.isEmpty()) {
            out.println("function jars not built (./dev package, or ./dev bench coldstart builds them): " + missing);
            return;
        }
        String javaToolOptions = javaToolOptions(template);
        Path driverDir = driverClasses();
        Path tasks = Files.createTempDirectory("coldstart-task");
        Map<Path, Path> taskRoots = new HashMap<>();
        try {
            for (Path jar : functions.stream().map(Function::jar).distinct().toList()) {
                taskRoots.put(jar, extract(jar, Files.createDirectories(tasks.resolve(jar.getFileName().toString()))));
            }
            run(out, functions, javaToolOptions, driverDir, taskRoots);
        } finally {
            try {
                deleteTree(tasks);
            } catch (IOException e) {
                // Never in place of the run's own failure: the unpacked packages are only temporary files.
                out.println("could not delete " + tasks + ": " + e);
            }
        }
    }

    private void run(PrintStream out, List<Function> functions, String javaToolOptions, Path driverDir,
                     Map<Path, Path> taskRoots) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().onlyFunctions()
                .sqsPollingEnabled(false).schedulesEnabled(false))) {
            out.printf(Locale.ROOT, "java %s, JAVA_TOOL_OPTIONS=\"%s\" (template Globals), %d runs each, median (min-max); load average %s%n",
                    Runtime.version(), javaToolOptions, RUNS, loadAverage());
            List<Run> bare = runs(stack, javaToolOptions, driverDir, taskRoots.get(functions.get(0).jar()), "noop", null);
            double floor = median(bare);
            out.printf(Locale.ROOT, "bare JVM start with an unpacked function package on the class path (floor): %.0f ms, %d classes loaded%n", floor,
                    bare.get(0).classes());
            // Classes loaded: what the load average does not change, so runs on a busy machine compare.
            out.printf(Locale.ROOT, "%-26s %6s %7s %-12s %9s %9s %7s %6s  %s%n", "function", "jar MB", "cold ms", "(min-max)",
                    "construct", "1st call", "classes", "limit", "ratio");
            double worst = 0;
            for (Function f : functions) {
                List<Run> runs = runs(stack, javaToolOptions, driverDir, taskRoots.get(f.jar()), f.handler(), f.event());
                double total = median(runs);
                worst = Math.max(worst, total);
                out.printf(Locale.ROOT, "%-26s %6.1f %7.0f %-12s %9.0f %9.0f %7d %6.0f  %.2f%n", f.logicalId(),
                        Files.size(f.jar()) / 1e6, total,
                        String.format(Locale.ROOT, "(%.0f-%.0f)", runs.stream().mapToDouble(Run::totalMs).min().orElse(0),
                                runs.stream().mapToDouble(Run::totalMs).max().orElse(0)),
                        runs.stream().mapToDouble(Run::constructMs).sorted().toArray()[runs.size() / 2],
                        runs.stream().mapToDouble(Run::callMs).sorted().toArray()[runs.size() / 2],
                        runs.stream().mapToLong(Run::classes).sorted().toArray()[runs.size() / 2], LIMIT_MS, total / LIMIT_MS);
            }
            out.printf(Locale.ROOT, "slowest: %.0f ms = %.2f x the %.0f ms limit; %.2f x the bare JVM's start%n", worst, worst / LIMIT_MS,
                    LIMIT_MS, worst / floor);
            for (Path jar : functions.stream().map(Function::jar).distinct().toList()) {
                double mb = Files.size(jar) / 1e6;
                double limitMb = DeploymentJars.SIZE_LIMIT_BYTES / 1e6;
                out.printf(Locale.ROOT, "jar %-28s %5.1f MB%s%n", jar.getFileName(), mb,
                        DeploymentJars.carriesPdfLibrary(jar) ? " (PDF sheets: no size limit)"
                                : String.format(Locale.ROOT, " against the %.0f MB limit: ratio %.2f", limitMb, mb / limitMb));
            }
        }
    }

    /** One cold start: the process's wall time to the driver's line, the driver's own steps and the classes it loaded. */
    record Run(double totalMs, double constructMs, double callMs, long classes) {}

    private static List<Run> runs(EmbeddedStack stack, String javaToolOptions, Path driverDir, Path taskRoot, String handler,
                                  Path event) throws IOException, InterruptedException {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runs.add(run(stack, javaToolOptions, driverDir, taskRoot, handler, event));
        }
        return runs;
    }

    private static Run run(EmbeddedStack stack, String javaToolOptions, Path driverDir, Path taskRoot, String handler, Path event)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(System.getProperty(EXTRA_FLAGS, "").split(" ")).stream().filter(f -> !f.isBlank()).toList());
        command.addAll(List.of("-cp",
                String.join(File.pathSeparator, taskClassPath(taskRoot), serialisationJar().toString(), driverDir.toString())));
        stack.environment().forEach((name, value) -> command.add("-D" + EmbeddedStack.ENV_PROPERTY_PREFIX + name + "=" + value));
        command.add(ColdStartDriver.class.getName());
        command.add(handler);
        if (event != null) {
            command.add(event.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("AWS_REGION", stack.region());
        builder.environment().put("AWS_ENDPOINT_URL", stack.endpoint().toString());
        builder.environment().put("AWS_ACCESS_KEY_ID", "local");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        builder.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
        long start = System.nanoTime();
        Process process = builder.start();
        String done = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith(ColdStartDriver.DONE)) {
                    done = line;
                    break;
                }
                output.add(line);
            }
        }
        double totalMs = (System.nanoTime() - start) / 1e6;
        process.waitFor();
        if (done == null) {
            throw new IllegalStateException(handler + " did not finish its first call (exit " + process.exitValue() + "): "
                    + String.join("\n", output.subList(Math.max(0, output.size() - 20), output.size())));
        }
        return new Run(totalMs, field(done, "construct") / 1e6, field(done, "call") / 1e6, field(done, "classes"));
    }

    /** {@code jar}'s entries written below {@code dir}, as Lambda unpacks a deployment package into {@code /var/task}. */
    static Path extract(Path jar, Path dir) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("entry outside the package: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target);
                }
            }
        }
        return dir;
    }

    /** The Java runtime's class path over an unpacked package: the task root, then every jar in its {@code lib/}. */
    static String taskClassPath(Path taskRoot) throws IOException {
        List<String> entries = new ArrayList<>(List.of(taskRoot.toString()));
        Path lib = taskRoot.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(j -> j.getFileName().toString().endsWith(".jar")).sorted().forEach(j -> entries.add(j.toString()));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static long field(String line, String name) {
        return Arrays.stream(line.substring(ColdStartDriver.DONE.length()).split(" "))
                .filter(p -> p.startsWith(name + "=")).mapToLong(p -> Long.parseLong(p.substring(name.length() + 1)))
                .findFirst().orElseThrow();
    }

    private static double median(List<Run> runs) {
        double[] totals = runs.stream().mapToDouble(Run::totalMs).sorted().toArray();
        return totals[totals.length / 2];
    }

    static List<Function> functions(Path root, TemplateDocument template) throws IOException {
        List<Function> functions = new ArrayList<>();
        for (TemplateDocument.Resource fn : template.ofType("AWS::Serverless::Function")) {
            String prefix = kebab(fn.logicalId().replaceFirst("Function$", "")) + "-";
            String eventName = EVENTS.get(fn.logicalId());
            Path event;
            if (eventName != null) {
                event = root.resolve("events").resolve(eventName);
            } else {
                try (Stream<Path> files = Files.list(root.resolve("events"))) {
                    event = files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().findFirst()
                            .orElseThrow(() -> new IllegalStateException("no sample event events/" + prefix + "*.json"));
                }
            }
            functions.add(new Function(fn.logicalId(), root.resolve(String.valueOf(fn.properties().get("CodeUri"))).normalize(),
                    String.valueOf(fn.properties().get("Handler")).split("::")[0], event));
        }
        return functions;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The JVM options every function gets on Lambda ({@code Globals.Function.Environment}). */
    @SuppressWarnings("unchecked")
    private static String javaToolOptions(TemplateDocument template) {
        Object environment = template.globals("Function").get("Environment");
        Object variables = environment instanceof Map<?, ?> e ? e.get("Variables") : null;
        Object options = variables instanceof Map<?, ?> v ? ((Map<String, Object>) v).get("JAVA_TOOL_OPTIONS") : null;
        return options == null ? "" : options.toString();
    }

    /** The driver's classes copied alone into a directory, so the child's class path holds nothing else of the bench. */
    private static Path driverClasses() throws IOException, URISyntaxException {
        Path own = Path.of(ColdStartDriver.class.getResource("ColdStartDriver.class").toURI()).getParent();
        Path dir = Files.createTempDirectory("coldstart-driver");
        Path target = Files.createDirectories(dir.resolve(ColdStartDriver.class.getPackageName().replace('.', '/')));
        // deleteOnExit removes in the reverse order of registration: files first, then their directories.
        List<Path> dirs = new ArrayList<>();
        for (Path d = target; d.startsWith(dir); d = d.getParent()) {
            dirs.add(0, d);
        }
        dirs.forEach(d -> d.toFile().deleteOnExit());
        try (Stream<Path> files = Files.list(own)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("ColdStartDriver")).toList()) {
                Files.copy(f, target.resolve(f.getFileName().toString())).toFile().deleteOnExit();
            }
        }
        return dir;
    }

    /** aws-lambda-java-serialization: what Lambda's Java runtime turns event JSON into event objects with. */
    private static Path serialisationJar() {
        try {
            return Path.of(LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("functions"))) {
                return dir;
            }
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    static String loadAverage() {
        try {
            return Optional.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).map(p -> p[0] + " " + p[1] + " " + p[2])
                    .orElse("?");
        } catch (IOException | UncheckedIOException e) {
            return "?";
        }
    }
}
