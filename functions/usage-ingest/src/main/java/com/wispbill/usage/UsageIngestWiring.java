package com.wispbill.usage;

import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.metrics.EmfMetricLines;
import com.wispbill.adapters.sqs.SqsNotificationQueue;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.adapters.sqs.SqsUsageSampleQueue;
import com.wispbill.domain.messages.NotificationQueue;
import com.wispbill.domain.messages.RouterCommandQueue;
import com.wispbill.domain.metrics.OperationalMetrics;
import java.time.Clock;

/** The usage ingester's collaborators, built once per execution environment by the handler's no-arg constructor. */
public record UsageIngestWiring(DynamoStore store, RouterCommandQueue routerCommands, NotificationQueue notifications, Clock clock,
        OperationalMetrics metrics) {
    /** Real clients: DynamoDB and SQS, the tables and queues the template names, the system clock. */
    public static UsageIngestWiring fromEnvironment() {
        return new UsageIngestWiring(DynamoStore.fromEnvironment(), SqsRouterCommandQueue.fromEnvironment(),
                SqsNotificationQueue.fromEnvironment(), Clock.systemUTC(), EmfMetricLines.fromEnvironment());
    }

    /** The flush sweep's collaborators: the usage table and the usage-samples queue, the system clock. */
    public static UsageFlushSweep flushSweepFromEnvironment() {
        return new UsageFlushSweep(DynamoStore.fromEnvironment().usage(), SqsUsageSampleQueue.fromEnvironment(),
                Clock.systemUTC());
    }
}
