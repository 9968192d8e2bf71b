package com.wispbill.local.stack;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Builds the events Lambda delivers (as aws-lambda-java-events objects) and renders them as the
 * JSON Lambda actually sends, with Lambda's field names ({@code Records}, {@code eventSourceARN},
 * {@code detail-type}...), which plain Jackson serialization of those classes would not produce.
 */
final class LambdaEvents {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private LambdaEvents() {
    }

    /** An SQS event source mapping's event for one batch, record by record as Lambda builds it. */
    static SQSEvent sqsEvent(List<Message> messages, String queueArn, String region) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(messages.size());
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            Map<String, String> attributes = new LinkedHashMap<>(message.attributesAsStrings());
            record.setAttributes(attributes);
            Map<String, SQSEvent.MessageAttribute> messageAttributes = new LinkedHashMap<>();
            message.messageAttributes().forEach((name, value) -> messageAttributes.put(name, messageAttribute(value)));
            record.setMessageAttributes(messageAttributes);
            record.setMd5OfBody(message.md5OfBody());
            record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(region);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static SQSEvent.MessageAttribute messageAttribute(MessageAttributeValue value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType(value.dataType());
        attribute.setStringValue(value.stringValue());
        attribute.setBinaryValue(value.binaryValue() == null ? null : value.binaryValue().asByteBuffer());
        attribute.setStringListValues(new ArrayList<>(value.stringListValues()));
        List<ByteBuffer> binaries = new ArrayList<>();
        value.binaryListValues().forEach(b -> binaries.add(b.asByteBuffer()));
        attribute.setBinaryListValues(binaries);
        return attribute;
    }

    /** The EventBridge "Scheduled Event" a rule or schedule delivers at {@code time}. */
    static ScheduledEvent scheduledEvent(String resourceArn, Instant time, String accountId, String region) {
        ScheduledEvent event = new ScheduledEvent();
        event.setVersion("0");
        event.setId(UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setAccount(accountId);
        event.setTime(new DateTime(time.getEpochSecond() * 1000, DateTimeZone.UTC));
        event.setRegion(region);
        event.setResources(List.of(resourceArn));
        event.setDetail(new LinkedHashMap<>());
        return event;
    }

    /** The JSON Lambda would send for an event object (typed events, JSON text, or any POJO/Map). */
    static JsonNode wire(Object event) {
        return switch (event) {
            case null -> JSON.nullNode();
            case SQSEvent sqs -> sqsWire(sqs);
            case APIGatewayV2HTTPEvent http -> httpWire(http);
            case ScheduledEvent scheduled -> scheduledWire(scheduled);
            case JsonNode json -> json;
            case String text -> {
                try {
                    yield Json.MAPPER.readTree(text);
                } catch (JsonProcessingException e) {
                    yield JSON.textNode(text);
                }
            }
            default -> Json.MAPPER.valueToTree(event);
        };
    }

    private static JsonNode sqsWire(SQSEvent event) {
        ObjectNode root = JSON.objectNode();
        ArrayNode records = root.putArray("Records");
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            ObjectNode record = records.addObject();
            record.put("messageId", m.getMessageId());
            record.put("receiptHandle", m.getReceiptHandle());
            record.put("body", m.getBody());
            ObjectNode attributes = record.putObject("attributes");
            if (m.getAttributes() != null) {
                m.getAttributes().forEach(attributes::put);
            }
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            if (m.getMessageAttributes() != null) {
                m.getMessageAttributes().forEach((name, a) -> {
                    ObjectNode attribute = messageAttributes.putObject(name);
                    if (a.getStringValue() != null) {
                        attribute.put("stringValue", a.getStringValue());
                    }
                    if (a.getBinaryValue() != null) {
                        attribute.put("binaryValue", base64(a.getBinaryValue()));
                    }
                    ArrayNode strings = attribute.putArray("stringListValues");
                    if (a.getStringListValues() != null) {
                        a.getStringListValues().forEach(strings::add);
                    }
                    ArrayNode binaries = attribute.putArray("binaryListValues");
                    if (a.getBinaryListValues() != null) {
                        a.getBinaryListValues().forEach(b -> binaries.add(base64(b)));
                    }
                    attribute.put("dataType", a.getDataType());
                });
            }
            record.put("md5OfBody", m.getMd5OfBody());
            if (m.getMd5OfMessageAttributes() != null) {
                record.put("md5OfMessageAttributes", m.getMd5OfMessageAttributes());
            }
            record.put("eventSource", m.getEventSource());
            record.put("eventSourceARN", m.getEventSourceArn());
            record.put("awsRegion", m.getAwsRegion());
        }
        return root;
    }

    private static JsonNode httpWire(APIGatewayV2HTTPEvent event) {
        ObjectNode root = JSON.objectNode();
        root.put("version", event.getVersion());
        root.put("routeKey", event.getRouteKey());
        root.put("rawPath", event.getRawPath());
        root.put("rawQueryString", event.getRawQueryString());
        if (event.getCookies() != null) {
            ArrayNode cookies = root.putArray("cookies");
            event.getCookies().forEach(cookies::add);
        }
        putMap(root, "headers", event.getHeaders());
        putMap(root, "queryStringParameters", event.getQueryStringParameters());
        putMap(root, "pathParameters", event.getPathParameters());
        putMap(root, "stageVariables", event.getStageVariables());
        APIGatewayV2HTTPEvent.RequestContext c = event.getRequestContext();
        if (c != null) {
            ObjectNode context = root.putObject("requestContext");
            context.put("accountId", c.getAccountId());
            context.put("apiId", c.getApiId());
            context.put("domainName", c.getDomainName());
            context.put("domainPrefix", c.getDomainPrefix());
            if (c.getHttp() != null) {
                ObjectNode http = context.putObject("http");
                http.put("method", c.getHttp().getMethod());
                http.put("path", c.getHttp().getPath());
                http.put("protocol", c.getHttp().getProtocol());
                http.put("sourceIp", c.getHttp().getSourceIp());
                http.put("userAgent", c.getHttp().getUserAgent());
            }
            context.put("requestId", c.getRequestId());
            context.put("routeKey", c.getRouteKey());
            context.put("stage", c.getStage());
            context.put("time", c.getTime());
            context.put("timeEpoch", c.getTimeEpoch());
        }
        if (event.getBody() != null) {
            root.put("body", event.getBody());
        }
        root.put("isBase64Encoded", event.getIsBase64Encoded());
        return root;
    }

    private static JsonNode scheduledWire(ScheduledEvent event) {
        ObjectNode root = JSON.objectNode();
        root.put("version", event.getVersion());
        root.put("id", event.getId());
        root.put("detail-type", event.getDetailType());
        root.put("source", event.getSource());
        root.put("account", event.getAccount());
        root.put("time", event.getTime() == null ? null
                : Instant.ofEpochMilli(event.getTime().getMillis()).toString());
        root.put("region", event.getRegion());
        ArrayNode resources = root.putArray("resources");
        if (event.getResources() != null) {
            event.getResources().forEach(resources::add);
        }
        root.set("detail", event.getDetail() == null ? JSON.objectNode() : Json.MAPPER.valueToTree(event.getDetail()));
        return root;
    }

    private static void putMap(ObjectNode root, String name, Map<String, String> map) {
        if (map != null) {
            ObjectNode node = root.putObject(name);
            map.forEach(node::put);
        }
    }

    private static String base64(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
