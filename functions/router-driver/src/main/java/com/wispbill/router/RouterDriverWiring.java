package com.wispbill.router;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Env;
import com.wispbill.adapters.dynamodb.DynamoRouterDriverStateRepository;
import com.wispbill.adapters.dynamodb.DynamoRouterRepository;
import com.wispbill.adapters.dynamodb.DynamoPaymentGrantRepository;
import com.wispbill.adapters.dynamodb.DynamoVoucherBatchRepository;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.metrics.EmfMetricLines;
import com.wispbill.adapters.repository.RouterDriverStateRepository;
import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.adapters.repository.PaymentGrantRepository;
import com.wispbill.adapters.repository.VoucherBatchRepository;
import com.wispbill.adapters.voucher.VoucherBatchConfirmations;
import com.wispbill.adapters.sns.SnsAlertPublisher;
import com.wispbill.adapters.sqs.SqsRouterPollQueue;
import com.wispbill.adapters.sqs.SqsUsageSampleQueue;
import com.wispbill.domain.messages.AlertPublisher;
import com.wispbill.domain.messages.UsageSampleQueue;
import com.wispbill.domain.routerdriver.RouterCircuit;
import com.wispbill.router.adapters.EmfDriftMetrics;
import com.wispbill.router.adapters.SecretsManagerRouterCredentials;
import com.wispbill.router.credentials.RouterCredentialsSource;
import com.wispbill.router.driver.RouterCircuitBreaker;
import com.wispbill.router.driver.RouterCommandProcessor;
import com.wispbill.router.driver.RouterConnections;
import com.wispbill.router.poll.DriftMetrics;
import com.wispbill.router.poll.PollScheduler;
import com.wispbill.router.poll.Reconciler;
import com.wispbill.router.poll.RouterPoller;
import com.wispbill.router.routeros.MikrotikRouterOsConnector;
import com.wispbill.router.routeros.RouterOsClientSettings;
import com.wispbill.router.routeros.RouterOsConnector;
import com.wispbill.router.routeros.RouterSessionPool;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The router driver's collaborators, built once per execution environment by the handlers' no-arg
 * constructors (and by tests with their own clock, connector limits or credentials).
 */
public record RouterDriverWiring(RouterRepository routers, RouterDriverStateRepository state,
                                 VoucherBatchRepository batches, PaymentGrantRepository grants,
                                 RouterCredentialsSource credentials, RouterOsConnector connector,
                                 RouterOsClientSettings clientSettings,
                                 AlertPublisher alerts, Clock clock, RouterCircuit.Policy circuitPolicy) {
    /** Routers a command batch works on at once (one thread and connection each). */
    static final int PARALLEL_ROUTERS_PER_BATCH = 4;
    /** A credentials read holds up a router's commands; seconds more means Secrets Manager is in trouble. */
    static final Duration SECRETS_READ_TIMEOUT = Duration.ofSeconds(10);

    public RouterDriverWiring {
        Objects.requireNonNull(routers, "routers");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(batches, "batches");
        Objects.requireNonNull(grants, "grants");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(clientSettings, "clientSettings");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(circuitPolicy, "circuitPolicy");
    }

    /** The same collaborators reaching routers through {@code other} (a hub standing in for the VPN locally). */
    public RouterDriverWiring withConnector(RouterOsConnector other) {
        return new RouterDriverWiring(routers, state, batches, grants, credentials, other, clientSettings, alerts, clock,
                circuitPolicy);
    }

    /** Real clients: DynamoDB, SNS, Secrets Manager; 5 s connect and 10 s command limits. */
    public static RouterDriverWiring fromEnvironment() {
        TableNames tables = new TableNames(Env.require("ENTITY_TABLE"), Env.require("USAGE_TABLE"));
        return new RouterDriverWiring(new DynamoRouterRepository(AwsClients.dynamoDb(), tables),
                new DynamoRouterDriverStateRepository(AwsClients.dynamoDb(), tables),
                new DynamoVoucherBatchRepository(AwsClients.dynamoDb(), tables),
                new DynamoPaymentGrantRepository(AwsClients.dynamoDb(), tables),
                new SecretsManagerRouterCredentials(AwsClients.newSecretsManager(SECRETS_READ_TIMEOUT),
                        Env.require("ROUTER_SECRETS_PREFIX")),
                new MikrotikRouterOsConnector(RouterOsClientSettings.DEFAULT), RouterOsClientSettings.DEFAULT,
                SnsAlertPublisher.fromEnvironment(), Clock.systemUTC(), RouterCircuit.Policy.DEFAULT);
    }

    /**
     * With {@code connector}'s limits ({@code clientSettings} are the limits it was built with, for
     * {@link #timeNeededPerRouter()}).
     */
    public RouterConnections newConnections() {
        return new RouterConnections(connector, credentials);
    }

    /**
     * The longest one router can take before its first command is answered: TCP connect, TLS handshake,
     * login, and the command itself. A router is not started with less time left in the invocation.
     */
    public Duration timeNeededPerRouter() {
        return clientSettings.connectTimeout().multipliedBy(2).plus(clientSettings.commandTimeout().multipliedBy(2));
    }

    /** The command consumer's processor; its queue's maxReceiveCount from {@code ROUTER_COMMANDS_MAX_RECEIVE_COUNT}. */
    public RouterCommandProcessor commandProcessorFromEnvironment() {
        return commandProcessor(Integer.parseInt(Env.require("ROUTER_COMMANDS_MAX_RECEIVE_COUNT")));
    }

    /** The schedule's side: the router table and the {@code router-polls} queue the template names. */
    public static PollScheduler pollSchedulerFromEnvironment() {
        TableNames tables = new TableNames(Env.require("ENTITY_TABLE"), Env.require("USAGE_TABLE"));
        return new PollScheduler(new DynamoRouterRepository(AwsClients.dynamoDb(), tables),
                SqsRouterPollQueue.fromEnvironment(), Clock.systemUTC());
    }

    /** The poller: usage samples to the queue the template names, drift to EMF metric lines, settings from the environment. */
    public RouterPoller pollerFromEnvironment() {
        return poller(SqsUsageSampleQueue.fromEnvironment(), new EmfDriftMetrics(EmfMetricLines.fromEnvironment()),
                new RouterPoller.Settings(
                        Integer.parseInt(Env.require("ROUTER_POLL_MAX_SESSIONS")),
                        Duration.ofMinutes(Long.parseLong(Env.require("RECONCILE_INTERVAL_MINUTES"))),
                        Integer.parseInt(Env.require("ROUTER_DOWN_AFTER_FAILED_POLLS"))));
    }

    /**
     * The command consumer's processor, with its own {@link RouterSessionPool}: built once per execution
     * environment, so routers' sessions outlive invocations (within the pool's idle limit).
     */
    public RouterCommandProcessor commandProcessor(int maxReceiveCount) {
        return commandProcessor(maxReceiveCount, new RouterSessionPool(connector));
    }

    public RouterCommandProcessor commandProcessor(int maxReceiveCount, RouterSessionPool pool) {
        return new RouterCommandProcessor(routers, state, new RouterCircuitBreaker(state, circuitPolicy, clock),
                () -> new RouterConnections(pool, credentials), alerts, clock, maxReceiveCount,
                PARALLEL_ROUTERS_PER_BATCH, timeNeededPerRouter(), new VoucherBatchConfirmations(batches, clock), grants);
    }

    public RouterPoller poller(UsageSampleQueue usage, DriftMetrics driftMetrics, RouterPoller.Settings settings) {
        return new RouterPoller(routers, this::newConnections, usage, alerts, new Reconciler(state, clock),
                driftMetrics, clock, settings, timeNeededPerRouter());
    }
}
