package com.wispbill.local.stack;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the stack created, by template logical id: physical names, queue URLs and ARNs. This is
 * what {@code !Ref}, {@code !GetAtt} and {@code !Sub} in function environments resolve against.
 */
public final class Resources {

    /**
     * One template resource. {@code ref} is what {@code !Ref} returns (table name, queue URL, topic
     * ARN, function name...); {@code attributes} are the {@code !GetAtt} attributes.
     */
    public record Resource(String logicalId, String type, String ref, Map<String, String> attributes) {
        public Resource {
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }

        /** The resource's ARN, when it has one. */
        public Optional<String> arn() {
            return Optional.ofNullable(attributes.get("Arn"));
        }
    }

    private final Map<String, Resource> byLogicalId = Collections.synchronizedMap(new LinkedHashMap<>());

    Resources() {
    }

    void add(Resource resource) {
        byLogicalId.put(resource.logicalId(), resource);
    }

    public Optional<Resource> find(String logicalId) {
        return Optional.ofNullable(byLogicalId.get(logicalId));
    }

    public Resource get(String logicalId) {
        Resource resource = byLogicalId.get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("No resource " + logicalId + " in the stack; known: " + byLogicalId.keySet());
        }
        return resource;
    }

    /** All resources in creation order. */
    public List<Resource> all() {
        synchronized (byLogicalId) {
            return List.copyOf(byLogicalId.values());
        }
    }

    public List<Resource> ofType(String type) {
        return all().stream().filter(r -> r.type().equals(type)).toList();
    }

    public String tableName(String logicalId) {
        return typed(logicalId, "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Serverless::SimpleTable").ref();
    }

    public String queueUrl(String logicalId) {
        return typed(logicalId, "AWS::SQS::Queue").ref();
    }

    public String queueArn(String logicalId) {
        return typed(logicalId, "AWS::SQS::Queue").attributes().get("Arn");
    }

    public String topicArn(String logicalId) {
        return typed(logicalId, "AWS::SNS::Topic").ref();
    }

    /** Resources of the given types, for listings. */
    Collection<Resource> ofTypes(String... types) {
        List<String> wanted = List.of(types);
        return all().stream().filter(r -> wanted.contains(r.type())).toList();
    }

    private Resource typed(String logicalId, String... types) {
        Resource resource = get(logicalId);
        if (!List.of(types).contains(resource.type())) {
            throw new IllegalArgumentException(logicalId + " is a " + resource.type() + ", not " + String.join(" or ", types));
        }
        return resource;
    }
}
