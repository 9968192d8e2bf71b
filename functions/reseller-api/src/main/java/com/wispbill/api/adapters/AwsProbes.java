package com.wispbill.api.adapters;

import com.wispbill.adapters.dynamodb.SnapStartPriming;
import com.wispbill.api.health.HealthCheck;
import com.wispbill.api.health.HealthCheck.Probe;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import com.wispbill.adapters.aws.AwsCallException;
import com.wispbill.adapters.aws.SecretsManagerApi;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Probes of the AWS services WISPbill depends on; each one call that reads no item or message. */
public final class AwsProbes {
    /**
     * A secret name nobody creates: Secrets Manager answering "not found" for it proves the service is
     * reachable and the role may ask, without touching any reseller's or router's secret.
     */
    public static final String SECRETS_PROBE_NAME = "wispbill/health-probe";

    private AwsProbes() {
    }

    /**
     * GetItem of a key no item has: the table exists and serves reads (a table being created, deleted or
     * without its encryption key does not). Not DescribeTable: its answer's model (the table's indexes,
     * streams, replicas, billing...) was 140 classes and half of this function's first call, which only
     * this probe loaded; GetItem's are the ones SnapStart priming has loaded already.
     */
    public static Probe table(String name, DynamoDbClient dynamoDb, String tableName) {
        return probe(name, () -> SnapStartPriming.readKeyNoItemHas(dynamoDb, tableName));
    }

    /** GetQueueAttributes (its ARN only): the queue exists and answers. */
    public static Probe queue(String name, SqsClient sqs, String queueUrl) {
        return probe(name, () -> sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN)));
    }

    public static Probe secretsManager(String name, SecretsManagerApi secrets) {
        return probe(name, () -> {
            try {
                secrets.describeSecret(SECRETS_PROBE_NAME);
            } catch (AwsCallException e) {
                if (!e.is(SecretsManagerApi.RESOURCE_NOT_FOUND)) {
                    throw e;
                }
                // answered "not found": reachable
            }
        });
    }

    private static Probe probe(String name, HealthCheck.Check check) {
        return new Probe(name, check);
    }
}
