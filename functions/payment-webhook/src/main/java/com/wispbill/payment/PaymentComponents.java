package com.wispbill.payment;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Env;
import com.wispbill.adapters.dynamodb.TableNames;
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
        FeePolicy fees = new FeePolicy(Long.parseLong(Env.require("PLATFORM_FEE_BASIS_POINTS")));
        return new PaymentSettlement(repos, outboxDelivery(repos), fees, new VoucherCodes(), CLOCK);
    }

    static CredentialsSource credentials() {
        return SecretsManagerCredentials.fromEnvironment();
    }

    static ProviderAdapters adapters() {
        return ProviderAdapters.fromEnvironment(CLOCK);
    }

    static URI callbackBaseUrl() {
        return URI.create(Env.require("PAYMENT_CALLBACK_BASE_URL"));
    }

    static Duration reconcileAfter() {
        return Duration.ofMinutes(Long.parseLong(Env.require("RECONCILE_AFTER_MINUTES")));
    }
}
