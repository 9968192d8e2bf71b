package com.wispbill.notify;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Env;
import com.wispbill.adapters.dynamodb.DynamoAlertRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsDeliveryRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsQuota;
import com.wispbill.adapters.dynamodb.DynamoSmsTemplateRepository;
import com.wispbill.adapters.metrics.PowertoolsOperationalMetrics;
import com.wispbill.adapters.repository.AlertRepository;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.metrics.OperationalMetrics;
import com.wispbill.notify.adapters.SnsSmsGateway;
import java.time.Clock;

/** The notifier's collaborators, built once per execution environment by the handler's no-arg constructor. */
public record NotifierWiring(SmsSender sms, AlertRepository alerts, OperationalMetrics metrics) {
    /** Real clients, the entity table, the sender id and the daily SMS limit from the environment. */
    public static NotifierWiring fromEnvironment() {
        String entityTable = Env.require("ENTITY_TABLE");
        AlertRepository alerts = new DynamoAlertRepository(AwsClients.dynamoDb(), entityTable);
        return new NotifierWiring(new SmsSender(new DynamoSmsTemplateRepository(AwsClients.dynamoDb(), entityTable),
                new DynamoSmsDeliveryRepository(AwsClients.dynamoDb(), entityTable),
                new DynamoSmsQuota(AwsClients.dynamoDb(), entityTable), dailyLimit(), alerts,
                // No SDK retries: a retry after a lost answer would send the text twice.
                new SnsSmsGateway(AwsClients.newSnsClientWithoutRetries()), Env.require("SMS_SENDER_ID"), Clock.systemUTC()),
                alerts, PowertoolsOperationalMetrics.fromEnvironment());
    }

    private static long dailyLimit() {
        String text = Env.optional("SMS_DAILY_LIMIT_PER_RESELLER").orElse(Long.toString(SmsSender.DEFAULT_DAILY_LIMIT));
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new ValidationException("SMS_DAILY_LIMIT_PER_RESELLER", "must be a whole number of SMS per day");
        }
    }
}
