package com.wispbill.local;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoResellerRepository;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.Reseller;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Currency;

/**
 * The other side of {@link AwsEndpointSystemTest}, run in a JVM of its own whose only pointer to
 * the stack is the {@code AWS_ENDPOINT_URL} environment variable: what a function or a developer's
 * tool gets. Prints one line per result for the test to check.
 */
public final class AwsEndpointClient {
    private AwsEndpointClient() {
    }

    public static void main(String[] args) {
        String queueUrl = args[0];
        String topicArn = args[1];
        String table = args[2];
        System.out.println("endpoint-property=" + System.getProperty("aws.endpointUrl"));
        try (var sqs = AwsClients.newSqsClient(); var sns = SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(); var dynamoDb = AwsClients.newDynamoDbClient()) {
            System.out.println("sent=" + sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("ok-1")).messageId());
            System.out.println("sent=" + sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("fail-1")).messageId());
            System.out.println("published=" + sns.publish(b -> b.topicArn(topicArn).message("hello-topic")).messageId());

            DynamoResellerRepository resellers = new DynamoResellerRepository(dynamoDb, new TableNames(table, table));
            Reseller reseller = Reseller.create("Endpoint Test Hotspots", ZoneId.of("Africa/Lagos"), Currency.getInstance("NGN"),
                    Clock.systemUTC());
            resellers.create(reseller);
            System.out.println("created=" + reseller.id());
            Reseller sameIdOtherName = new Reseller(reseller.id(), "Someone Else", reseller.zone(), reseller.currency(),
                    reseller.status(), reseller.voucherCodeLength(), reseller.createdAt());
            try {
                resellers.create(sameIdOtherName);
                System.out.println("conflict=none");
            } catch (ConflictException e) {
                System.out.println("conflict=" + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
