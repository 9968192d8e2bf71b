package com.wispbill.payment;

import com.wispbill.adapters.outbox.OutboxDelivery;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Env;
import com.wispbill.adapters.dynamodb.DynamoAlertRepository;
import com.wispbill.adapters.dynamodb.DynamoRequestCounter;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.repository.AlertRepository;
import com.wispbill.adapters.metrics.PowertoolsOperationalMetrics;
import com.wispbill.adapters.sqs.SqsNotificationQueue;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.payment.provider.CredentialsSource;
import com.wispbill.payment.provider.ProviderAdapters;
import com.wispbill.payment.provider.SecretsManagerCredentials;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the payment functions' real collaborators from the environment, once per execution
 * environment (handlers keep the result in a static holder). Each factory reads only the variables its
 * function has, so the portal never needs queue URLs.
 */
public final class PaymentComponents {
    private PaymentComponents() {
    }

    static final Clock CLOCK = Clock.systemUTC();

    static PaymentRepositories repositories() {
        return PaymentRepositories.on(AwsClients.dynamoDb(), TableNames.fromEnvironment(), CLOCK,
                PowertoolsOperationalMetrics.fromEnvironment());
    }

    static OutboxDelivery outboxDelivery(PaymentRepositories repos) {
        return new OutboxDelivery(repos.outbox(), SqsRouterCommandQueue.fromEnvironment(), SqsNotificationQueue.fromEnvironment());
    }

    static PaymentSettlement settlement(PaymentRepositories repos) {
        FeePolicy fees = new FeePolicy(Long.parseLong(Env.require("PLATFORM_FEE_BASIS_POINTS")),
                FeePolicy.parseMinimums(Env.require("PLATFORM_FEE_MINIMUMS")));
        return new PaymentSettlement(repos, outboxDelivery(repos), fees, new VoucherCodes(), CLOCK);
    }

    /** Open operator alerts (read by the reconciler so it resolves what it raised). */
    static AlertRepository alerts() {
        return new DynamoAlertRepository(AwsClients.dynamoDb(), TableNames.fromEnvironment().entityTable());
    }

    static CredentialsSource credentials() {
        return SecretsManagerCredentials.fromEnvironment();
    }

    static ProviderAdapters adapters() {
        return ProviderAdapters.fromEnvironment(CLOCK);
    }

    /** The portal's abuse limits ({@code PORTAL_*}), counted in the usage table. */
    static PortalLimits portalLimits(PaymentRepositories repos) {
        PortalLimits.Settings settings = new PortalLimits.Settings(
                Duration.ofSeconds(Long.parseLong(Env.require("PORTAL_LIMIT_WINDOW_SECONDS"))),
                Integer.parseInt(Env.require("PORTAL_PURCHASES_PER_IP")),
                Integer.parseInt(Env.require("PORTAL_PURCHASES_PER_PORTAL")),
                Integer.parseInt(Env.require("PORTAL_PURCHASES_PER_PHONE")),
                Integer.parseInt(Env.require("PORTAL_PENDING_PER_PHONE")),
                Integer.parseInt(Env.require("PORTAL_CHALLENGE_AFTER_PER_IP")));
        ChallengeVerifier challenge = new ProofOfWorkChallenge(Integer.parseInt(Env.require("PORTAL_CHALLENGE_BITS")));
        return new PortalLimits(new DynamoRequestCounter(AwsClients.dynamoDb(), TableNames.fromEnvironment()),
                repos.payments(), challenge, settings, CLOCK);
    }

    static URI callbackBaseUrl() {
        return URI.create(Env.require("PAYMENT_CALLBACK_BASE_URL"));
    }

    static Duration reconcileAfter() {
        return Duration.ofMinutes(Long.parseLong(Env.require("RECONCILE_AFTER_MINUTES")));
    }
}
