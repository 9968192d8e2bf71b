package com.wispbill.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** The real SDK client against the embedded Secrets Manager endpoint. */
class SecretsManagerEndpointTest {
    private static EmbeddedStack stack;
    private static SecretsManagerClient secrets;

    @BeforeAll
    static void start() throws Exception {
        Path template = Path.of(SecretsManagerEndpointTest.class.getResource("/minimal-template.yaml").toURI());
        stack = EmbeddedStack.start(EmbeddedStack.options().template(template).schedulesEnabled(false));
        secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        secrets.close();
        stack.close();
    }

    @Test
    void createReadRotateAndDelete() {
        String name = "wispbill/routers/01JRES/01JRTR";
        String arn = secrets.createSecret(b -> b.name(name).secretString("{\"username\":\"api\",\"password\":\"one\"}")).arn();
        assertTrue(arn.startsWith("arn:aws:secretsmanager:us-east-1:000000000000:secret:" + name + "-"), arn);

        GetSecretValueResponse first = secrets.getSecretValue(b -> b.secretId(name));
        assertEquals("{\"username\":\"api\",\"password\":\"one\"}", first.secretString());
        assertEquals(List.of("AWSCURRENT"), first.versionStages());
        assertEquals(name, secrets.getSecretValue(b -> b.secretId(arn)).name(), "readable by ARN");
        assertEquals(first.versionId(), secrets.getSecretValue(b -> b.secretId(arn.substring(0, arn.length() - 7))).versionId(),
                "readable by partial ARN");

        secrets.putSecretValue(b -> b.secretId(name).secretString("{\"username\":\"api\",\"password\":\"two\"}"));
        assertEquals("{\"username\":\"api\",\"password\":\"two\"}", secrets.getSecretValue(b -> b.secretId(name)).secretString());
        assertEquals("{\"username\":\"api\",\"password\":\"one\"}",
                secrets.getSecretValue(b -> b.secretId(name).versionStage("AWSPREVIOUS")).secretString());
        assertTrue(stack.secretsManager().secretNames().contains(name));

        assertThrows(ResourceExistsException.class, () -> secrets.createSecret(b -> b.name(name).secretString("x")));
        secrets.deleteSecret(b -> b.secretId(name));
        assertThrows(InvalidRequestException.class, () -> secrets.getSecretValue(b -> b.secretId(name)));
    }

    @Test
    void aProposedVersionBecomesCurrentOnlyFromTheVersionItWasBasedOn() {
        String name = "wispbill/providers/01JRES/paystack";
        String v1 = secrets.createSecret(b -> b.name(name).secretString("one")).versionId();
        String v2 = secrets.putSecretValue(b -> b.secretId(name).secretString("two").clientRequestToken("v2-token-0000000000000000000000000")
                .versionStages("PROPOSED")).versionId();
        assertEquals("one", secrets.getSecretValue(b -> b.secretId(name)).secretString(), "a proposed version is not current");
        assertEquals("two", secrets.getSecretValue(b -> b.secretId(name).versionStage("PROPOSED")).secretString());

        secrets.updateSecretVersionStage(b -> b.secretId(name).versionStage("AWSCURRENT").moveToVersionId(v2).removeFromVersionId(v1));
        assertEquals("two", secrets.getSecretValue(b -> b.secretId(name)).secretString());
        assertEquals(v1, secrets.getSecretValue(b -> b.secretId(name).versionStage("AWSPREVIOUS")).versionId(),
                "AWSPREVIOUS follows to the version AWSCURRENT left");

        // A second writer that also based its value on v1: refused, nothing moves.
        String v3 = secrets.putSecretValue(b -> b.secretId(name).secretString("three").versionStages("PROPOSED")).versionId();
        assertThrows(InvalidParameterException.class, () -> secrets.updateSecretVersionStage(b -> b.secretId(name)
                .versionStage("AWSCURRENT").moveToVersionId(v3).removeFromVersionId(v1)));
        assertThrows(InvalidParameterException.class, () -> secrets.updateSecretVersionStage(b -> b.secretId(name)
                .versionStage("AWSCURRENT").moveToVersionId(v3)), "without RemoveFromVersionId the label cannot be taken");
        assertEquals(v2, secrets.getSecretValue(b -> b.secretId(name)).versionId());
        secrets.updateSecretVersionStage(b -> b.secretId(name).versionStage("PROPOSED").removeFromVersionId(v3));
        assertThrows(ResourceNotFoundException.class,
                () -> secrets.getSecretValue(b -> b.secretId(name).versionStage("PROPOSED")), "the label is gone");
        secrets.deleteSecret(b -> b.secretId(name).forceDeleteWithoutRecovery(true));
    }

    @Test
    void missingSecretsAndBadRequestsAreClearErrors() {
        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                () -> secrets.getSecretValue(b -> b.secretId("wispbill/providers/none")));
        assertTrue(missing.getMessage().contains("can't find the specified secret"), missing.getMessage());
        assertThrows(software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException.class,
                () -> secrets.createSecret(b -> b.name("no value")));
    }
}
