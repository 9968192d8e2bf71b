/**
 * An embedded, AWS-compatible stack for tests and the local run: DynamoDB Local, ElasticMQ and an
 * SNS endpoint behind one edge endpoint, with tables, queues, topics and Lambda wiring (HTTP API
 * routes, SQS event source mappings, schedules) created from the SAM {@code template.yaml}.
 * Entry point: {@link com.wispbill.local.stack.EmbeddedStack}.
 */
package com.wispbill.local.stack;
