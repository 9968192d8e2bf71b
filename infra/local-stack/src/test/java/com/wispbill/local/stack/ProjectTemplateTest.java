package com.wispbill.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The project's own template.yaml boots on the stack. This module cannot see the function modules
 * (they depend on it), so their handlers are left unwired here; the local run and the function
 * modules' tests wire them.
 */
class ProjectTemplateTest {

    @Test
    void theProjectTemplateStartsAndCreatesWhatItDeclares() {
        Path template = Path.of("../../template.yaml").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(template), "no project template.yaml at " + template);
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().template(template)
                .skipFunctionsWithoutHandlerClass().schedulesEnabled(false))) {
            ByteArrayOutputStream summary = new ByteArrayOutputStream();
            stack.printSummary(new PrintStream(summary, true, StandardCharsets.UTF_8));
            System.out.print(summary.toString(StandardCharsets.UTF_8));

            try (DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
                 SqsClient sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
                long tables = stack.resources().all().stream().filter(r -> r.type().equals("AWS::DynamoDB::Table")).count();
                assertEquals(tables, dynamoDb.listTables().tableNames().size());
                long queues = stack.resources().all().stream().filter(r -> r.type().equals("AWS::SQS::Queue")).count();
                assertEquals(queues, sqs.listQueues().queueUrls().size());
            }
            assertFalse(stack.environment().isEmpty());
            stack.environment().forEach((name, value) -> assertEquals(value, System.getProperty(EmbeddedStack.ENV_PROPERTY_PREFIX + name)));
            assertTrue(stack.sns().topicArns().size() >= 1);

            // Template secrets exist with a generated value, and !Ref is their ARN as in CloudFormation.
            try (SecretsManagerClient secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
                for (Resources.Resource secret : stack.resources().ofTypes("AWS::SecretsManager::Secret")) {
                    assertTrue(secret.ref().startsWith("arn:aws:secretsmanager:"), secret.ref());
                    String value = secrets.getSecretValue(b -> b.secretId(secret.ref())).secretString();
                    assertTrue(value.matches("[A-Za-z0-9]{32,}"), "a generated value of the template's length");
                }
                assertFalse(stack.resources().ofTypes("AWS::SecretsManager::Secret").isEmpty());
            }
        }
    }
}
