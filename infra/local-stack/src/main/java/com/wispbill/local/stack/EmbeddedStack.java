package com.wispbill.local.stack;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The embedded AWS-compatible stack, driven by the SAM template: DynamoDB Local, ElasticMQ and an
 * SNS endpoint behind one edge endpoint on 127.0.0.1, with the template's tables, queues, topics
 * and subscriptions created and its functions wired to HTTP API routes, SQS queues and schedules.
 *
 * <pre>{@code
 * try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options()
 *         .handler("NotifierFunction", myTestHandler)
 *         .schedulesEnabled(false))) {
 *     SqsClient sqs = SqsClient.create();   // reaches the stack through aws.endpointUrl
 *     ...
 * }
 * }</pre>
 *
 * <p>Code under test needs nothing but the endpoint: {@code start} sets the system properties
 * {@code aws.endpointUrl}, {@code aws.region} and (dummy) credentials, which every SDK v2 client
 * built afterwards in this JVM picks up, and publishes each function's resolved environment
 * variables as {@code wispbill.env.<NAME>} system properties. {@code close()} restores them.
 * System properties are JVM-wide, so only one stack runs per JVM at a time.
 */
public final class EmbeddedStack implements AutoCloseable {

    /** The account id in every ARN and queue URL (LocalStack's too). */
    public static final String ACCOUNT_ID = "000000000000";
    /** Prefix of the system properties carrying function environment variables. */
    public static final String ENV_PROPERTY_PREFIX = "wispbill.env.";
    /** System property: {@code true} drops the stack's routine INFO lines (warnings and errors still print). */
    public static final String QUIET_PROPERTY = StackLog.QUIET_PROPERTY;

    private static final AtomicReference<EmbeddedStack> ACTIVE = new AtomicReference<>();
    /** The edge port of the last stack started in this JVM (see {@link #bindEdge()}). */
    private static volatile int previousEdgePort;

    private final Options options;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final Map<String, String> previousSystemProperties = new LinkedHashMap<>();
    private final Resources resources = new Resources();
    private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
    private final Map<String, LambdaFunction> wiredFunctions = new LinkedHashMap<>();
    private final List<SqsPoller> pollers = new ArrayList<>();
    private final List<DynamoDbStreamPoller> streamPollers = new ArrayList<>();
    private final Map<String, String> skippedFunctions = new LinkedHashMap<>();
    private Path templatePath;
    private String region;
    private EdgeServer edge;
    private HttpApiServer httpApi;
    private Map<String, HttpApiCors> httpApiCors = Map.of();
    private DynamoDbLocalServer dynamoDb;
    private ElasticMqServer elasticMq;
    private SnsEndpoint sns;
    private SecretsManagerEndpoint secretsManager;
    private SesEndpoint ses;
    private ScheduleRunner schedules;
    private LogSubscriptions logSubscriptions;
    private ResourceProvisioner provisioner;
    private Map<String, String> environment = Map.of();
    private Duration startupTime;
    private volatile boolean closed;

    private EmbeddedStack(Options options) {
        this.options = options;
    }

    public static Options options() {
        return new Options();
    }

    /** Starts a stack from {@code template.yaml} found in the working directory or a parent. */
    public static EmbeddedStack start() {
        return start(options());
    }

    public static EmbeddedStack start(Options options) {
        EmbeddedStack stack = new EmbeddedStack(options.copy());
        if (!ACTIVE.compareAndSet(null, stack)) {
            EmbeddedStack running = ACTIVE.get();
            throw new StackException("Another EmbeddedStack is running in this JVM (edge " + (running.edge == null ? "starting" : running.edge.baseUrl())
                    + "); close it first: the endpoint and environment system properties are JVM-wide");
        }
        try {
            stack.boot();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void boot() {
        long started = System.nanoTime();
        templatePath = options.template != null ? options.template : findTemplate();
        CfnTemplate template = CfnTemplate.load(templatePath);
        region = options.region != null ? options.region : firstNonBlank(System.getProperty("aws.region"), System.getenv("AWS_REGION"), "us-east-1");

        edge = bindEdge();
        closeables.push(edge);
        boolean hasHttpApi = FunctionWiring.hasHttpApiEvents(template);
        if (hasHttpApi) {
            httpApi = HttpApiServer.bind(options.httpApiPort, ACCOUNT_ID, "local");
            closeables.push(httpApi);
        }

        // The two servers take most of the startup time; start them side by side, each followed by
        // a first request (DynamoDB Local initialises SQLite on it, the SDK loads its classes).
        CompletableFuture<DynamoDbLocalServer> dynamoStart = CompletableFuture.supplyAsync(DynamoDbLocalServer::start, EmbeddedStack::platformThread);
        CompletableFuture<ElasticMqServer> sqsStart = CompletableFuture.supplyAsync(
                () -> ElasticMqServer.start(edge.port(), region, ACCOUNT_ID), EmbeddedStack::platformThread);
        CompletableFuture<DynamoDbClient> dynamoReady = dynamoStart.thenApplyAsync(server -> {
            DynamoDbClient client = DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.of(region))
                    .credentialsProvider(internalCredentials()).httpClient(UrlConnectionHttpClient.create()).build();
            client.listTables();
            return client;
        }, EmbeddedStack::platformThread);
        CompletableFuture<SqsClient> sqsReady = sqsStart.thenApplyAsync(server -> {
            SqsClient client = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.of(region))
                    .credentialsProvider(internalCredentials())
                    .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build()).build();
            client.listQueues();
            return client;
        }, EmbeddedStack::platformThread);
        dynamoDb = await(dynamoStart, sqsStart);
        elasticMq = await(sqsStart, dynamoStart);
        closeables.push(elasticMq);
        closeables.push(dynamoDb);
        DynamoDbClient dynamoClient = await(dynamoReady, sqsReady);
        SqsClient sqsClient = await(sqsReady, dynamoReady);
        closeables.push(dynamoClient);
        closeables.push(sqsClient);

        sns = new SnsEndpoint(region, ACCOUNT_ID, edge.baseUrl(), sqsClient);
        secretsManager = new SecretsManagerEndpoint(region, ACCOUNT_ID, java.time.Clock.systemUTC());
        ses = new SesEndpoint(java.time.Clock.systemUTC());
        edge.start(dynamoDb.endpoint(), elasticMq.endpoint(), sns, secretsManager, ses);
        configureSdkSystemProperties();

        provisioner = new ResourceProvisioner(template,
                new ResourceProvisioner.StackSettings(options.stackName, region, ACCOUNT_ID, options.parameters, options.importValues),
                resources, dynamoClient, sqsClient, sns, secretsManager, hasHttpApi ? "local" : null,
                hasHttpApi ? httpApi.baseUrl() : null);
        provisioner.provisionAll();

        FunctionWiring wiring = new FunctionWiring(template, provisioner, resources, options.stackName, region, ACCOUNT_ID,
                options.enforceTimeouts, options.defaultSqsConcurrency);
        for (LambdaFunction function : wiring.functions()) {
            functions.put(function.logicalId(), function);
        }
        checkSelections();
        environment = FunctionWiring.sharedEnvironment(List.copyOf(functions.values()), options.environment);
        environment.forEach((name, value) -> setSystemProperty(ENV_PROPERTY_PREFIX + name, value));

        instantiateHandlers();
        httpApiCors = hasHttpApi ? httpApiCors(template) : Map.of();
        wireEventSources(sqsClient);
        wireLogSubscriptions(template);
        startupTime = Duration.ofNanos(System.nanoTime() - started);
        StackLog.info("stack ready in " + startupTime.toMillis() + " ms: edge " + edge.baseUrl()
                + (httpApi != null ? ", HTTP API " + httpApi.baseUrl() : "") + ", " + wiredFunctions.size() + " functions wired");
    }

    private void checkSelections() {
        Set<String> known = functions.keySet();
        List<String> unknown = new ArrayList<>();
        for (String id : options.handlers.keySet()) {
            if (!known.contains(id)) {
                unknown.add("handler(" + id + ")");
            }
        }
        for (String id : options.onlyFunctions == null ? Set.<String>of() : options.onlyFunctions) {
            if (!known.contains(id)) {
                unknown.add("onlyFunctions(" + id + ")");
            }
        }
        for (String id : options.excludedFunctions) {
            if (!known.contains(id)) {
                unknown.add("excludeFunctions(" + id + ")");
            }
        }
        if (!unknown.isEmpty()) {
            throw new StackException("Options name functions the template does not have: " + unknown + "; the template's functions: " + known);
        }
    }

    private void instantiateHandlers() {
        ClassLoader loader = Objects.requireNonNullElse(Thread.currentThread().getContextClassLoader(), EmbeddedStack.class.getClassLoader());
        for (LambdaFunction function : functions.values()) {
            String id = function.logicalId();
            if (options.excludedFunctions.contains(id) || (options.onlyFunctions != null && !options.onlyFunctions.contains(id))) {
                skippedFunctions.put(id, "excluded by options");
                continue;
            }
            Object registered = options.handlers.get(id);
            if (registered != null) {
                function.handler(LambdaHandler.of(registered));
            } else if (function.handlerSpec() == null) {
                throw new StackException("Function " + id + " has no Handler in the template and none was registered");
            } else {
                try {
                    function.handler(LambdaHandler.load(function.handlerSpec(), loader));
                } catch (ClassNotFoundException | NoClassDefFoundError e) {
                    if (!options.skipFunctionsWithoutHandlerClass) {
                        throw new StackException("Function " + id + ": handler class of '" + function.handlerSpec()
                                + "' is not on the classpath (" + e.getMessage() + "). Add the function module as a dependency, register a handler with"
                                + " Options.handler(\"" + id + "\", instance), or use Options.skipFunctionsWithoutHandlerClass()", e);
                    }
                    skippedFunctions.put(id, "handler class not on the classpath");
                    continue;
                } catch (ReflectiveOperationException e) {
                    Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
                    throw new StackException("Function " + id + ": cannot instantiate " + function.handlerSpec() + " with its no-arg constructor: "
                            + cause, cause);
                } catch (RuntimeException | LinkageError e) {
                    throw new StackException("Function " + id + ": cannot load " + function.handlerSpec() + ": " + e, e);
                }
            }
            wiredFunctions.put(id, function);
        }
    }

    private void wireEventSources(SqsClient sqsClient) {
        HttpRoutes routes = new HttpRoutes();
        List<ScheduleRunner.Binding> scheduleBindings = new ArrayList<>();
        for (LambdaFunction function : wiredFunctions.values()) {
            for (FunctionEvent event : function.events()) {
                switch (event) {
                    case FunctionEvent.HttpApi http ->
                            routes.add(new HttpRoutes.Route(http.method(), http.path(), function, http.apiLogicalId()));
                    case FunctionEvent.Sqs sqs -> {
                        if (sqs.enabled() && options.sqsPollingEnabled) {
                            SqsPoller poller = new SqsPoller(function, sqs, resources.queueUrl(sqs.queueLogicalId()), sqsClient, region);
                            pollers.add(poller);
                            closeables.push(poller);
                            poller.start();
                        }
                    }
                    case FunctionEvent.DynamoDbStream stream -> {
                        if (stream.enabled() && options.streamPollingEnabled) {
                            String onFailureUrl = stream.onFailureQueueLogicalId() == null ? null
                                    : resources.queueUrl(stream.onFailureQueueLogicalId());
                            DynamoDbStreamPoller poller = new DynamoDbStreamPoller(function, stream, streamsClient(), region,
                                    sqsClient, onFailureUrl);
                            streamPollers.add(poller);
                            closeables.push(poller);
                            poller.start();
                        }
                    }
                    case FunctionEvent.Schedule schedule -> scheduleBindings.add(new ScheduleRunner.Binding(function, schedule));
                    case FunctionEvent.Unsupported unsupported -> StackLog.warn("function " + function.logicalId() + ": event "
                            + unsupported.name() + " of type " + unsupported.type() + " is not emulated by the embedded stack and will never fire");
                }
            }
        }
        schedules = new ScheduleRunner(scheduleBindings, ACCOUNT_ID, region, options.schedulesEnabled);
        closeables.push(schedules);
        if (httpApi != null) {
            httpApi.start(routes, httpApiCors);
        }
    }

    /**
     * Each HTTP API's {@code CorsConfiguration} by its logical id, each origin of a CloudFront
     * distribution of the template ({@code https://${Distribution.DomainName}}) replaced by
     * {@link Options#consoleOrigin}: the console served locally stands in for the distribution.
     * Every API's routes are served on one port; each route answers with its own API's CORS.
     */
    private Map<String, HttpApiCors> httpApiCors(CfnTemplate template) {
        Map<String, HttpApiCors> byApi = new java.util.LinkedHashMap<>();
        Set<String> distributionOrigins = new java.util.HashSet<>();
        for (CfnTemplate.ResourceDefinition d : template.resources().values()) {
            if (d.type().equals("AWS::CloudFront::Distribution")) {
                distributionOrigins.add("https://" + ResourceProvisioner.distributionDomain(d.logicalId()));
            }
        }
        for (CfnTemplate.ResourceDefinition definition : template.resources().values()) {
            if (!definition.type().equals("AWS::Serverless::HttpApi") || !provisioner.isActive(definition)
                    || !definition.properties().containsKey("CorsConfiguration")) {
                continue;
            }
            String path = "Resources." + definition.logicalId() + ".Properties.CorsConfiguration";
            Object configuration = provisioner.resolver().resolve(definition.properties().get("CorsConfiguration"), path);
            byApi.put(definition.logicalId(), HttpApiCors.of(configuration, origin ->
                    options.consoleOrigin != null && distributionOrigins.contains(origin) ? options.consoleOrigin : origin));
        }
        return byApi;
    }

    /**
     * {@code AWS::Logs::SubscriptionFilter}s whose destination is a wired function: lines the stack
     * logs to their groups (SNS's SMS delivery status) reach that function as Logs would deliver them.
     */
    private void wireLogSubscriptions(CfnTemplate template) {
        List<LogSubscriptions.Filter> filters = new ArrayList<>();
        for (CfnTemplate.ResourceDefinition definition : template.resources().values()) {
            if (!definition.type().equals("AWS::Logs::SubscriptionFilter") || !provisioner.isActive(definition)) {
                continue;
            }
            String path = "Resources." + definition.logicalId() + ".Properties";
            IntrinsicResolver resolver = provisioner.resolver();
            String logGroup = resolver.resolveString(definition.properties().get("LogGroupName"), path + ".LogGroupName");
            String destination = resolver.resolveString(definition.properties().get("DestinationArn"), path + ".DestinationArn");
            wiredFunctions.values().stream().filter(f -> f.arn().equals(destination)).findFirst().ifPresentOrElse(
                    function -> filters.add(new LogSubscriptions.Filter(logGroup, definition.logicalId(), function)),
                    () -> {
                        // A function left out by the options is expected; anything else is a template the stack cannot serve.
                        if (functions.values().stream().noneMatch(f -> f.arn().equals(destination))) {
                            StackLog.warn("subscription filter " + definition.logicalId() + ": destination " + destination
                                    + " is not a function of the template; its log lines are not delivered");
                        }
                    });
        }
        LogSubscriptions subscriptions = new LogSubscriptions(filters, ACCOUNT_ID);
        logSubscriptions = subscriptions;
        closeables.push(subscriptions);
        sns.deliveryStatusLogs(subscriptions);
    }

    // ---------------------------------------------------------------- public API

    /** The edge endpoint ({@code http://127.0.0.1:PORT}) every SDK client in this JVM now uses. */
    public URI endpoint() {
        return URI.create(edge.baseUrl());
    }

    public int edgePort() {
        return edge.port();
    }

    /**
     * The security headers (Content-Security-Policy, HSTS, ...) the template's CloudFront response
     * headers policy {@code logicalId} adds, resolved with this stack's parameters: what a local
     * stand-in for the distribution sends with every file.
     */
    public Map<String, String> cloudFrontSecurityHeaders(String logicalId) {
        CfnTemplate template = CfnTemplate.load(templatePath);
        CfnTemplate.ResourceDefinition definition = template.resources().get(logicalId);
        if (definition == null || !definition.type().equals("AWS::CloudFront::ResponseHeadersPolicy")) {
            throw new StackException(logicalId + " is not an AWS::CloudFront::ResponseHeadersPolicy of " + templatePath);
        }
        String path = "Resources." + logicalId + ".Properties.ResponseHeadersPolicyConfig";
        return CloudFrontSecurityHeaders.of(ResourceProvisioner.map(
                provisioner.resolver().resolve(definition.properties().get("ResponseHeadersPolicyConfig"), path)));
    }

    /** The origins the HTTP APIs' CORS configurations allow, as served here (none without CorsConfiguration). */
    public List<String> httpApiCorsOrigins() {
        return httpApiCors.values().stream().flatMap(c -> c.allowOrigins().stream()).distinct().toList();
    }

    /** The base URL of the HTTP API (all HttpApi routes of the template). */
    public URI httpApiEndpoint() {
        if (httpApi == null) {
            throw new IllegalStateException("The template has no HttpApi events");
        }
        return URI.create(httpApi.baseUrl());
    }

    /** Every port the stack listens on (edge, HTTP API, DynamoDB Local, ElasticMQ). */
    public List<Integer> listeningPorts() {
        List<Integer> ports = new ArrayList<>(List.of(edge.port(), dynamoDb.port(), elasticMq.port()));
        if (httpApi != null) {
            ports.add(httpApi.port());
        }
        return ports;
    }

    public String region() {
        return region;
    }

    public String stackName() {
        return options.stackName;
    }

    /**
     * Waits until every DynamoDB stream event source mapping has handled the records written before
     * this call (a test's "the aggregates have caught up"); throws if that takes longer than {@code timeout}.
     */
    public void awaitStreams(Duration timeout) {
        for (DynamoDbStreamPoller poller : streamPollers) {
            if (!poller.awaitIdle(timeout)) {
                throw new StackException("a DynamoDB stream event source mapping did not catch up within " + timeout);
            }
        }
    }

    private DynamoDbStreamsClient streamsClient() {
        if (streamsClient == null) {
            streamsClient = DynamoDbStreamsClient.builder().endpointOverride(dynamoDb.endpoint()).region(Region.of(region))
                    .credentialsProvider(internalCredentials()).httpClient(UrlConnectionHttpClient.create()).build();
            closeables.push(streamsClient);
        }
        return streamsClient;
    }

    private DynamoDbStreamsClient streamsClient;

    public Resources resources() {
        return resources;
    }

    public SnsEndpoint sns() {
        return sns;
    }

    /** The Secrets Manager endpoint (router credentials, provider keys); reach it with a real {@code SecretsManagerClient}. */
    public SecretsManagerEndpoint secretsManager() {
        return secretsManager;
    }

    /** The SES endpoint (operator alert emails): records what SendEmail sends. */
    public SesEndpoint ses() {
        return ses;
    }

    /** Logical ids of the functions whose handlers are wired (loaded or registered). */
    public Set<String> functions() {
        return Set.copyOf(wiredFunctions.keySet());
    }

    /** The shared function environment as published in {@code wispbill.env.*}. */
    public Map<String, String> environment() {
        return environment;
    }

    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Invokes a function directly and synchronously, as {@code aws lambda invoke} would. The event
     * is passed as is when the handler accepts its type, else converted through its JSON form
     * (a JSON string is parsed).
     *
     * @return what the handler returned
     * @throws FunctionInvocationException when the handler throws or times out
     */
    public Object invoke(String logicalId, Object event) {
        LambdaFunction function = wiredFunction(logicalId);
        Object typed = event instanceof String ? null : event;
        return function.invoke(typed, () -> LambdaEvents.wire(event));
    }

    /**
     * Writes {@code message} to the log group {@code logGroup} as a line logged now: each function
     * subscribed to that group (the template's {@code AWS::Logs::SubscriptionFilter}s) gets it in the
     * event Logs sends, synchronously; returns what they answered (none subscribed: empty).
     */
    public List<Object> deliverLogLine(String logGroup, String message) {
        return logSubscriptions.logAndWait(logGroup, message, java.time.Instant.now());
    }

    /** Fires the function's schedule now (its only or first Schedule/ScheduleV2 event), synchronously. */
    public Object invokeScheduleNow(String logicalId) {
        wiredFunction(logicalId);
        return schedules.invokeNow(logicalId, null);
    }

    /** Fires the named schedule event of the function now, synchronously. */
    public Object invokeScheduleNow(String logicalId, String eventName) {
        wiredFunction(logicalId);
        return schedules.invokeNow(logicalId, eventName);
    }

    private LambdaFunction wiredFunction(String logicalId) {
        LambdaFunction function = wiredFunctions.get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException(functions.containsKey(logicalId)
                    ? "Function " + logicalId + " is not wired: " + skippedFunctions.get(logicalId)
                    : "No function " + logicalId + " in the template; functions: " + functions.keySet());
        }
        return function;
    }

    /** What runs: endpoints, tables, queues (with DLQs), topics, functions with their triggers. */
    public void printSummary(PrintStream out) {
        StringBuilder s = new StringBuilder();
        s.append("WISPbill embedded stack '").append(options.stackName).append("' (").append(region).append(") from ")
                .append(templatePath).append(", ready in ").append(startupTime.toMillis()).append(" ms\n");
        s.append("  Edge endpoint   ").append(edge.baseUrl()).append("   (aws.endpointUrl; use as AWS_ENDPOINT_URL)\n");
        if (httpApi != null) {
            s.append("  HTTP API        ").append(httpApi.baseUrl()).append('\n');
        }
        section(s, "Tables", resources.ofTypes("AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Serverless::SimpleTable"),
                r -> r.ref() + "  " + provisioner.details(r.logicalId()));
        section(s, "Queues", resources.ofTypes("AWS::SQS::Queue"), r -> r.ref() + "  " + provisioner.details(r.logicalId()));
        section(s, "Topics", resources.ofTypes("AWS::SNS::Topic"), r -> {
            List<String> subscriptions = sns.describeSubscriptions(r.ref());
            return r.ref() + (subscriptions.isEmpty() ? "" : "\n      -> " + String.join("\n      -> ", subscriptions));
        });
        s.append("  Functions\n");
        for (LambdaFunction function : functions.values()) {
            s.append("    ").append(function.logicalId()).append("  ");
            boolean wired = wiredFunctions.containsKey(function.logicalId());
            if (!wired) {
                s.append("NOT WIRED (").append(skippedFunctions.get(function.logicalId())).append(")  ");
            }
            s.append(options.handlers.containsKey(function.logicalId()) ? "registered handler " + function.handler().handlerClass().getName()
                    : function.handlerSpec()).append("  timeout ").append(function.timeout().toSeconds()).append(" s\n");
            for (FunctionEvent event : function.events()) {
                s.append("      ").append(wired ? "" : "(not wired) ").append(describe(event)).append('\n');
            }
        }
        if (!provisioner.notEmulated().isEmpty()) {
            s.append("  Not emulated (Ref/GetAtt give placeholders): ").append(provisioner.notEmulated()).append('\n');
        }
        out.print(s);
        out.flush();
    }

    private String describe(FunctionEvent event) {
        return switch (event) {
            case FunctionEvent.HttpApi http -> "HttpApi   " + http.routeKey();
            case FunctionEvent.Sqs sqs -> "SQS       " + resources.get(sqs.queueLogicalId()).attributes().get("QueueName")
                    + " batch " + sqs.batchSize() + (sqs.maximumBatchingWindowSeconds() > 0 ? " window " + sqs.maximumBatchingWindowSeconds() + " s" : "")
                    + (sqs.reportBatchItemFailures() ? ", ReportBatchItemFailures" : "") + ", " + sqs.maximumConcurrency() + " pollers"
                    + (!sqs.filters().isEmpty() ? ", " + sqs.filters().size() + " filters" : "")
                    + (sqs.enabled() && options.sqsPollingEnabled ? "" : " (polling off)");
            case FunctionEvent.DynamoDbStream stream -> "DynamoDB  stream of " + stream.tableLogicalId() + " from "
                    + stream.startingPosition() + " batch " + stream.batchSize()
                    + (stream.reportBatchItemFailures() ? ", ReportBatchItemFailures" : "")
                    + (stream.maximumRetryAttempts() < 0 ? ", retried until it succeeds" : ", " + stream.maximumRetryAttempts() + " retries")
                    + (stream.bisectBatchOnFunctionError() ? ", bisect on error" : "")
                    + (stream.onFailureQueueLogicalId() != null ? ", on failure to " + stream.onFailureQueueLogicalId() : "")
                    + (!stream.filters().isEmpty() ? ", " + stream.filters().size() + " filters" : "")
                    + (stream.enabled() && options.streamPollingEnabled ? "" : " (polling off)");
            case FunctionEvent.Schedule schedule -> "Schedule  " + schedule.expression()
                    + (schedule.input() != null ? " with Input" : "")
                    + (!schedule.enabled() ? " (disabled)" : options.schedulesEnabled ? "" : " (timers off; invokeScheduleNow)");
            case FunctionEvent.Unsupported unsupported -> "NOT EMULATED  " + unsupported.type() + " event " + unsupported.name();
        };
    }

    private static void section(StringBuilder s, String title, java.util.Collection<Resources.Resource> items,
                                java.util.function.Function<Resources.Resource, String> line) {
        if (items.isEmpty()) {
            return;
        }
        s.append("  ").append(title).append('\n');
        for (Resources.Resource r : items) {
            s.append("    ").append(r.logicalId()).append("  ").append(line.apply(r)).append('\n');
        }
    }

    /**
     * Stops pollers, timers, the HTTP servers, ElasticMQ and DynamoDB Local, and restores the
     * system properties the stack set. Ports are free when this returns.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        // Event sources first, so that nothing new reaches a backend that is shutting down.
        List<AutoCloseable> first = new ArrayList<>();
        if (schedules != null) {
            first.add(schedules);
        }
        first.addAll(pollers);
        if (httpApi != null) {
            first.add(httpApi);
        }
        for (AutoCloseable closeable : first) {
            try {
                closeable.close();
            } catch (Exception e) {
                failure = new StackException("Closing the embedded stack failed: " + e.getMessage(), e);
            }
        }
        while (!closeables.isEmpty()) {
            AutoCloseable closeable = closeables.pop();
            try {
                closeable.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new StackException("Closing the embedded stack failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        restoreSystemProperties();
        ACTIVE.compareAndSet(this, null);
        if (failure != null) {
            throw failure;
        }
    }

    // ---------------------------------------------------------------- environment plumbing

    /**
     * Binds the edge. Without a configured port, a stack reuses the port of the previous stack in
     * this JVM: SDK clients fix their endpoint when built, and code under test often keeps clients
     * in static fields, which then keep working when a test class starts a fresh stack.
     */
    private EdgeServer bindEdge() {
        int configured = configuredEdgePort();
        int previous = previousEdgePort;
        if (configured == 0 && previous > 0) {
            try {
                return EdgeServer.bind(previous, ACCOUNT_ID);
            } catch (StackException e) {
                StackLog.warn("the previous stack's edge port " + previous + " is taken; SDK clients built for that stack"
                        + " will not reach this one");
            }
        }
        EdgeServer bound = EdgeServer.bind(configured, ACCOUNT_ID);
        previousEdgePort = bound.port();
        return bound;
    }

    private int configuredEdgePort() {
        if (options.edgePort != null) {
            return options.edgePort;
        }
        String configured = System.getenv("AWS_ENDPOINT_URL");
        if (configured != null && !configured.isBlank()) {
            try {
                URI uri = URI.create(configured.trim());
                String host = uri.getHost();
                if (("127.0.0.1".equals(host) || "localhost".equalsIgnoreCase(host)) && uri.getPort() > 0) {
                    return uri.getPort();
                }
            } catch (IllegalArgumentException e) {
                // fall through to the warning
            }
            StackLog.warn("AWS_ENDPOINT_URL=" + configured + " is not a 127.0.0.1 address; the stack uses an ephemeral port and"
                    + " aws.endpointUrl (which takes precedence in this JVM)");
        }
        return 0;
    }

    private void configureSdkSystemProperties() {
        String previous = System.getProperty("aws.endpointUrl");
        if (previous != null && !previous.equals(edge.baseUrl())) {
            StackLog.warn("aws.endpointUrl was " + previous + "; now " + edge.baseUrl() + " until the stack closes");
        }
        setSystemProperty("aws.endpointUrl", edge.baseUrl());
        if (System.getProperty("aws.region") == null && System.getenv("AWS_REGION") == null) {
            setSystemProperty("aws.region", region);
        }
        if (System.getProperty("aws.accessKeyId") == null && System.getenv("AWS_ACCESS_KEY_ID") == null) {
            // Never let the default chain fall through to a real profile or instance role.
            setSystemProperty("aws.accessKeyId", "local");
            setSystemProperty("aws.secretAccessKey", "local");
        }
        for (String service : List.of("DYNAMODB", "SQS", "SNS")) {
            String specific = System.getenv("AWS_ENDPOINT_URL_" + service);
            if (specific != null) {
                StackLog.warn("AWS_ENDPOINT_URL_" + service + "=" + specific + " overrides aws.endpointUrl for " + service.toLowerCase(Locale.ROOT)
                        + " clients: they will not reach the embedded stack");
            }
        }
    }

    private void setSystemProperty(String name, String value) {
        if (!previousSystemProperties.containsKey(name)) {
            previousSystemProperties.put(name, System.getProperty(name));
        }
        System.setProperty(name, value);
    }

    private void restoreSystemProperties() {
        previousSystemProperties.forEach((name, previous) -> {
            if (previous == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, previous);
            }
        });
        previousSystemProperties.clear();
    }

    private static StaticCredentialsProvider internalCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

    private static Path findTemplate() {
        Path directory = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = directory; d != null; d = d.getParent()) {
            for (String name : List.of("template.yaml", "template.yml")) {
                Path candidate = d.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new StackException("No template.yaml in " + directory + " or its parents; pass Options.template(path)");
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        throw new IllegalArgumentException("no value");
    }

    private static void platformThread(Runnable task) {
        Thread.ofPlatform().daemon().name("stack-start").start(task);
    }

    /** Waits for one of two parallel starts; if it fails, the other is still awaited so that it can be closed. */
    private <T extends AutoCloseable> T await(CompletableFuture<T> mine, CompletableFuture<? extends AutoCloseable> other) {
        try {
            return mine.join();
        } catch (CompletionException e) {
            try {
                closeables.push(other.join());
            } catch (CompletionException ignored) {
                // both failed; report the first
            }
            throw e.getCause() instanceof RuntimeException re ? re : new StackException(e.getCause().toString(), e.getCause());
        }
    }

    /**
     * How to start the stack. All settings are optional; the defaults suit the local run.
     * Not thread-safe; {@link EmbeddedStack#start(Options)} takes a copy.
     */
    public static final class Options {
        private Path template;
        private String stackName = "wispbill-local";
        private String region;
        private Integer edgePort;
        private int httpApiPort;
        private final Map<String, String> parameters = new HashMap<>();
        private final Map<String, String> importValues = new HashMap<>();
        private final Map<String, Object> handlers = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Set<String> onlyFunctions;
        private final Set<String> excludedFunctions = new LinkedHashSet<>();
        private boolean skipFunctionsWithoutHandlerClass;
        private boolean schedulesEnabled = true;
        private boolean sqsPollingEnabled = true;
        private boolean streamPollingEnabled = true;
        private boolean enforceTimeouts = true;
        private int defaultSqsConcurrency = 2;
        private String consoleOrigin;

        private Options() {
        }

        /**
         * The origin ({@code http://127.0.0.1:PORT}) the console is served from locally: it takes the
         * place of the CloudFront distribution's domain in the HTTP API's CORS configuration, so the
         * browser allows and refuses exactly what it would on AWS.
         */
        public Options consoleOrigin(String origin) {
            this.consoleOrigin = Objects.requireNonNull(origin);
            return this;
        }

        /** The SAM template; default: {@code template.yaml} in the working directory or the nearest parent. */
        public Options template(Path template) {
            this.template = Objects.requireNonNull(template);
            return this;
        }

        /** {@code ${AWS::StackName}}; default {@code wispbill-local}. */
        public Options stackName(String stackName) {
            this.stackName = Objects.requireNonNull(stackName);
            return this;
        }

        /** Region in ARNs and for SDK clients; default {@code aws.region}, {@code AWS_REGION}, else us-east-1. */
        public Options region(String region) {
            this.region = Objects.requireNonNull(region);
            return this;
        }

        /** Edge port; default: the port of a loopback {@code AWS_ENDPOINT_URL}, else ephemeral. */
        public Options edgePort(int port) {
            this.edgePort = port;
            return this;
        }

        /** HTTP API port; default ephemeral. */
        public Options httpApiPort(int port) {
            this.httpApiPort = port;
            return this;
        }

        /** Overrides a template parameter's default. */
        public Options parameter(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        /** The value of another stack's export, for {@code !ImportValue}. */
        public Options importValue(String exportName, String value) {
            importValues.put(exportName, value);
            return this;
        }

        /**
         * Uses this instance (a {@code RequestHandler}, {@code RequestStreamHandler}, or any object
         * with a {@code handleRequest} method) for the function instead of its template Handler.
         */
        public Options handler(String functionLogicalId, Object handler) {
            handlers.put(functionLogicalId, Objects.requireNonNull(handler));
            return this;
        }

        /** Sets (or overrides) a function environment variable for all functions. */
        public Options environment(String name, String value) {
            environment.put(name, Objects.requireNonNull(value));
            return this;
        }

        /** Wires only these functions (their queues are then left to the test). */
        public Options onlyFunctions(String... logicalIds) {
            onlyFunctions = new LinkedHashSet<>(List.of(logicalIds));
            return this;
        }

        /** Does not wire these functions. */
        public Options excludeFunctions(String... logicalIds) {
            excludedFunctions.addAll(List.of(logicalIds));
            return this;
        }

        /**
         * Leaves functions whose handler class is not on the classpath unwired instead of failing
         * (a function module's tests see only their own handler).
         */
        public Options skipFunctionsWithoutHandlerClass() {
            skipFunctionsWithoutHandlerClass = true;
            return this;
        }

        /** Whether schedules fire on their timers (default true); {@code invokeScheduleNow} works either way. */
        public Options schedulesEnabled(boolean enabled) {
            schedulesEnabled = enabled;
            return this;
        }

        /** Whether SQS event source mappings poll (default true). */
        /** Whether DynamoDB stream event source mappings deliver (default true). */
        public Options streamPollingEnabled(boolean enabled) {
            streamPollingEnabled = enabled;
            return this;
        }

        public Options sqsPollingEnabled(boolean enabled) {
            sqsPollingEnabled = enabled;
            return this;
        }

        /** Whether a handler running past its Timeout fails the invocation (default true). */
        public Options enforceTimeouts(boolean enforce) {
            enforceTimeouts = enforce;
            return this;
        }

        /** Pollers per SQS event source without ScalingConfig.MaximumConcurrency (default 2). */
        public Options defaultSqsConcurrency(int pollers) {
            if (pollers < 1) {
                throw new IllegalArgumentException("at least one poller");
            }
            defaultSqsConcurrency = pollers;
            return this;
        }

        private Options copy() {
            Options copy = new Options();
            copy.template = template;
            copy.stackName = stackName;
            copy.region = region;
            copy.edgePort = edgePort;
            copy.httpApiPort = httpApiPort;
            copy.parameters.putAll(parameters);
            copy.importValues.putAll(importValues);
            copy.handlers.putAll(handlers);
            copy.environment.putAll(environment);
            copy.onlyFunctions = onlyFunctions == null ? null : new LinkedHashSet<>(onlyFunctions);
            copy.excludedFunctions.addAll(excludedFunctions);
            copy.skipFunctionsWithoutHandlerClass = skipFunctionsWithoutHandlerClass;
            copy.schedulesEnabled = schedulesEnabled;
            copy.sqsPollingEnabled = sqsPollingEnabled;
            copy.streamPollingEnabled = streamPollingEnabled;
            copy.enforceTimeouts = enforceTimeouts;
            copy.defaultSqsConcurrency = defaultSqsConcurrency;
            copy.consoleOrigin = consoleOrigin;
            return copy;
        }
    }
}
