package com.wispbill.notify;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Env;
import com.wispbill.adapters.dynamodb.DynamoAlertEmailRepository;
import com.wispbill.adapters.dynamodb.DynamoAlertRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsDeliveryRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsMessageRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsQuota;
import com.wispbill.adapters.dynamodb.DynamoSmsTemplateRepository;
import com.wispbill.adapters.dynamodb.DynamoWhatsAppMessageRepository;
import com.wispbill.adapters.dynamodb.DynamoWhatsAppSettingsRepository;
import com.wispbill.adapters.metrics.EmfMetricLines;
import com.wispbill.adapters.sqs.SqsNotificationQueue;
import com.wispbill.adapters.repository.AlertRepository;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.metrics.OperationalMetrics;
import com.wispbill.notify.adapters.SqsSmsStatusRetries;
import com.wispbill.notify.adapters.CloudApiWhatsAppGateway;
import com.wispbill.notify.adapters.SecretsManagerWhatsAppAccounts;
import com.wispbill.notify.adapters.SesAlertMailer;
import com.wispbill.notify.adapters.SnsSmsGateway;
import java.net.URI;
import java.time.Clock;
import com.wispbill.adapters.aws.SesApi;

/** The notifier's collaborators, built once per execution environment by the handlers' no-arg constructors. */
public record NotifierWiring(SmsSender sms, AlertRepository alerts, OperationalMetrics metrics, AlertEmails alertEmails) {
    /**
     * Real clients, the entity table, the sender id and the daily SMS limit, the WhatsApp numbers' secrets
     * ({@code WHATSAPP_SECRETS_PREFIX}) and Cloud API ({@code WHATSAPP_API_BASE_URL}), and the alert emails'
     * sender ({@code ALERT_EMAIL_FROM}) from the environment.
     */
    public static NotifierWiring fromEnvironment() {
        String entityTable = Env.require("ENTITY_TABLE");
        AlertRepository alerts = new DynamoAlertRepository(AwsClients.dynamoDb(), entityTable);
        WhatsAppRoute whatsApp = new WhatsAppRoute(new DynamoWhatsAppSettingsRepository(AwsClients.dynamoDb(), entityTable),
                whatsAppAccounts(),
                new CloudApiWhatsAppGateway(URI.create(Env.optional("WHATSAPP_API_BASE_URL").orElse("https://graph.facebook.com"))),
                new DynamoWhatsAppMessageRepository(AwsClients.dynamoDb(), entityTable), WhatsAppRoute.SETTINGS_TTL, Clock.systemUTC());
        AlertEmails alertEmails = new AlertEmails(new DynamoAlertEmailRepository(AwsClients.dynamoDb(), entityTable),
                new SesAlertMailer(SesApi.create(SesApi.sendOptions()),
                        Env.require("ALERT_EMAIL_FROM")));
        return new NotifierWiring(new SmsSender(new DynamoSmsTemplateRepository(AwsClients.dynamoDb(), entityTable),
                new DynamoSmsDeliveryRepository(AwsClients.dynamoDb(), entityTable),
                new DynamoSmsQuota(AwsClients.dynamoDb(), entityTable), dailyLimit(), alerts,
                // No SDK retries: a retry after a lost answer would send the text twice.
                new SnsSmsGateway(AwsClients.newSnsWithoutRetries()), Env.require("SMS_SENDER_ID"), Clock.systemUTC(),
                whatsApp, new DynamoSmsMessageRepository(AwsClients.dynamoDb(), entityTable), alertEmails),
                alerts, EmfMetricLines.fromEnvironment(), alertEmails);
    }

    /**
     * SNS's SMS delivery status records (the Logs subscription and the retry queue): the entity table and the retry
     * queue ({@code SMS_DELIVERY_RETRY_QUEUE_URL}).
     */
    public static SmsDeliveryStatuses smsDeliveryStatusesFromEnvironment() {
        return new SmsDeliveryStatuses(new DynamoSmsMessageRepository(AwsClients.dynamoDb(), Env.require("ENTITY_TABLE")),
                new SqsSmsStatusRetries(AwsClients.sqs(), Env.require("SMS_DELIVERY_RETRY_QUEUE_URL")), Clock.systemUTC());
    }

    /**
     * {@code GET|POST /whatsapp-webhooks/{resellerId}}: the numbers' secrets, the entity table and the
     * notifications queue ({@code NOTIFICATIONS_QUEUE_URL}: the SMS instead of a failed WhatsApp message).
     */
    public static WhatsAppWebhook whatsAppWebhookFromEnvironment() {
        String entityTable = Env.require("ENTITY_TABLE");
        return new WhatsAppWebhook(whatsAppAccounts(),
                new DynamoWhatsAppMessageRepository(AwsClients.dynamoDb(), entityTable),
                new DynamoWhatsAppSettingsRepository(AwsClients.dynamoDb(), entityTable), SqsNotificationQueue.fromEnvironment(),
                Clock.systemUTC());
    }

    private static WhatsAppAccounts whatsAppAccounts() {
        return new SecretsManagerWhatsAppAccounts(AwsClients.newSecretsManager(), Env.require("WHATSAPP_SECRETS_PREFIX"));
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
