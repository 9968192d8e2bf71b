package com.wispbill.notify;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoAlertRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsDeliveryRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsMessageRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsQuota;
import com.wispbill.adapters.dynamodb.DynamoSmsTemplateRepository;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.notify.adapters.SnsSmsGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The embedded stack for a notifier test class, its DynamoDB client and entity table, and the real SMS sender over them. */
final class NotifierStack implements AutoCloseable {
    final EmbeddedStack stack;
    final DynamoDbClient dynamoDb;
    final String table;

    NotifierStack(EmbeddedStack.Options options) {
        stack = EmbeddedStack.start(options);
        dynamoDb = AwsClients.newDynamoDbClient();
        table = stack.resources().tableName("EntityTable");
    }

    DynamoAlertRepository alerts() {
        return new DynamoAlertRepository(dynamoDb, table);
    }

    /** The sender as the function builds it (SMS through the stack's SNS), with {@code whatsApp}. */
    SmsSender sender(WhatsAppRoute whatsApp) {
        return sender(whatsApp, AlertEmails.NONE);
    }

    /** The same, and the alerts it raises are emailed through {@code alertEmails}. */
    SmsSender sender(WhatsAppRoute whatsApp, AlertEmails alertEmails) {
        return new SmsSender(new DynamoSmsTemplateRepository(dynamoDb, table), new DynamoSmsDeliveryRepository(dynamoDb, table),
                new DynamoSmsQuota(dynamoDb, table), SmsSender.DEFAULT_DAILY_LIMIT, alerts(),
                new SnsSmsGateway(AwsClients.newSnsWithoutRetries()), "WISPbill", Clock.systemUTC(), whatsApp,
                new DynamoSmsMessageRepository(dynamoDb, table), alertEmails);
    }

    /** Waits (at most 20 s) for what the queue pollers do in the background. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        dynamoDb.close();
        stack.close();
    }
}
