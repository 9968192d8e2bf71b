package com.wispbill.local.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the template's {@code AWS::Serverless::Function}s (with {@code Globals.Function} merged
 * in, as SAM does) into {@link LambdaFunction}s: resolved environment, timeout, memory and events.
 */
final class FunctionWiring {

    private static final int MAX_POLLERS_PER_QUEUE = 10;

    private final CfnTemplate template;
    private final ResourceProvisioner provisioner;
    private final Resources resources;
    private final String stackName;
    private final String region;
    private final String accountId;
    private final boolean enforceTimeouts;
    private final int defaultSqsConcurrency;

    FunctionWiring(CfnTemplate template, ResourceProvisioner provisioner, Resources resources, String stackName, String region,
                   String accountId, boolean enforceTimeouts, int defaultSqsConcurrency) {
        this.template = template;
        this.provisioner = provisioner;
        this.resources = resources;
        this.stackName = stackName;
        this.region = region;
        this.accountId = accountId;
        this.enforceTimeouts = enforceTimeouts;
        this.defaultSqsConcurrency = defaultSqsConcurrency;
    }

    /** Whether any (active) function has an HttpApi event: the API port must be bound before resolving. */
    static boolean hasHttpApiEvents(CfnTemplate template) {
        for (CfnTemplate.ResourceDefinition definition : template.resources().values()) {
            if (definition.type().equals("AWS::Serverless::Function")) {
                for (Object event : ResourceProvisioner.map(definition.properties().get("Events")).values()) {
                    if ("HttpApi".equals(ResourceProvisioner.map(event).get("Type"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** All functions of the template whose condition holds, in template order. */
    List<LambdaFunction> functions() {
        List<LambdaFunction> functions = new ArrayList<>();
        for (CfnTemplate.ResourceDefinition definition : template.resources().values()) {
            if (definition.type().equals("AWS::Serverless::Function") && provisioner.isActive(definition)) {
                functions.add(function(definition));
            }
        }
        return functions;
    }

    /**
     * The one environment all functions share in this JVM: each variable with its single value.
     * Two functions giving a variable different values cannot both be served, so that is refused,
     * unless the variable is overridden explicitly.
     */
    static Map<String, String> sharedEnvironment(List<LambdaFunction> functions, Map<String, String> overrides) {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> setBy = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        for (LambdaFunction function : functions) {
            function.environment().forEach((name, value) -> {
                if (overrides.containsKey(name)) {
                    return;
                }
                String existing = values.putIfAbsent(name, value);
                if (existing == null) {
                    setBy.put(name, function.logicalId());
                } else if (!existing.equals(value)) {
                    conflicts.add(name + ": " + setBy.get(name) + " sets '" + existing + "', " + function.logicalId() + " sets '" + value + "'");
                }
            });
        }
        if (!conflicts.isEmpty()) {
            throw new StackException("All functions share one JVM, so an environment variable can have only one value, but:\n  "
                    + String.join("\n  ", conflicts)
                    + "\nGive these variables the same value in every function (e.g. in Globals), or override them with Options.environment(name, value).");
        }
        values.putAll(overrides);
        return values;
    }

    private LambdaFunction function(CfnTemplate.ResourceDefinition definition) {
        String id = definition.logicalId();
        String path = "Resources." + id + ".Properties";
        Map<String, Object> merged = mergeGlobals(ResourceProvisioner.map(template.globals().get("Function")), definition.properties());
        IntrinsicResolver resolver = provisioner.resolver();
        Resources.Resource resource = resources.get(id);

        String handler = merged.containsKey("Handler") ? resolver.resolveString(merged.get("Handler"), path + ".Handler") : null;
        Duration timeout = Duration.ofSeconds(Long.parseLong(text(resolver, merged.get("Timeout"), path + ".Timeout", "3")));
        int memory = Integer.parseInt(text(resolver, merged.get("MemorySize"), path + ".MemorySize", "128"));

        Map<String, String> environment = new TreeMap<>();
        Map<String, Object> variables = ResourceProvisioner.map(ResourceProvisioner.map(merged.get("Environment")).get("Variables"));
        for (Map.Entry<String, Object> variable : variables.entrySet()) {
            String value = resolver.resolveString(variable.getValue(), path + ".Environment.Variables." + variable.getKey());
            if (value != null) {
                environment.put(variable.getKey(), value);
            }
        }

        List<FunctionEvent> events = new ArrayList<>();
        Map<String, Object> eventDefinitions = ResourceProvisioner.map(definition.properties().get("Events"));
        for (Map.Entry<String, Object> entry : eventDefinitions.entrySet()) {
            events.add(event(id, timeout, entry.getKey(), ResourceProvisioner.map(entry.getValue()), path + ".Events." + entry.getKey()));
        }
        return new LambdaFunction(id, resource.ref(), resource.arn().orElseThrow(), handler, timeout, memory, environment, events,
                enforceTimeouts);
    }

    private FunctionEvent event(String functionId, Duration timeout, String name, Map<String, Object> definition, String path) {
        String type = String.valueOf(definition.get("Type"));
        Map<String, Object> raw = ResourceProvisioner.map(definition.get("Properties"));
        IntrinsicResolver resolver = provisioner.resolver();
        return switch (type) {
            case "HttpApi" -> {
                String version = text(resolver, raw.get("PayloadFormatVersion"), path + ".PayloadFormatVersion", "2.0");
                if (!version.equals("2.0")) {
                    yield new FunctionEvent.Unsupported(name, "HttpApi with PayloadFormatVersion " + version);
                }
                String routePath = raw.get("Path") == null ? null : resolver.resolveString(raw.get("Path"), path + ".Path");
                String method = raw.get("Method") == null ? "ANY" : resolver.resolveString(raw.get("Method"), path + ".Method");
                method = method.toUpperCase(Locale.ROOT);
                if (method.equals("*") || method.equals("X-AMAZON-APIGATEWAY-ANY-METHOD")) {
                    method = "ANY";
                }
                if (routePath != null && (routePath.equals("$default") || routePath.isEmpty())) {
                    routePath = null;
                }
                if (routePath != null && !routePath.startsWith("/")) {
                    throw new StackException(path + ".Path must start with '/': " + routePath);
                }
                String apiId = raw.get("ApiId") instanceof Intrinsic.Ref ref ? ref.name() : ResourceProvisioner.IMPLICIT_HTTP_API;
                yield new FunctionEvent.HttpApi(name, method, routePath, apiId);
            }
            case "SQS" -> sqsEvent(functionId, timeout, name, raw, path);
            case "DynamoDB" -> streamEvent(name, raw, path);
            case "Schedule", "ScheduleV2" -> scheduleEvent(functionId, name, type, raw, path);
            default -> new FunctionEvent.Unsupported(name, type);
        };
    }

    private FunctionEvent sqsEvent(String functionId, Duration timeout, String name, Map<String, Object> raw, String path) {
        IntrinsicResolver resolver = provisioner.resolver();
        if (raw.get("Queue") == null) {
            throw new StackException(path + ": an SQS event needs Queue (the queue's ARN)");
        }
        String queueArn = resolver.resolveString(raw.get("Queue"), path + ".Queue");
        Resources.Resource queue = resources.ofType("AWS::SQS::Queue").stream()
                .filter(q -> queueArn.equals(q.attributes().get("Arn"))).findFirst()
                .orElseThrow(() -> new StackException(path + ".Queue " + queueArn + " is not a queue of this template"));
        boolean fifo = queue.attributes().get("QueueName").endsWith(".fifo");
        int visibility = provisioner.visibilityTimeoutSeconds(queue.logicalId());
        if (visibility < timeout.toSeconds()) {
            // Lambda refuses such an event source mapping: a message could become visible again while
            // its first invocation is still running, and be processed twice.
            throw new StackException(path + ": queue " + queue.logicalId() + " has a visibility timeout of " + visibility
                    + " s, less than function " + functionId + "'s Timeout of " + timeout.toSeconds()
                    + " s; Lambda rejects this event source mapping (AWS recommends at least 6 times the timeout)");
        }
        int batchSize = Integer.parseInt(text(resolver, raw.get("BatchSize"), path + ".BatchSize", "10"));
        int window = Integer.parseInt(text(resolver, raw.get("MaximumBatchingWindowInSeconds"), path + ".MaximumBatchingWindowInSeconds", "0"));
        if (batchSize < 1 || batchSize > (fifo ? 10 : 10_000)) {
            throw new StackException(path + ".BatchSize " + batchSize + " is outside 1-" + (fifo ? 10 : 10_000) + (fifo ? " (FIFO queue)" : ""));
        }
        if (window < 0 || window > 300 || (fifo && window > 0)) {
            throw new StackException(path + ".MaximumBatchingWindowInSeconds " + window + " is not allowed"
                    + (fifo ? " for a FIFO queue" : " (0-300)"));
        }
        if (batchSize > 10 && window == 0) {
            throw new StackException(path + ": a BatchSize above 10 needs MaximumBatchingWindowInSeconds of at least 1, as in Lambda");
        }
        Object responseTypes = resolver.resolve(raw.get("FunctionResponseTypes"), path + ".FunctionResponseTypes");
        boolean reportFailures = ResourceProvisioner.list(responseTypes).contains("ReportBatchItemFailures");
        Map<String, Object> scaling = ResourceProvisioner.map(resolver.resolve(raw.get("ScalingConfig"), path + ".ScalingConfig"));
        int concurrency = scaling.get("MaximumConcurrency") == null ? defaultSqsConcurrency
                : Integer.parseInt(String.valueOf(scaling.get("MaximumConcurrency")));
        if (concurrency > MAX_POLLERS_PER_QUEUE) {
            StackLog.info(functionId + "." + name + ": MaximumConcurrency " + concurrency + " runs as " + MAX_POLLERS_PER_QUEUE
                    + " pollers locally");
            concurrency = MAX_POLLERS_PER_QUEUE;
        }
        boolean enabled = raw.get("Enabled") == null || ResourceProvisioner.isTrue(resolver.resolve(raw.get("Enabled"), path + ".Enabled"));
        List<EventPattern> filters = filters(raw, path);
        return new FunctionEvent.Sqs(name, queue.logicalId(), queueArn, batchSize, window, reportFailures, Math.max(1, concurrency),
                enabled, filters);
    }

    private List<EventPattern> filters(Map<String, Object> raw, String path) {
        List<EventPattern> filters = new ArrayList<>();
        Map<String, Object> criteria = ResourceProvisioner.map(provisioner.resolver().resolve(raw.get("FilterCriteria"), path + ".FilterCriteria"));
        for (Map<String, Object> filter : ResourceProvisioner.maps(criteria, "Filters")) {
            Object pattern = filter.get("Pattern");
            try {
                filters.add(EventPattern.parse(pattern instanceof String s ? Json.MAPPER.readTree(s) : Json.MAPPER.valueToTree(pattern)));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new StackException(path + ".FilterCriteria: invalid pattern " + pattern + ": " + e.getMessage());
            }
        }
        return filters;
    }

    private FunctionEvent streamEvent(String name, Map<String, Object> raw, String path) {
        IntrinsicResolver resolver = provisioner.resolver();
        if (raw.get("Stream") == null) {
            throw new StackException(path + ": a DynamoDB event needs Stream (the table's StreamArn)");
        }
        String streamArn = resolver.resolveString(raw.get("Stream"), path + ".Stream");
        Resources.Resource table = resources.ofType("AWS::DynamoDB::Table").stream()
                .filter(t -> streamArn.equals(t.attributes().get("StreamArn"))).findFirst()
                .orElseThrow(() -> new StackException(path + ".Stream " + streamArn + " is not the stream of a table of this template"));
        String startingPosition = text(resolver, raw.get("StartingPosition"), path + ".StartingPosition", "");
        if (!startingPosition.equals("LATEST") && !startingPosition.equals("TRIM_HORIZON")) {
            throw new StackException(path + ".StartingPosition must be LATEST or TRIM_HORIZON, not '" + startingPosition + "'");
        }
        int batchSize = Integer.parseInt(text(resolver, raw.get("BatchSize"), path + ".BatchSize", "100"));
        if (batchSize < 1 || batchSize > 10_000) {
            throw new StackException(path + ".BatchSize " + batchSize + " is outside 1-10000");
        }
        int retries = Integer.parseInt(text(resolver, raw.get("MaximumRetryAttempts"), path + ".MaximumRetryAttempts", "-1"));
        if (retries < -1 || retries > 10_000) {
            throw new StackException(path + ".MaximumRetryAttempts " + retries + " is outside -1-10000");
        }
        Object responseTypes = resolver.resolve(raw.get("FunctionResponseTypes"), path + ".FunctionResponseTypes");
        boolean reportFailures = ResourceProvisioner.list(responseTypes).contains("ReportBatchItemFailures");
        boolean enabled = raw.get("Enabled") == null || ResourceProvisioner.isTrue(resolver.resolve(raw.get("Enabled"), path + ".Enabled"));
        boolean bisect = raw.get("BisectBatchOnFunctionError") != null
                && ResourceProvisioner.isTrue(resolver.resolve(raw.get("BisectBatchOnFunctionError"), path + ".BisectBatchOnFunctionError"));
        return new FunctionEvent.DynamoDbStream(name, table.logicalId(), streamArn, startingPosition, batchSize, reportFailures,
                retries, bisect, onFailureQueue(raw, path), enabled, filters(raw, path));
    }

    /** The SQS queue of {@code DestinationConfig.OnFailure}, by logical id; null without one. */
    private String onFailureQueue(Map<String, Object> raw, String path) {
        IntrinsicResolver resolver = provisioner.resolver();
        Map<String, Object> config = ResourceProvisioner.map(resolver.resolve(raw.get("DestinationConfig"), path + ".DestinationConfig"));
        Map<String, Object> onFailure = ResourceProvisioner.map(config.get("OnFailure"));
        if (onFailure.get("Destination") == null) {
            return null;
        }
        String arn = String.valueOf(onFailure.get("Destination"));
        return resources.ofType("AWS::SQS::Queue").stream().filter(q -> arn.equals(q.attributes().get("Arn"))).findFirst()
                .orElseThrow(() -> new StackException(path + ".DestinationConfig.OnFailure.Destination " + arn
                        + " is not a queue of this template (only SQS destinations are emulated)"))
                .logicalId();
    }

    private FunctionEvent scheduleEvent(String functionId, String name, String type, Map<String, Object> raw, String path) {
        IntrinsicResolver resolver = provisioner.resolver();
        boolean v2 = type.equals("ScheduleV2");
        String expressionText = resolver.resolveString(raw.get(v2 ? "ScheduleExpression" : "Schedule"), path);
        if (expressionText == null) {
            throw new StackException(path + ": a " + type + " event needs " + (v2 ? "ScheduleExpression" : "Schedule"));
        }
        ZoneId zone = ZoneOffset.UTC;
        if (v2 && raw.get("ScheduleExpressionTimezone") != null) {
            String zoneText = resolver.resolveString(raw.get("ScheduleExpressionTimezone"), path + ".ScheduleExpressionTimezone");
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                throw new StackException(path + ".ScheduleExpressionTimezone '" + zoneText + "' is not a time zone");
            }
        }
        ScheduleExpression expression = ScheduleExpression.parse(expressionText, zone);
        String input = raw.get("Input") == null ? null : resolver.resolveString(raw.get("Input"), path + ".Input");
        if (input != null) {
            try {
                Json.MAPPER.readTree(input);
            } catch (JsonProcessingException e) {
                throw new StackException(path + ".Input is not valid JSON: " + e.getOriginalMessage());
            }
        }
        boolean enabled = true;
        if (raw.get("Enabled") != null) {
            enabled = ResourceProvisioner.isTrue(resolver.resolve(raw.get("Enabled"), path + ".Enabled"));
        }
        if (raw.get("State") != null) {
            enabled &= !"DISABLED".equalsIgnoreCase(resolver.resolveString(raw.get("State"), path + ".State"));
        }
        String ruleName = raw.get("Name") != null ? resolver.resolveString(raw.get("Name"), path + ".Name")
                : stackName + "-" + functionId + name;
        String arn = v2 ? "arn:aws:scheduler:" + region + ":" + accountId + ":schedule/default/" + ruleName
                : "arn:aws:events:" + region + ":" + accountId + ":rule/" + ruleName;
        return new FunctionEvent.Schedule(name, expression, input, enabled, arn);
    }

    private static String text(IntrinsicResolver resolver, Object value, String path, String fallback) {
        if (value == null) {
            return fallback;
        }
        String text = resolver.resolveString(value, path);
        return text == null ? fallback : text;
    }

    /** SAM's Globals: maps merge key by key (the function wins), everything else the function overrides. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mergeGlobals(Map<String, Object> globals, Map<String, Object> own) {
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        own.forEach((key, value) -> {
            Object global = merged.get(key);
            if (global instanceof Map<?, ?> g && value instanceof Map<?, ?> v) {
                merged.put(key, mergeGlobals((Map<String, Object>) g, (Map<String, Object>) v));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }
}
