package com.wispbill.local.templatecheck;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.wispbill.local.stack.TemplateDocument;
import com.wispbill.local.stack.TemplateDocument.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Static checks of template.yaml against the code and the team's rules, so that a wrong template
 * fails the build instead of a deployment (or a 3 a.m. page):
 * <ul>
 *   <li>every {@code !Ref}/{@code !GetAtt}/{@code !Sub} (and condition) names something;</li>
 *   <li>every function's {@code CodeUri} is the jar a module builds ({@code <module>/target/<artifactId>-lambda.jar})
 *       and its {@code Handler} a class of that module
 *       implementing {@code RequestHandler}/{@code RequestStreamHandler}; Runtime java21 on arm64;</li>
 *   <li>every variable the function's code reads ({@link EnvUsage}) is set for that function;</li>
 *   <li>every queue has a DLQ of its kind (FIFO or not), visibility ≥ 6 × each consumer's timeout,
 *       SQS event sources report batch item failures, the router command queue is FIFO;</li>
 *   <li>no policy allows {@code *} actions or resources (or Allow with NotAction);</li>
 *   <li>tables have point-in-time recovery;</li>
 *   <li>alarms: every function has an Errors and a Throttles alarm, every queue with a DLQ an alarm on
 *       the age of its oldest message, every DLQ a depth alarm with alarm and OK actions, every
 *       scheduled function an alarm on its Invocations that treats missing data as breaching (it fails
 *       or stops running);</li>
 *   <li>every function has a sample event {@code events/<function>-*.json} that loads as its trigger's event.</li>
 * </ul>
 * Each problem is one line naming the resource; {@link #run} returns them all.
 */
final class TemplateCheck {
    /** What a function may read without the template setting it: Lambda's own runtime variables. */
    static final Set<String> LAMBDA_RUNTIME_VARIABLES = Set.of("AWS_REGION", "AWS_DEFAULT_REGION",
            "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_EXECUTION_ENV", "LAMBDA_TASK_ROOT", "TZ");
    /** AWS's guidance for SQS event sources: visibility at least six times the function timeout. */
    static final int VISIBILITY_FACTOR = 6;
    /** The shaded, deployable jar of a function module (the lambda-function profile of the parent pom). */
    static final String LAMBDA_JAR_SUFFIX = "-lambda.jar";
    /** The router command queue's URL variable: SqsRouterCommandQueue sends with message groups, so it must be FIFO. */
    static final String ROUTER_COMMAND_QUEUE_VARIABLE = "ROUTER_COMMANDS_QUEUE_URL";

    /**
     * @param root          the repository root (CodeUri is relative to it)
     * @param template      the template file
     * @param sharedSources shared library source roots (relative to root) whose static factories functions call
     * @param events        the sample events directory
     * @param classes       where the handler classes are loaded from
     */
    record Project(Path root, Path template, List<Path> sharedSources, Path events, ClassLoader classes) {}

    private final Project project;
    private final TemplateDocument template;
    private final List<String> problems = new ArrayList<>();

    private TemplateCheck(Project project) {
        this.project = project;
        this.template = TemplateDocument.load(project.template());
    }

    static List<String> run(Project project) {
        TemplateCheck check = new TemplateCheck(project);
        check.problems.addAll(check.template.danglingReferences());
        check.functions();
        check.queues();
        check.policies();
        check.tables();
        check.alarms();
        return List.copyOf(check.problems);
    }

    // ------------------------------------------------------------------ functions

    private void functions() {
        List<JavaSource> shared = project.sharedSources().stream().flatMap(p -> javaFiles(project.root().resolve(p))).toList();
        EnvUsage envUsage = new EnvUsage(shared);
        problems.addAll(envUsage.sharedViolations());
        Map<String, Object> globals = template.globals("Function");
        for (Resource fn : template.ofType("AWS::Serverless::Function")) {
            Map<String, Object> props = new LinkedHashMap<>(globals);
            props.putAll(fn.properties());
            String id = fn.logicalId();
            expect("java21".equals(props.get("Runtime")), id + ": Runtime must be java21, is " + props.get("Runtime"));
            expect(List.of("arm64").equals(props.get("Architectures")), id + ": Architectures must be [arm64], is " + props.get("Architectures"));
            Optional<Path> module = codeUri(id, props.get("CodeUri"));
            Optional<String> handlerClass = handler(id, props.get("Handler"), module);
            if (module.isPresent() && handlerClass.isPresent()) {
                environment(id, fn, globals, module.get(), handlerClass.get(), envUsage);
            }
            sqsEvents(id, props);
            sampleEvents(id, props);
        }
    }

    /**
     * The module whose build makes the function's artifact. CodeUri names the jar Maven builds once for
     * all functions ({@code <module>/target/<artifactId>-lambda.jar}): {@code sam build} on a module
     * directory copies it away from its parent pom and fails.
     */
    private Optional<Path> codeUri(String id, Object codeUri) {
        if (!(codeUri instanceof String uri)) {
            problems.add(id + ": CodeUri must be the jar its function module builds, is " + codeUri);
            return Optional.empty();
        }
        Path jar = project.root().resolve(uri).normalize();
        Path target = jar.getParent();
        if (!uri.endsWith(LAMBDA_JAR_SUFFIX) || target == null || !target.getFileName().toString().equals("target")) {
            problems.add(id + ": CodeUri " + uri + " must be the jar its function module builds (<module>/target/<artifactId>"
                    + LAMBDA_JAR_SUFFIX + ", made by ./dev package)");
            return Optional.empty();
        }
        Path module = target.getParent();
        if (!Files.isDirectory(module.resolve("src/main/java")) || !Files.isRegularFile(module.resolve("pom.xml"))) {
            problems.add(id + ": CodeUri " + uri + " is not in a module (no pom.xml and src/main/java under " + module + ")");
            return Optional.empty();
        }
        Optional<String> artifactId = artifactId(module.resolve("pom.xml"));
        String expected = artifactId.map(a -> a + LAMBDA_JAR_SUFFIX).orElse("?");
        if (!jar.getFileName().toString().equals(expected)) {
            problems.add(id + ": CodeUri " + uri + " is not the jar " + project.root().relativize(module) + " builds (target/" + expected + ")");
            return Optional.empty();
        }
        return Optional.of(module);
    }

    /** The module's own artifactId (not its parent's). */
    private static Optional<String> artifactId(Path pom) {
        String text;
        try {
            text = Files.readString(pom).replaceAll("(?s)<parent>.*?</parent>", "").replaceAll("(?s)<dependencies>.*", "");
        } catch (IOException e) {
            return Optional.empty();
        }
        Matcher matcher = Pattern.compile("<artifactId>\\s*([^<\\s]+)\\s*</artifactId>").matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private Optional<String> handler(String id, Object handler, Optional<Path> module) {
        if (!(handler instanceof String spec) || spec.isBlank()) {
            problems.add(id + ": Handler is missing");
            return Optional.empty();
        }
        String className = spec.contains("::") ? spec.substring(0, spec.indexOf("::")) : spec;
        if (spec.contains("::") && !spec.endsWith("::handleRequest")) {
            problems.add(id + ": Handler " + spec + " must name handleRequest, the method of the Lambda handler interfaces");
        }
        if (module.isPresent()) {
            Path source = module.get().resolve("src/main/java").resolve(className.replace('.', '/') + ".java");
            if (!Files.isRegularFile(source)) {
                problems.add(id + ": Handler class " + className + " is not in its CodeUri module (no " + project.root().relativize(source) + ")");
                return Optional.empty();
            }
        }
        try {
            Class<?> type = Class.forName(className, false, project.classes());
            if (!RequestHandler.class.isAssignableFrom(type) && !RequestStreamHandler.class.isAssignableFrom(type)) {
                problems.add(id + ": Handler class " + className + " implements neither RequestHandler nor RequestStreamHandler");
            }
            try {
                type.getConstructor();
            } catch (NoSuchMethodException e) {
                problems.add(id + ": Handler class " + className + " has no public no-arg constructor (what Lambda calls)");
            }
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(id + ": Handler class " + className + " cannot be loaded: " + e);
        }
        return Optional.of(className.substring(className.lastIndexOf('.') + 1));
    }

    private void environment(String id, Resource fn, Map<String, Object> globals, Path module, String handlerClass, EnvUsage envUsage) {
        List<JavaSource> sources = javaFiles(module.resolve("src/main/java")).toList();
        problems.addAll(EnvUsage.nonLiteralReads(sources).stream().map(p -> id + ": " + p).toList());
        Set<String> set = new LinkedHashSet<>(variables(globals));
        set.addAll(variables(fn.properties()));
        envUsage.readsOf(sources, handlerClass).forEach((variable, where) -> {
            if (!set.contains(variable) && !LAMBDA_RUNTIME_VARIABLES.contains(variable)) {
                problems.add(id + ": the code reads " + variable + " (" + where + ") but the template does not set it for this function");
            }
        });
    }

    private static Set<String> variables(Map<String, Object> props) {
        return props.get("Environment") instanceof Map<?, ?> env && env.get("Variables") instanceof Map<?, ?> vars
                ? vars.keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet()) : Set.of();
    }

    private void sqsEvents(String id, Map<String, Object> props) {
        forEachEvent(props, "SQS", event -> {
            Optional<String> queue = TemplateDocument.getAttTarget(event.get("Queue"));
            Resource q = queue.map(template.resources()::get).orElse(null);
            if (q == null || !q.type().equals("AWS::SQS::Queue")) {
                problems.add(id + ": SQS event Queue must be !GetAtt <queue>.Arn of a queue in the template, is " + event.get("Queue"));
                return;
            }
            if (!(event.get("FunctionResponseTypes") instanceof List<?> types) || !types.contains("ReportBatchItemFailures")) {
                problems.add(id + ": SQS event from " + q.logicalId() + " must set FunctionResponseTypes: [ReportBatchItemFailures]");
            }
            long timeout = number(props.get("Timeout"), 3);
            long visibility = number(q.properties().get("VisibilityTimeout"), 30);
            if (visibility < VISIBILITY_FACTOR * timeout) {
                problems.add(q.logicalId() + ": VisibilityTimeout " + visibility + " s is below " + VISIBILITY_FACTOR
                        + " × the " + timeout + " s Timeout of its consumer " + id + " (" + VISIBILITY_FACTOR * timeout + " s)");
            }
        });
    }

    private void sampleEvents(String id, Map<String, Object> props) {
        String prefix = kebab(id.endsWith("Function") ? id.substring(0, id.length() - "Function".length()) : id) + "-";
        List<Path> samples;
        try (Stream<Path> files = Files.isDirectory(project.events()) ? Files.list(project.events()) : Stream.empty()) {
            samples = files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (samples.isEmpty()) {
            problems.add(id + ": no sample event events/" + prefix + "*.json");
            return;
        }
        Set<String> kinds = new LinkedHashSet<>();
        if (props.get("Events") instanceof Map<?, ?> events) {
            events.values().forEach(e -> {
                if (e instanceof Map<?, ?> m && m.get("Type") instanceof String type) {
                    kinds.add(type);
                }
            });
        }
        // A Logs subscription filter (AWS::Logs::SubscriptionFilter with this function as its destination) is a trigger too.
        for (Resource r : template.resources().values()) {
            if (r.type().equals("AWS::Logs::SubscriptionFilter")
                    && TemplateDocument.getAttTarget(r.properties().get("DestinationArn")).filter(id::equals).isPresent()) {
                kinds.add("CloudWatchLogs");
            }
        }
        for (Path sample : samples) {
            if (!loadsAsAnyOf(sample, kinds)) {
                problems.add(id + ": sample event " + project.root().relativize(sample) + " does not load as its trigger's event " + kinds);
            }
        }
    }

    /** Loads with aws-lambda-java-tests as the event type of one of the function's triggers, and has that event's marks. */
    private static boolean loadsAsAnyOf(Path sample, Set<String> kinds) {
        for (String kind : kinds) {
            try {
                boolean ok = switch (kind) {
                    case "SQS" -> {
                        var e = EventLoader.loadSQSEvent(sample.toString());
                        yield e != null && e.getRecords() != null && !e.getRecords().isEmpty()
                                && e.getRecords().stream().allMatch(r -> "aws:sqs".equals(r.getEventSource()) && r.getBody() != null);
                    }
                    case "Schedule", "ScheduleV2" -> {
                        var e = EventLoader.loadScheduledEvent(sample.toString());
                        yield e != null && "aws.events".equals(e.getSource()) && "Scheduled Event".equals(e.getDetailType());
                    }
                    case "CloudWatchLogs" -> {
                        var e = EventLoader.loadCloudWatchLogsEvent(sample.toString());
                        yield e != null && e.getAwsLogs() != null && e.getAwsLogs().getData() != null;
                    }
                    case "DynamoDB" -> {
                        var e = EventLoader.loadDynamoDbEvent(sample.toString());
                        yield e != null && e.getRecords() != null && !e.getRecords().isEmpty()
                                && e.getRecords().stream().allMatch(r -> "aws:dynamodb".equals(r.getEventSource()) && r.getDynamodb() != null);
                    }
                    case "HttpApi" -> {
                        var e = EventLoader.loadApiGatewayHttpEvent(sample.toString());
                        yield e != null && "2.0".equals(e.getVersion()) && e.getRequestContext() != null;
                    }
                    default -> false;
                };
                if (ok) {
                    return true;
                }
            } catch (RuntimeException e) {
                // not this kind; try the next
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ queues

    private void queues() {
        Set<String> deadLetterQueues = new LinkedHashSet<>();
        for (Resource q : template.ofType("AWS::SQS::Queue")) {
            if (q.properties().get("RedrivePolicy") instanceof Map<?, ?> redrive) {
                TemplateDocument.getAttTarget(redrive.get("deadLetterTargetArn")).ifPresent(deadLetterQueues::add);
            }
        }
        // A stream event source mapping's on-failure destination is a dead-letter queue too (of stream records).
        for (Resource fn : template.ofType("AWS::Serverless::Function")) {
            if (fn.properties().get("Events") instanceof Map<?, ?> events) {
                for (Object event : events.values()) {
                    if (event instanceof Map<?, ?> e && e.get("Properties") instanceof Map<?, ?> props
                            && props.get("DestinationConfig") instanceof Map<?, ?> destinations
                            && destinations.get("OnFailure") instanceof Map<?, ?> onFailure) {
                        TemplateDocument.getAttTarget(onFailure.get("Destination")).ifPresent(deadLetterQueues::add);
                    }
                }
            }
        }
        for (Resource q : template.ofType("AWS::SQS::Queue")) {
            if (deadLetterQueues.contains(q.logicalId())) {
                continue;
            }
            if (!(q.properties().get("RedrivePolicy") instanceof Map<?, ?> redrive)) {
                problems.add(q.logicalId() + ": has no DLQ (RedrivePolicy with deadLetterTargetArn and maxReceiveCount)");
                continue;
            }
            Resource dlq = TemplateDocument.getAttTarget(redrive.get("deadLetterTargetArn")).map(template.resources()::get).orElse(null);
            if (dlq == null || !dlq.type().equals("AWS::SQS::Queue")) {
                problems.add(q.logicalId() + ": RedrivePolicy.deadLetterTargetArn must be !GetAtt <queue>.Arn of a queue in the template");
            } else if (isFifo(q) != isFifo(dlq)) {
                problems.add(q.logicalId() + ": its DLQ " + dlq.logicalId() + " must be " + (isFifo(q) ? "FIFO" : "standard") + " like the queue");
            }
            if (number(redrive.get("maxReceiveCount"), 0) < 1) {
                problems.add(q.logicalId() + ": RedrivePolicy.maxReceiveCount must be at least 1");
            }
        }
        for (Resource fn : template.ofType("AWS::Serverless::Function")) {
            Object value = fn.properties().get("Environment") instanceof Map<?, ?> env && env.get("Variables") instanceof Map<?, ?> vars
                    ? vars.get(ROUTER_COMMAND_QUEUE_VARIABLE) : null;
            TemplateDocument.refTarget(value).map(template.resources()::get).ifPresent(q -> expect(isFifo(q),
                    q.logicalId() + ": the router command queue (" + ROUTER_COMMAND_QUEUE_VARIABLE + " of " + fn.logicalId()
                            + ") must be FIFO: commands of one router apply in order"));
        }
    }

    private static boolean isFifo(Resource queue) {
        return Boolean.TRUE.equals(queue.properties().get("FifoQueue")) || "true".equals(String.valueOf(queue.properties().get("FifoQueue")));
    }

    // ------------------------------------------------------------------ alarms

    /** One metric an alarm watches: its own, or one of its metric-math {@code Metrics}. */
    private record WatchedMetric(Resource alarm, String namespace, String name, Map<?, ?> dimensions) {
        /** The resource a dimension names by {@code !Ref} or {@code !GetAtt}. */
        boolean names(String dimension, String logicalId) {
            Object value = dimensions.get(dimension);
            return TemplateDocument.refTarget(value).or(() -> TemplateDocument.getAttTarget(value))
                    .filter(logicalId::equals).isPresent();
        }
    }

    private List<WatchedMetric> watchedMetrics() {
        List<WatchedMetric> watched = new ArrayList<>();
        for (Resource alarm : template.ofType("AWS::CloudWatch::Alarm")) {
            Map<String, Object> p = alarm.properties();
            if (p.get("MetricName") != null) {
                watched.add(new WatchedMetric(alarm, String.valueOf(p.get("Namespace")), String.valueOf(p.get("MetricName")),
                        dimensions(p.get("Dimensions"))));
            }
            for (Object query : asList(p.get("Metrics"))) {
                if (query instanceof Map<?, ?> q && q.get("MetricStat") instanceof Map<?, ?> stat && stat.get("Metric") instanceof Map<?, ?> m) {
                    watched.add(new WatchedMetric(alarm, String.valueOf(m.get("Namespace")), String.valueOf(m.get("MetricName")),
                            dimensions(m.get("Dimensions"))));
                }
            }
        }
        return watched;
    }

    private static Map<?, ?> dimensions(Object list) {
        Map<Object, Object> dimensions = new LinkedHashMap<>();
        for (Object d : asList(list)) {
            if (d instanceof Map<?, ?> dim) {
                dimensions.put(dim.get("Name"), dim.get("Value"));
            }
        }
        return dimensions;
    }

    private static boolean hasActions(Resource alarm, String key) {
        return !asList(alarm.properties().get(key)).isEmpty();
    }

    private void alarms() {
        List<WatchedMetric> watched = watchedMetrics();
        for (Resource fn : template.ofType("AWS::Serverless::Function")) {
            String id = fn.logicalId();
            for (String metric : List.of("Errors", "Throttles")) {
                expect(watched.stream().anyMatch(w -> w.namespace().equals("AWS/Lambda") && w.name().equals(metric)
                                && w.names("FunctionName", id) && hasActions(w.alarm(), "AlarmActions")),
                        id + ": no " + metric + " alarm (AWS/Lambda " + metric + " with FunctionName !Ref " + id + " and AlarmActions)");
            }
            boolean scheduled = fn.properties().get("Events") instanceof Map<?, ?> events && events.values().stream()
                    .anyMatch(e -> e instanceof Map<?, ?> event && String.valueOf(event.get("Type")).startsWith("Schedule"));
            if (scheduled) {
                expect(watched.stream().anyMatch(w -> w.namespace().equals("AWS/Lambda") && w.name().equals("Invocations")
                                && w.names("FunctionName", id) && "breaching".equals(w.alarm().properties().get("TreatMissingData"))
                                && hasActions(w.alarm(), "AlarmActions")),
                        id + ": no schedule failure alarm (AWS/Lambda Invocations of !Ref " + id
                                + " with TreatMissingData: breaching and AlarmActions): a schedule that fails or stops running must alarm");
            }
        }
        for (Resource q : template.ofType("AWS::SQS::Queue")) {
            if (!(q.properties().get("RedrivePolicy") instanceof Map<?, ?> redrive)) {
                continue;
            }
            String id = q.logicalId();
            expect(watched.stream().anyMatch(w -> w.namespace().equals("AWS/SQS") && w.name().equals("ApproximateAgeOfOldestMessage")
                            && w.names("QueueName", id) && hasActions(w.alarm(), "AlarmActions")),
                    id + ": no age alarm (AWS/SQS ApproximateAgeOfOldestMessage with QueueName !GetAtt " + id + ".QueueName and AlarmActions)");
            TemplateDocument.getAttTarget(redrive.get("deadLetterTargetArn")).ifPresent(dlq -> expect(watched.stream()
                            .anyMatch(w -> w.namespace().equals("AWS/SQS") && w.name().equals("ApproximateNumberOfMessagesVisible")
                                    && w.names("QueueName", dlq) && hasActions(w.alarm(), "AlarmActions") && hasActions(w.alarm(), "OKActions")),
                    dlq + ": no DLQ depth alarm (AWS/SQS ApproximateNumberOfMessagesVisible with QueueName !GetAtt " + dlq
                            + ".QueueName, AlarmActions and OKActions)"));
        }
    }

    // ------------------------------------------------------------------ policies and tables

    private void policies() {
        for (Resource r : template.resources().values()) {
            walkStatements(r.properties(), r.logicalId(), statement -> {
                Object effect = statement.get("Effect");
                // A Deny takes rights away (the console bucket's TLS-only rule denies every action), so only grants must be narrow.
                for (String key : "Deny".equals(effect) ? List.<String>of() : List.of("Action", "Resource")) {
                    for (Object value : asList(statement.get(key))) {
                        if ("*".equals(value) || value instanceof String s && s.endsWith(":*") && key.equals("Action")) {
                            problems.add(r.logicalId() + ": policy statement with " + key + " " + value + " (least privilege: name what is needed)");
                        }
                    }
                }
                if ("Allow".equals(effect) && statement.containsKey("NotAction")) {
                    problems.add(r.logicalId() + ": Allow with NotAction grants every other action");
                }
            });
            if (r.type().equals("AWS::Serverless::Function") && r.properties().get("Policies") instanceof List<?> policies) {
                for (Object policy : policies) {
                    if (policy instanceof String managed && !managed.startsWith("AWSLambda")) {
                        problems.add(r.logicalId() + ": managed policy " + managed + " in Policies; write the statements it needs");
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void walkStatements(Object value, String path, Consumer<Map<String, Object>> onStatement) {
        if (value instanceof Map<?, ?> map) {
            if (map.get("Statement") != null) {
                for (Object s : asList(map.get("Statement"))) {
                    if (s instanceof Map<?, ?> statement) {
                        onStatement.accept((Map<String, Object>) statement);
                    }
                }
            }
            map.values().forEach(v -> walkStatements(v, path, onStatement));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> walkStatements(v, path, onStatement));
        }
    }

    private void tables() {
        for (Resource t : template.ofType("AWS::DynamoDB::Table")) {
            Object pitr = t.properties().get("PointInTimeRecoverySpecification") instanceof Map<?, ?> spec
                    ? spec.get("PointInTimeRecoveryEnabled") : null;
            expect(Boolean.TRUE.equals(pitr) || "true".equals(String.valueOf(pitr)),
                    t.logicalId() + ": PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled must be true");
        }
        for (Resource t : template.ofType("AWS::Serverless::SimpleTable")) {
            problems.add(t.logicalId() + ": AWS::Serverless::SimpleTable cannot enable point-in-time recovery; use AWS::DynamoDB::Table");
        }
    }

    // ------------------------------------------------------------------ helpers

    private void expect(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    private static void forEachEvent(Map<String, Object> props, String type, Consumer<Map<?, ?>> action) {
        if (props.get("Events") instanceof Map<?, ?> events) {
            for (Object e : events.values()) {
                if (e instanceof Map<?, ?> event && type.equals(event.get("Type")) && event.get("Properties") instanceof Map<?, ?> p) {
                    action.accept(p);
                }
            }
        }
    }

    private static List<?> asList(Object value) {
        return value == null ? List.of() : value instanceof List<?> l ? l : List.of(value);
    }

    private static long number(Object value, long absent) {
        if (value == null) {
            return absent;
        }
        try {
            return Long.parseLong(String.valueOf(value));
        } catch (NumberFormatException e) {
            return absent;
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static Stream<JavaSource> javaFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java") && !f.getFileName().toString().equals("package-info.java"))
                    .sorted().map(JavaSource::read).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
