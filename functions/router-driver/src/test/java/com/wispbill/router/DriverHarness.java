package com.wispbill.router;

import com.wispbill.testing.TestLambdaContext;
import com.wispbill.testing.MutableClock;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.dynamodb.DynamoRouterDriverStateRepository;
import com.wispbill.adapters.dynamodb.DynamoRouterRepository;
import com.wispbill.adapters.dynamodb.DynamoVoucherBatchRepository;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.sns.SnsAlertPublisher;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.domain.Router;
import com.wispbill.domain.RouterStatus;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.routercommand.RouterCommand;
import com.wispbill.domain.routercommand.RouterCommandBulk;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.domain.routerdriver.RouterCircuit;
import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.router.adapters.SecretsManagerRouterCredentials;
import com.wispbill.router.routeros.MikrotikRouterOsConnector;
import com.wispbill.router.routeros.RouterOsClientSettings;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import com.wispbill.adapters.aws.SnsApi;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The embedded stack (DynamoDB, SQS, SNS, Secrets Manager, from template.yaml) with the router driver's
 * pieces wired to it, a simulated clock, and helpers to register simulated routers and to redeliver the
 * command queue the way Lambda's poller does (receive, invoke, delete what succeeded, make the failed
 * ones visible again, so ElasticMQ counts receives and moves a message to the DLQ after maxReceiveCount).
 */
final class DriverHarness implements AutoCloseable {
    static final String SECRETS_PREFIX = "wispbill/routers/";
    static final String API_USER = "wispbill";

    final EmbeddedStack stack;
    final DynamoDbClient dynamoDb;
    final SqsClient sqs;
    final SnsApi sns;
    final SecretsManagerClient secrets;
    final TableNames tables;
    final DynamoRouterRepository routers;
    final DynamoRouterDriverStateRepository state;
    final DynamoVoucherBatchRepository batches;
    final com.wispbill.adapters.dynamodb.DynamoPaymentGrantRepository grants;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

    private DriverHarness(EmbeddedStack stack) {
        this.stack = stack;
        this.dynamoDb = AwsClients.newDynamoDbClient();
        this.sqs = AwsClients.newSqsClient();
        this.sns = AwsClients.newSns();
        this.secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        this.tables = new TableNames(stack.resources().tableName("EntityTable"), stack.resources().tableName("UsageTable"));
        this.routers = new DynamoRouterRepository(dynamoDb, tables);
        this.state = new DynamoRouterDriverStateRepository(dynamoDb, tables);
        this.batches = new DynamoVoucherBatchRepository(dynamoDb, tables);
        this.grants = new com.wispbill.adapters.dynamodb.DynamoPaymentGrantRepository(dynamoDb, tables);
    }

    static DriverHarness start() {
        return new DriverHarness(EmbeddedStack.start(EmbeddedStack.options()
                .onlyFunctions("RouterDriverFunction", "RouterPollFunction", "PollWorkerFunction")
                .sqsPollingEnabled(false)
                .schedulesEnabled(false)));
    }

    /** The driver wired to the stack, with short limits so dead routers cost test time in milliseconds. */
    RouterDriverWiring wiring(CountingConnector connector, RouterOsClientSettings settings) {
        return new RouterDriverWiring(routers, state, batches, grants, new SecretsManagerRouterCredentials(AwsClients.newSecretsManager(), SECRETS_PREFIX),
                connector, settings, new SnsAlertPublisher(sns, stack.resources().topicArn("AlertsTopic")), clock,
                RouterCircuit.Policy.DEFAULT);
    }

    static RouterOsClientSettings fastSettings() {
        return new RouterOsClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    static CountingConnector connector(RouterOsClientSettings settings) {
        return new CountingConnector(new MikrotikRouterOsConnector(settings));
    }

    /** A router record for {@code simulator} (api-ssl with its certificate pinned, or plain if {@code tls} is off) and its secret. */
    Router addRouter(String resellerId, String routerId, RouterOsSimulator simulator, boolean tls) {
        Router router = Router.builder().id(routerId).resellerId(resellerId).name("Router " + routerId)
                .host(simulator.host()).apiPort(tls ? simulator.tlsPort() : simulator.port()).useTls(tls)
                .allowPlainApi(!tls).status(RouterStatus.ACTIVE).createdAt(clock.instant()).build();
        routers.create(router);
        String json = secretJson(simulator.username(), simulator.password(), tls ? pem(simulator.tlsCertificate()) : null);
        secrets.createSecret(b -> b.name(secretName(router)).secretString(json));
        return router;
    }

    void putSecret(Router router, String username, String password, RouterOsSimulator simulator) {
        String json = secretJson(username, password, router.useTls() ? pem(simulator.tlsCertificate()) : null);
        secrets.putSecretValue(b -> b.secretId(secretName(router)).secretString(json));
    }

    static String secretName(Router router) {
        return SECRETS_PREFIX + router.resellerId() + "/" + router.id();
    }

    private static String secretJson(String username, String password, String pem) {
        Map<String, String> fields = new HashMap<>();
        fields.put("username", username);
        fields.put("password", password);
        if (pem != null) {
            fields.put("caCertificatePem", pem);
        }
        try {
            return Json.MAPPER.writeValueAsString(fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    RouterCommandEnvelope envelope(Router router, RouterCommand command) {
        clock.advance(Duration.ofMillis(1));
        return RouterCommandEnvelope.issue(router.resellerId(), router.id(), command, clock);
    }

    /** Each command as its own message (what a producer of single commands, e.g. the outbox, sends). */
    void send(List<RouterCommandEnvelope> commands) {
        new SqsRouterCommandQueue(sqs, commandsQueue()).sendBulks(commands.stream().map(RouterCommandBulk::of).toList());
    }

    /** Commands as bulks, the way producers of many commands send them. */
    void sendBulks(List<RouterCommandBulk> bulks) {
        new SqsRouterCommandQueue(sqs, commandsQueue()).sendBulks(bulks);
    }

    String commandsQueue() {
        return stack.resources().queueUrl("RouterCommandsQueue");
    }

    String commandsDlq() {
        return stack.resources().queueUrl("RouterCommandsDLQ");
    }

    /** What one redelivery round did. */
    record Round(int received, Set<String> failedIds, List<String> failedBodies) {
    }

    /**
     * One Lambda poll of the command queue: every visible message (in batches of 10, as the template's
     * BatchSize), through {@code handler}; succeeded ones deleted, failed ones visible again at once.
     */
    Round deliver(RouterCommandHandler handler) {
        int received = 0;
        Set<String> failedIds = new java.util.HashSet<>();
        List<String> failedBodies = new ArrayList<>();
        List<Message> inFlightFailed = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(commandsQueue()).maxNumberOfMessages(10)
                    .visibilityTimeout(120).waitTimeSeconds(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (messages.isEmpty()) {
                break;
            }
            received += messages.size();
            SQSBatchResponse response = handler.handleRequest(sqsEvent(messages), new TestLambdaContext(55_000));
            Set<String> failed = response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
            for (Message m : messages) {
                if (failed.contains(m.messageId())) {
                    failedIds.add(m.messageId());
                    failedBodies.add(m.body());
                    inFlightFailed.add(m);
                } else {
                    sqs.deleteMessage(b -> b.queueUrl(commandsQueue()).receiptHandle(m.receiptHandle()));
                }
            }
        }
        // Failed messages stay invisible for the rest of the round (their group is blocked, as on SQS),
        // then become visible for the next round.
        for (Message m : inFlightFailed) {
            sqs.changeMessageVisibility(b -> b.queueUrl(commandsQueue()).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
        }
        return new Round(received, failedIds, failedBodies);
    }

    static SQSEvent sqsEvent(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            Map<String, String> attributes = new HashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            record.setAttributes(attributes);
            record.setEventSource("aws:sqs");
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    int queueDepth(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Bodies of everything in the DLQ (received and deleted). */
    List<String> drainDlq() {
        return drain(commandsDlq());
    }

    /** Alerts published to the alerts topic so far (its SQS subscription: the notifications queue), drained. */
    List<Alert> drainAlerts() {
        return drain(stack.resources().queueUrl("NotificationsQueue")).stream()
                .filter(body -> MessageCodec.notificationKind(body) == MessageCodec.NotificationKind.ALERT)
                .map(MessageCodec::decodeAlert).toList();
    }

    private List<String> drain(String queueUrl) {
        List<String> bodies = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            for (Message m : messages) {
                bodies.add(m.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    @Override
    public void close() {
        stack.close();
    }
}
