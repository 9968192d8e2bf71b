package com.wispbill.local.stack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the template's tables, queues, topics and subscriptions and answers {@code !Ref} and
 * {@code !GetAtt} for every resource. A resource is created when first needed: a queue whose
 * RedrivePolicy names its DLQ's ARN creates the DLQ first, whatever the template order.
 */
final class ResourceProvisioner implements IntrinsicResolver.ResourceAttributes {

    static final String IMPLICIT_HTTP_API = "ServerlessHttpApi";

    private final CfnTemplate template;
    private final IntrinsicResolver resolver;
    private final Resources resources;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final SnsEndpoint sns;
    private final SecretsManagerEndpoint secretsManager;
    private final String stackName;
    private final String region;
    private final String accountId;
    private final String httpApiId;
    private final String httpApiUrl;
    private final Set<String> inProgress = new HashSet<>();
    private final Map<String, String> details = new LinkedHashMap<>();
    private final Map<String, Integer> notEmulated = new TreeMap<>();
    private final Map<String, Integer> visibilityTimeouts = new LinkedHashMap<>();

    ResourceProvisioner(CfnTemplate template, StackSettings settings, Resources resources, DynamoDbClient dynamoDb, SqsClient sqs,
                        SnsEndpoint sns, SecretsManagerEndpoint secretsManager, String httpApiId, String httpApiUrl) {
        this.secretsManager = secretsManager;
        this.template = template;
        this.resources = resources;
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
        this.sns = sns;
        this.stackName = settings.stackName();
        this.region = settings.region();
        this.accountId = settings.accountId();
        this.httpApiId = httpApiId;
        this.httpApiUrl = httpApiUrl;
        this.resolver = new IntrinsicResolver(template, settings.parameters(), settings.importValues(),
                stackName, region, accountId, this);
    }

    /** Naming and parameter settings of one stack. */
    record StackSettings(String stackName, String region, String accountId, Map<String, String> parameters,
                         Map<String, String> importValues) {}

    IntrinsicResolver resolver() {
        return resolver;
    }

    /** Creates every resource the stack emulates, in dependency order. */
    void provisionAll() {
        for (CfnTemplate.ResourceDefinition definition : template.resources().values()) {
            if (definition.condition() != null && !resolver.condition(definition.condition())) {
                continue;
            }
            ensure(definition.logicalId());
        }
    }

    /** A short description of a created resource for the summary (keys, DLQ, subscriptions...). */
    String details(String logicalId) {
        return details.getOrDefault(logicalId, "");
    }

    /** A created queue's visibility timeout in seconds (SQS's default 30 when the template sets none). */
    int visibilityTimeoutSeconds(String queueLogicalId) {
        return visibilityTimeouts.getOrDefault(queueLogicalId, 30);
    }

    /** Resource types present in the template that the stack does not emulate, with counts. */
    Map<String, Integer> notEmulated() {
        return notEmulated;
    }

    boolean isActive(CfnTemplate.ResourceDefinition definition) {
        return definition.condition() == null || resolver.condition(definition.condition());
    }

    @Override
    public boolean isResource(String logicalId) {
        return template.resources().containsKey(logicalId) || (logicalId.equals(IMPLICIT_HTTP_API) && httpApiId != null);
    }

    @Override
    public Object ref(String logicalId) {
        return ensure(logicalId).ref();
    }

    @Override
    public Object getAtt(String logicalId, String attribute) {
        Resources.Resource resource = ensure(logicalId);
        String value = resource.attributes().get(attribute);
        if (value == null) {
            throw new StackException("!GetAtt " + logicalId + "." + attribute + ": a " + resource.type()
                    + " in the embedded stack has the attributes " + resource.attributes().keySet());
        }
        return value;
    }

    private Resources.Resource ensure(String logicalId) {
        var existing = resources.find(logicalId);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (logicalId.equals(IMPLICIT_HTTP_API) && !template.resources().containsKey(logicalId)) {
            Resources.Resource api = httpApi(logicalId, "AWS::Serverless::HttpApi");
            resources.add(api);
            return api;
        }
        CfnTemplate.ResourceDefinition definition = template.resources().get(logicalId);
        if (definition.condition() != null && !resolver.condition(definition.condition())) {
            throw new StackException("Resource " + logicalId + " is referenced but not created: its condition "
                    + definition.condition() + " is false");
        }
        if (!inProgress.add(logicalId)) {
            throw new StackException("Resource " + logicalId + " depends on itself through " + inProgress);
        }
        try {
            Resources.Resource created = create(definition);
            resources.add(created);
            return created;
        } catch (StackException e) {
            if (e.getMessage() != null && e.getMessage().contains(logicalId)) {
                throw e;
            }
            throw new StackException("Resource " + logicalId + " (" + definition.type() + "): " + e.getMessage(), e);
        } finally {
            inProgress.remove(logicalId);
        }
    }

    private Resources.Resource create(CfnTemplate.ResourceDefinition definition) {
        String id = definition.logicalId();
        Map<String, Object> props = properties(definition);
        return switch (definition.type()) {
            case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable" -> table(definition.type(), id, props);
            case "AWS::Serverless::SimpleTable" -> simpleTable(id, props);
            case "AWS::SQS::Queue" -> queue(id, props);
            case "AWS::SNS::Topic" -> topic(id, props);
            case "AWS::SNS::Subscription" -> subscription(id, props);
            case "AWS::Serverless::Function" -> {
                String name = text(props.get("FunctionName"), id);
                yield new Resources.Resource(id, definition.type(), name,
                        Map.of("Arn", "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name));
            }
            case "AWS::Serverless::HttpApi" -> httpApi(id, definition.type());
            case "AWS::SecretsManager::Secret" -> secret(id, props);
            default -> {
                notEmulated.merge(definition.type(), 1, Integer::sum);
                yield standIn(definition.type(), id, props.get("Name") instanceof String n ? n : id);
            }
        };
    }

    /**
     * A resource the stack does not emulate: its Ref and the attributes other resources read from
     * it. A CloudFront distribution's domain is a stand-in name that the HTTP API's CORS
     * configuration maps to the local console's origin ({@code EmbeddedStack.Options.consoleOrigin}).
     */
    private Resources.Resource standIn(String type, String id, String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return switch (type) {
            case "AWS::S3::Bucket" -> new Resources.Resource(id, type, lower, Map.of("Arn", "arn:aws:s3:::" + lower,
                    "DomainName", lower + ".s3.amazonaws.com", "RegionalDomainName", lower + ".s3." + region + ".amazonaws.com"));
            case "AWS::CloudFront::Distribution" -> new Resources.Resource(id, type, "E" + lower, Map.of("Id", "E" + lower,
                    "DomainName", distributionDomain(id)));
            case "AWS::CloudFront::OriginAccessControl", "AWS::CloudFront::CachePolicy", "AWS::CloudFront::ResponseHeadersPolicy" ->
                    new Resources.Resource(id, type, lower, Map.of("Id", lower));
            default -> {
                String service = type.split("::")[1].toLowerCase(java.util.Locale.ROOT);
                yield new Resources.Resource(id, type, name, Map.of("Arn", "arn:aws:" + service + ":" + region + ":" + accountId + ":" + name));
            }
        };
    }

    /** The stand-in domain of a CloudFront distribution (on AWS: d111111abcdef8.cloudfront.net). */
    static String distributionDomain(String logicalId) {
        return logicalId.toLowerCase(java.util.Locale.ROOT) + ".cloudfront.embedded";
    }

    /**
     * The resolved Properties. A resource the stack does not emulate may use functions it cannot
     * evaluate (an {@code !ImportValue} of a VPC stack's subnets); that is only an error when a
     * value is needed. Of such resources only the name ({@code Name} or, say, {@code LogGroupName}
     * for a {@code AWS::Logs::LogGroup}) is resolved, best effort, to stand in for their Ref.
     */
    private Map<String, Object> properties(CfnTemplate.ResourceDefinition definition) {
        String path = "Resources." + definition.logicalId() + ".Properties";
        if (isEmulated(definition.type())) {
            return asMap(resolver.resolve(definition.properties(), path), path);
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        String[] typeParts = definition.type().split("::");
        for (String name : List.of("Name", typeParts[typeParts.length - 1] + "Name")) {
            Object value = definition.properties().get(name);
            if (value == null) {
                continue;
            }
            try {
                Object v = resolver.resolve(value, path + "." + name);
                if (v instanceof String text) {
                    resolved.put("Name", text);
                    break;
                }
            } catch (StackException e) {
                // not resolvable here; a !Ref to the resource then yields its logical id
            }
        }
        return resolved;
    }

    private static boolean isEmulated(String type) {
        return switch (type) {
            case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Serverless::SimpleTable", "AWS::SQS::Queue",
                 "AWS::SNS::Topic", "AWS::SNS::Subscription", "AWS::Serverless::Function", "AWS::Serverless::HttpApi",
                 "AWS::SecretsManager::Secret" -> true;
            default -> false;
        };
    }

    /** A secret with its {@code SecretString} or a generated value ({@code GenerateSecretString.PasswordLength}, default 32). */
    private Resources.Resource secret(String id, Map<String, Object> props) {
        String name = text(props.get("Name"), stackName + "-" + id);
        String value;
        if (props.get("SecretString") instanceof String given) {
            value = given;
        } else {
            Object generate = props.get("GenerateSecretString");
            Object length = generate instanceof Map<?, ?> g ? g.get("PasswordLength") : null;
            value = secretsManager.generatedValue(length == null ? 32 : Integer.parseInt(String.valueOf(length)));
        }
        String arn = secretsManager.provision(name, text(props.get("Description"), ""), value);
        details.put(id, name);
        return new Resources.Resource(id, "AWS::SecretsManager::Secret", arn, Map.of("Id", arn));
    }

    private Resources.Resource httpApi(String id, String type) {
        if (httpApiId == null) {
            return new Resources.Resource(id, type, id, Map.of());
        }
        return new Resources.Resource(id, type, httpApiId, Map.of("ApiEndpoint", httpApiUrl, "ApiId", httpApiId));
    }

    // ---------------------------------------------------------------- DynamoDB

    private Resources.Resource table(String type, String id, Map<String, Object> props) {
        String name = text(props.get("TableName"), id);
        boolean provisioned = "PROVISIONED".equals(props.get("BillingMode"))
                || (props.get("BillingMode") == null && props.containsKey("ProvisionedThroughput"));
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(maps(props, "AttributeDefinitions").stream().map(a -> AttributeDefinition.builder()
                        .attributeName(text(a.get("AttributeName"), null)).attributeType(text(a.get("AttributeType"), null)).build()).toList())
                .keySchema(keySchema(props.get("KeySchema"), id))
                .billingMode(provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST);
        ProvisionedThroughput tableThroughput = provisioned ? throughput(props.get("ProvisionedThroughput"), id) : null;
        if (provisioned) {
            request.provisionedThroughput(tableThroughput);
        }
        List<String> description = new ArrayList<>();
        description.add("keys " + keyText(props.get("KeySchema")));
        List<GlobalSecondaryIndex> gsis = new ArrayList<>();
        for (Map<String, Object> index : maps(props, "GlobalSecondaryIndexes")) {
            GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                    .indexName(text(index.get("IndexName"), null))
                    .keySchema(keySchema(index.get("KeySchema"), id))
                    .projection(projection(index.get("Projection")));
            if (provisioned) {
                gsi.provisionedThroughput(index.containsKey("ProvisionedThroughput")
                        ? throughput(index.get("ProvisionedThroughput"), id) : tableThroughput);
            }
            gsis.add(gsi.build());
            description.add("GSI " + index.get("IndexName") + " " + keyText(index.get("KeySchema")));
        }
        if (!gsis.isEmpty()) {
            request.globalSecondaryIndexes(gsis);
        }
        List<LocalSecondaryIndex> lsis = new ArrayList<>();
        for (Map<String, Object> index : maps(props, "LocalSecondaryIndexes")) {
            lsis.add(LocalSecondaryIndex.builder()
                    .indexName(text(index.get("IndexName"), null))
                    .keySchema(keySchema(index.get("KeySchema"), id))
                    .projection(projection(index.get("Projection"))).build());
            description.add("LSI " + index.get("IndexName") + " " + keyText(index.get("KeySchema")));
        }
        if (!lsis.isEmpty()) {
            request.localSecondaryIndexes(lsis);
        }
        Map<String, Object> stream = map(props.get("StreamSpecification"));
        if (stream.get("StreamViewType") != null) {
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(text(stream.get("StreamViewType"), null)).build());
            description.add("stream " + stream.get("StreamViewType"));
        }
        TableDescription table;
        try {
            table = dynamoDb.createTable(request.build()).tableDescription();
        } catch (RuntimeException e) {
            throw new StackException("Cannot create table " + name + " (" + id + "): " + e.getMessage(), e);
        }
        Map<String, Object> ttl = map(props.get("TimeToLiveSpecification"));
        if (isTrue(ttl.get("Enabled"))) {
            String attribute = text(ttl.get("AttributeName"), null);
            dynamoDb.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true)));
            description.add("TTL " + attribute);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("Arn", "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + name);
        if (table.latestStreamArn() != null) {
            attributes.put("StreamArn", table.latestStreamArn());
        }
        details.put(id, String.join("; ", description));
        return new Resources.Resource(id, type, name, attributes);
    }

    private Resources.Resource simpleTable(String id, Map<String, Object> props) {
        String name = text(props.get("TableName"), id);
        Map<String, Object> key = map(props.get("PrimaryKey"));
        String keyName = text(key.get("Name"), "id");
        String keyType = switch (text(key.get("Type"), "String")) {
            case "Number" -> "N";
            case "Binary" -> "B";
            default -> "S";
        };
        Map<String, Object> tableProps = new LinkedHashMap<>();
        tableProps.put("TableName", name);
        tableProps.put("AttributeDefinitions", List.of(Map.of("AttributeName", keyName, "AttributeType", keyType)));
        tableProps.put("KeySchema", List.of(Map.of("AttributeName", keyName, "KeyType", "HASH")));
        if (props.get("ProvisionedThroughput") != null) {
            tableProps.put("ProvisionedThroughput", props.get("ProvisionedThroughput"));
        }
        return table("AWS::Serverless::SimpleTable", id, tableProps);
    }

    private static List<KeySchemaElement> keySchema(Object value, String id) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (Object element : list(value)) {
            Map<String, Object> key = map(element);
            keys.add(KeySchemaElement.builder().attributeName(text(key.get("AttributeName"), null))
                    .keyType(text(key.get("KeyType"), null)).build());
        }
        if (keys.isEmpty()) {
            throw new StackException("Table " + id + " has no KeySchema");
        }
        return keys;
    }

    private static String keyText(Object value) {
        List<String> parts = new ArrayList<>();
        for (Object element : list(value)) {
            Map<String, Object> key = map(element);
            parts.add(key.get("AttributeName") + ("RANGE".equals(key.get("KeyType")) ? " (range)" : ""));
        }
        return String.join(", ", parts);
    }

    private static Projection projection(Object value) {
        Map<String, Object> projection = map(value);
        Projection.Builder builder = Projection.builder().projectionType(text(projection.get("ProjectionType"), "ALL"));
        List<String> nonKey = list(projection.get("NonKeyAttributes")).stream().map(String::valueOf).toList();
        if (!nonKey.isEmpty()) {
            builder.nonKeyAttributes(nonKey);
        }
        return builder.build();
    }

    private static ProvisionedThroughput throughput(Object value, String id) {
        Map<String, Object> throughput = map(value);
        if (throughput.isEmpty()) {
            throw new StackException("Table " + id + " is PROVISIONED but has no ProvisionedThroughput");
        }
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.parseLong(text(throughput.get("ReadCapacityUnits"), "5")))
                .writeCapacityUnits(Long.parseLong(text(throughput.get("WriteCapacityUnits"), "5"))).build();
    }

    // ---------------------------------------------------------------- SQS

    private Resources.Resource queue(String id, Map<String, Object> props) {
        boolean fifo = isTrue(props.get("FifoQueue"));
        String name = text(props.get("QueueName"), fifo ? id + ".fifo" : id);
        if (fifo != name.endsWith(".fifo")) {
            throw new StackException("Queue " + id + ": " + (fifo ? "a FIFO queue's name must end with .fifo" : "only FIFO queues' names end with .fifo (set FifoQueue: true)"));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if (fifo) {
            attributes.put(QueueAttributeName.FIFO_QUEUE.toString(), "true");
            if (isTrue(props.get("ContentBasedDeduplication"))) {
                attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION.toString(), "true");
            }
        }
        for (String name2 : List.of("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds", "MaximumMessageSize",
                "ReceiveMessageWaitTimeSeconds")) {
            if (props.get(name2) != null) {
                attributes.put(name2, text(props.get(name2), null));
            }
        }
        String dlqText = "";
        if (props.get("RedrivePolicy") != null) {
            Map<String, Object> redrive = redrivePolicy(props.get("RedrivePolicy"), id);
            Map<String, Object> normalized = new LinkedHashMap<>();
            String dlqArn = text(redrive.get("deadLetterTargetArn"), null);
            int maxReceiveCount = Integer.parseInt(text(redrive.get("maxReceiveCount"), null));
            normalized.put("deadLetterTargetArn", dlqArn);
            normalized.put("maxReceiveCount", maxReceiveCount);
            attributes.put(QueueAttributeName.REDRIVE_POLICY.toString(), Json.MAPPER.valueToTree(normalized).toString());
            dlqText = "; DLQ " + dlqArn.substring(dlqArn.lastIndexOf(':') + 1) + " after " + maxReceiveCount + " receives";
        }
        String url;
        String arn;
        try {
            url = sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
            arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
        } catch (RuntimeException e) {
            throw new StackException("Cannot create queue " + name + " (" + id + "): " + e.getMessage(), e);
        }
        visibilityTimeouts.put(id, Integer.parseInt(attributes.getOrDefault("VisibilityTimeout", "30")));
        details.put(id, name + (fifo ? " (FIFO)" : "") + dlqText
                + (attributes.containsKey("VisibilityTimeout") ? "; visibility " + attributes.get("VisibilityTimeout") + " s" : ""));
        return new Resources.Resource(id, "AWS::SQS::Queue", url, Map.of("Arn", arn, "QueueName", name, "QueueUrl", url));
    }

    private static Map<String, Object> redrivePolicy(Object value, String id) {
        if (value instanceof String json) {
            try {
                return Json.MAPPER.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
            } catch (Exception e) {
                throw new StackException("Queue " + id + ": RedrivePolicy is not valid JSON: " + e.getMessage());
            }
        }
        Map<String, Object> redrive = map(value);
        if (redrive.get("deadLetterTargetArn") == null || redrive.get("maxReceiveCount") == null) {
            throw new StackException("Queue " + id + ": RedrivePolicy needs deadLetterTargetArn and maxReceiveCount");
        }
        return redrive;
    }

    // ---------------------------------------------------------------- SNS

    private Resources.Resource topic(String id, Map<String, Object> props) {
        boolean fifo = isTrue(props.get("FifoTopic"));
        String name = text(props.get("TopicName"), fifo ? id + ".fifo" : id);
        Map<String, String> attributes = new LinkedHashMap<>();
        if (fifo) {
            attributes.put("FifoTopic", "true");
            if (isTrue(props.get("ContentBasedDeduplication"))) {
                attributes.put("ContentBasedDeduplication", "true");
            }
        }
        if (props.get("DisplayName") != null) {
            attributes.put("DisplayName", text(props.get("DisplayName"), null));
        }
        String arn = sns.createTopic(name, attributes);
        for (Map<String, Object> inline : maps(props, "Subscription")) {
            sns.subscribe(arn, text(inline.get("Protocol"), null), text(inline.get("Endpoint"), null), Map.of());
        }
        return new Resources.Resource(id, "AWS::SNS::Topic", arn, Map.of("TopicArn", arn, "TopicName", name));
    }

    private Resources.Resource subscription(String id, Map<String, Object> props) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (props.get("RawMessageDelivery") != null) {
            attributes.put("RawMessageDelivery", text(props.get("RawMessageDelivery"), null).toLowerCase(java.util.Locale.ROOT));
        }
        if (props.get("FilterPolicy") != null) {
            Object policy = props.get("FilterPolicy");
            attributes.put("FilterPolicy", policy instanceof String s ? s : Json.MAPPER.valueToTree(policy).toString());
        }
        if (props.get("FilterPolicyScope") != null) {
            attributes.put("FilterPolicyScope", text(props.get("FilterPolicyScope"), null));
        }
        String topicArn = text(props.get("TopicArn"), null);
        String arn = sns.subscribe(topicArn, text(props.get("Protocol"), null), text(props.get("Endpoint"), null), attributes);
        return new Resources.Resource(id, "AWS::SNS::Subscription", arn, Map.of("Arn", arn));
    }

    // ---------------------------------------------------------------- value helpers

    static String text(Object value, String fallback) {
        if (value == null || value == IntrinsicResolver.NO_VALUE) {
            if (fallback == null) {
                throw new StackException("A required property is missing");
            }
            return fallback;
        }
        if (value instanceof Map || value instanceof List) {
            throw new StackException("Expected a single value, got " + value);
        }
        return String.valueOf(value);
    }

    static boolean isTrue(Object value) {
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    static List<Map<String, Object>> maps(Map<String, Object> props, String name) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Object element : list(props.get(name))) {
            result.add(map(element));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String path) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new StackException(path + " must be a mapping");
    }
}
