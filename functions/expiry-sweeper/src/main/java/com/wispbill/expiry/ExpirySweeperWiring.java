package com.wispbill.expiry;

import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.metrics.EmfMetricLines;
import com.wispbill.adapters.sqs.SqsNotificationQueue;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.domain.messages.NotificationQueue;
import com.wispbill.domain.messages.RouterCommandQueue;
import com.wispbill.domain.metrics.OperationalMetrics;
import java.time.Clock;

/** The expiry sweeper's collaborators, built once per execution environment by the handler's no-arg constructor. */
public record ExpirySweeperWiring(DynamoStore store, RouterCommandQueue routerCommands, NotificationQueue notifications, Clock clock,
        OperationalMetrics metrics) {
    /** Real clients: DynamoDB and SQS, the tables and queues the template names, the system clock. */
    public static ExpirySweeperWiring fromEnvironment() {
        return new ExpirySweeperWiring(DynamoStore.fromEnvironment(), SqsRouterCommandQueue.fromEnvironment(),
                SqsNotificationQueue.fromEnvironment(), Clock.systemUTC(), EmfMetricLines.fromEnvironment());
    }
}
