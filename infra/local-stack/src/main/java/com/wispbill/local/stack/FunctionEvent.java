package com.wispbill.local.stack;

import java.util.List;

/** One entry of a function's {@code Events} in the template, as the stack wires it. */
sealed interface FunctionEvent {

    String name();

    /** {@code Type: HttpApi}. {@code method} is upper case ("ANY" for any); path null = {@code $default}. */
    record HttpApi(String name, String method, String path, String apiLogicalId) implements FunctionEvent {
        String routeKey() {
            return path == null ? "$default" : method + " " + path;
        }
    }

    /** {@code Type: SQS}: an event source mapping. */
    record Sqs(String name, String queueLogicalId, String queueArn, int batchSize, int maximumBatchingWindowSeconds,
               boolean reportBatchItemFailures, int maximumConcurrency, boolean enabled, List<EventPattern> filters)
            implements FunctionEvent {}

    /**
     * {@code Type: DynamoDB}: a stream event source mapping. {@code maximumRetryAttempts} -1 retries a
     * failing batch until it succeeds (Lambda's default); {@code bisectBatchOnFunctionError} splits a failing
     * batch in two before retrying; {@code onFailureQueueLogicalId} (null if none) is the SQS queue of
     * {@code DestinationConfig.OnFailure} that receives what the retries gave up on.
     */
    record DynamoDbStream(String name, String tableLogicalId, String streamArn, String startingPosition, int batchSize,
                          boolean reportBatchItemFailures, int maximumRetryAttempts, boolean bisectBatchOnFunctionError,
                          String onFailureQueueLogicalId, boolean enabled, List<EventPattern> filters)
            implements FunctionEvent {}

    /**
     * {@code Type: Schedule} (EventBridge rule) or {@code ScheduleV2} (EventBridge Scheduler).
     * {@code input} is the configured constant JSON input, or null for the standard scheduled event.
     */
    record Schedule(String name, ScheduleExpression expression, String input, boolean enabled, String resourceArn)
            implements FunctionEvent {}

    /** An event type the embedded stack does not emulate; reported, never silently dropped. */
    record Unsupported(String name, String type) implements FunctionEvent {}
}
