package com.wispbill.adapters.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.wispbill.adapters.Json;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.local.stack.SentEmail;
import com.wispbill.local.stack.SentSms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The signed-request adapter against the embedded stack's SNS, Secrets Manager and SES endpoints, and against a tiny
 * local server for the answers those never give (5xx, throttling) and for checking the SigV4 signature it sends.
 */
class SignedAwsClientTest {
    private static EmbeddedStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = EmbeddedStack.start(EmbeddedStack.options()
                .template(Path.of(SignedAwsClientTest.class.getResource("/aws-calls-template.yaml").toURI())));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theEndpointIsTheStacksThroughTheSdkSettingsAndTheRegionalOneOtherwise() {
        assertEquals(stack.endpoint().toString(), SignedAwsClient.endpoint(AwsService.SECRETS_MANAGER, Region.EU_WEST_1).toString());
        String previous = System.getProperty("aws.endpointUrl");
        System.clearProperty("aws.endpointUrl");
        try {
            assertEquals(URI.create("https://email.eu-west-1.amazonaws.com"), SignedAwsClient.endpoint(AwsService.SESV2, Region.EU_WEST_1));
            assertEquals(URI.create("https://sns.cn-north-1.amazonaws.com.cn"), SignedAwsClient.endpoint(AwsService.SNS, Region.CN_NORTH_1));
            System.setProperty("aws.endpointUrlSecretsManager", "http://127.0.0.1:4566");
            assertEquals(URI.create("http://127.0.0.1:4566"), SignedAwsClient.endpoint(AwsService.SECRETS_MANAGER, Region.EU_WEST_1));
        } finally {
            System.clearProperty("aws.endpointUrlSecretsManager");
            System.setProperty("aws.endpointUrl", previous);
        }
    }

    @Test
    void aSecretIsReadWithItsVersionAndAMissingOneIsResourceNotFound() {
        SecretsManagerApi secrets = SecretsManagerApi.create();
        String name = "wispbill/test/read-" + System.nanoTime();
        secrets.createSecret(name, "{\"k\":\"v\"}", Optional.of("11111111-1111-1111-1111-111111111111"), "a test secret",
                Map.of("resellerId", "r1"));

        SecretsManagerApi.SecretValue value = secrets.getSecretValue(name);
        assertEquals(Optional.of("{\"k\":\"v\"}"), value.value());
        assertEquals("11111111-1111-1111-1111-111111111111", value.versionId());

        AwsCallException missing = assertThrows(AwsCallException.class, () -> secrets.getSecretValue(name + "-nobody"));
        assertEquals(SecretsManagerApi.RESOURCE_NOT_FOUND, missing.errorCode());
        assertEquals(400, missing.statusCode());
        AwsCallException exists = assertThrows(AwsCallException.class,
                () -> secrets.createSecret(name, "x", Optional.empty(), "again", Map.of()));
        assertEquals(SecretsManagerApi.RESOURCE_EXISTS, exists.errorCode());
    }

    @Test
    void movingTheCurrentLabelFromAVersionThatNoLongerHasItIsRefused() {
        SecretsManagerApi secrets = SecretsManagerApi.create();
        String name = "wispbill/test/cas-" + System.nanoTime();
        secrets.createSecret(name, "v1", Optional.empty(), "cas", Map.of());
        String first = secrets.getSecretValue(name).versionId();
        String second = secrets.putSecretValue(name, "v2", Optional.empty(), List.of());
        String proposed = secrets.putSecretValue(name, "v3", Optional.empty(), List.of("WISPBILL_PROPOSED"));
        assertEquals("v2", secrets.getSecretValue(name).value().orElseThrow(), "a proposed version leaves AWSCURRENT where it was");

        AwsCallException conflict = assertThrows(AwsCallException.class, () -> secrets.updateSecretVersionStage(name, "AWSCURRENT",
                Optional.of(proposed), Optional.of(first)));
        assertEquals("InvalidParameterException", conflict.errorCode());
        assertEquals("v2", secrets.getSecretValue(name).value().orElseThrow());

        secrets.updateSecretVersionStage(name, "AWSCURRENT", Optional.of(proposed), Optional.of(second));
        assertEquals("v3", secrets.getSecretValue(name).value().orElseThrow());
        secrets.deleteSecretWithoutRecovery(name);
        assertThrows(AwsCallException.class, () -> secrets.describeSecret(name));
    }

    @Test
    void anSmsPublishAnswersItsMessageIdAndCarriesTheAttributes() {
        SnsApi sns = SnsApi.create(SignedAwsClient.Options.standard().withoutRetries());
        String messageId = sns.publishToPhone("+254700000123", "Code 1234 & more <ok>", Map.of(
                "AWS.SNS.SMS.SenderID", "WISPbill", "AWS.SNS.SMS.SMSType", "Transactional"));

        SentSms sent = stack.sns().sentSms().stream().filter(s -> s.messageId().equals(messageId)).findFirst().orElseThrow();
        assertEquals("+254700000123", sent.phoneNumber());
        assertEquals("Code 1234 & more <ok>", sent.message());
        assertEquals("WISPbill", sent.senderId());
        assertEquals("Transactional", sent.smsType());
    }

    @Test
    void aTopicPublishAnswersItsMessageIdAndAnUnknownTopicIsItsErrorCode() {
        SnsApi sns = SnsApi.create(SignedAwsClient.Options.standard());
        assertFalse(sns.publishToTopic(stack.resources().topicArn("AlertsTopic"), Optional.of("subject"), "{}").isBlank());

        AwsCallException unknown = assertThrows(AwsCallException.class, () -> sns.publishToTopic(
                stack.resources().topicArn("AlertsTopic") + "-nobody", Optional.empty(), "{}"));
        assertEquals("NotFound", unknown.errorCode());
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.requestId().isPresent(), "the request id from the answer");
    }

    @Test
    void anEmailIsSentThroughSes() {
        SesApi ses = SesApi.create(SignedAwsClient.Options.standard());
        String messageId = ses.sendTextEmail("alerts@wispbill.example", List.of("ops@isp.example"), "Router down", "Router r1 is down");

        SentEmail sent = stack.ses().sentEmails().stream().filter(e -> e.messageId().equals(messageId)).findFirst().orElseThrow();
        assertEquals(List.of("ops@isp.example"), sent.to());
        assertEquals("Router down", sent.subject());
        assertEquals("Router r1 is down", sent.text());

        AwsCallException refused = assertThrows(AwsCallException.class, () -> ses.sendTextEmail("alerts@wispbill.example", List.of(),
                "No one", "x"));
        assertEquals("BadRequestException", refused.errorCode());
    }

    // --- A local server for the answers the embedded stack never gives -----------------------------------------

    private record Reply(int status, String contentType, String body) {}

    private record Received(String method, String path, Map<String, String> headers, byte[] body) {}

    private HttpServer server;
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(Reply... answers) throws IOException {
        replies.addAll(List.of(answers));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            Reply reply;
            synchronized (this) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers, body));
                reply = replies.size() > 1 ? replies.poll() : replies.peek();
            }
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.getResponseHeaders().set("x-amzn-RequestId", "req-" + received.size());
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static final String ACCESS_KEY = "AKIDEXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private static SignedAwsClient client(AwsService service, SignedAwsClient.Options options, URI endpoint) {
        return new SignedAwsClient(service, options, endpoint, Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)),
                SignedAwsClient.httpClient(options), Clock.systemUTC());
    }

    private static Reply json(int status, String body) {
        return new Reply(status, "application/x-amz-json-1.1", body);
    }

    @Test
    void serverErrorsAreRetriedUpToThreeAttempts() throws IOException {
        URI endpoint = serve(json(500, "{\"__type\":\"InternalServiceError\",\"Message\":\"boom\"}"),
                json(503, "{\"__type\":\"ServiceUnavailable\"}"), json(200, "{\"SecretString\":\"s\",\"VersionId\":\"v\"}"));
        SecretsManagerApi secrets = new SecretsManagerApi(client(AwsService.SECRETS_MANAGER, SignedAwsClient.Options.standard(), endpoint));

        assertEquals(Optional.of("s"), secrets.getSecretValue("any").value());
        assertEquals(3, received.size());

        received.clear();
        replies.clear();
        replies.add(json(500, "{\"__type\":\"InternalServiceError\"}"));
        AwsCallException lasting = assertThrows(AwsCallException.class, () -> secrets.getSecretValue("any"));
        assertEquals(3, received.size(), "three attempts, then the error");
        assertEquals(500, lasting.statusCode());
        assertEquals("InternalServiceError", lasting.errorCode());
        assertEquals(Optional.of("req-3"), lasting.requestId());
    }

    @Test
    void aSecretWriteRetriedAfterALostAnswerRepeatsItsRequestTokenSoNoSecondVersionIsWritten() throws IOException {
        URI endpoint = serve(json(500, "{\"__type\":\"InternalServiceError\"}"), json(200, "{\"VersionId\":\"v-1\"}"),
                json(500, "{\"__type\":\"InternalServiceError\"}"), json(200, "{}"));
        SecretsManagerApi secrets = new SecretsManagerApi(client(AwsService.SECRETS_MANAGER, SignedAwsClient.Options.standard(), endpoint));

        secrets.putSecretValue("keys", "{}", Optional.empty(), List.of());
        secrets.createSecret("other", "{}", Optional.empty(), "d", Map.of());

        assertEquals(4, received.size());
        List<String> tokens = received.stream().map(SignedAwsClientTest::requestToken).toList();
        assertTrue(tokens.stream().allMatch(t -> t.length() >= 32 && t.length() <= 64), tokens.toString());
        assertEquals(tokens.get(0), tokens.get(1), "one PutSecretValue, one token across its attempts");
        assertEquals(tokens.get(2), tokens.get(3), "one CreateSecret, one token across its attempts");
        assertNotEquals(tokens.get(0), tokens.get(2), "each call its own token");
    }

    private static String requestToken(Received request) {
        try {
            return Json.LENIENT.readTree(request.body()).path("ClientRequestToken").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void noAttemptStartsThatCouldEndAfterTheCallTimeout() throws IOException {
        URI endpoint = serve(json(500, "{\"__type\":\"InternalServiceError\"}"));
        SignedAwsClient.Options options = SignedAwsClient.Options.standard().withCallTimeout(Duration.ofSeconds(5));
        SecretsManagerApi secrets = new SecretsManagerApi(client(AwsService.SECRETS_MANAGER, options, endpoint));

        assertTrue(options.worstAttempt().compareTo(Duration.ofSeconds(5)) <= 0,
                "one attempt, connect and read, fits the call's time: " + options.readTimeout());
        SignedAwsClient.Options reordered = SignedAwsClient.Options.standard().withCallTimeout(Duration.ofSeconds(5))
                .withSocketTimeout(Duration.ofSeconds(15));
        assertTrue(reordered.worstAttempt().compareTo(Duration.ofSeconds(5)) <= 0,
                "a read limit set after the call timeout does not undo it: " + reordered.readTimeout());
        assertThrows(AwsCallException.class, () -> secrets.getSecretValue("any"));
        assertEquals(1, received.size(), "a second attempt could not end within 5 s, so none started");
    }

    @Test
    void anAlertEmailThatMeetsA5xxOrAThrottleIsSentByItsRetryWithinItsCallTimeout() throws IOException {
        URI endpoint = serve(new Reply(500, "application/json", "{\"message\":\"internal failure\"}"),
                new Reply(200, "application/json", "{\"MessageId\":\"m-1\"}"));
        SignedAwsClient.Options options = SesApi.sendOptions();
        SesApi ses = new SesApi(client(AwsService.SESV2, options, endpoint));

        assertEquals("m-1", ses.sendTextEmail("alerts@example.com", List.of("ops@example.com"), "[HIGH] router down", "text"));
        assertEquals(2, received.size(), "the 5xx, then the retry that sent it");
        assertTrue(options.worstAttempt().multipliedBy(2).compareTo(options.callTimeout().orElseThrow()) > 0
                        && options.worstAttempt().compareTo(options.callTimeout().orElseThrow()) < 0,
                "one worst attempt fits the call's time, two do not: the retry is for quick failures");
    }

    @Test
    void throttlingIsRetriedAndAClientErrorIsNot() throws IOException {
        URI endpoint = serve(new Reply(400, "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
                        + "<Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>"),
                new Reply(200, "text/xml", "<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>"));
        SnsApi sns = new SnsApi(client(AwsService.SNS, SignedAwsClient.Options.standard(), endpoint));
        assertEquals("m-1", sns.publishToTopic("arn:aws:sns:us-east-1:1:t", Optional.empty(), "m"));
        assertEquals(2, received.size());

        received.clear();
        replies.clear();
        replies.add(new Reply(400, "text/xml", "<ErrorResponse><Error><Code>InvalidParameter</Code><Message>bad &amp; wrong</Message>"
                + "</Error></ErrorResponse>"));
        AwsCallException invalid = assertThrows(AwsCallException.class, () -> sns.publishToTopic("arn", Optional.empty(), "m"));
        assertEquals("InvalidParameter", invalid.errorCode());
        assertTrue(invalid.getMessage().contains("bad & wrong"), invalid.getMessage());
        assertEquals(1, received.size(), "a client error is final");
    }

    @Test
    void withoutRetriesAThrottledOrFailedCallIsTriedOnce() throws IOException {
        URI endpoint = serve(new Reply(500, "text/xml", "<ErrorResponse><Error><Code>InternalError</Code></Error></ErrorResponse>"));
        SnsApi sms = new SnsApi(client(AwsService.SNS, SignedAwsClient.Options.standard().withoutRetries(), endpoint));

        AwsCallException failed = assertThrows(AwsCallException.class, () -> sms.publishToPhone("+254700000001", "hi", Map.of()));
        assertEquals(500, failed.statusCode());
        assertEquals(1, received.size(), "one attempt: a retry after a lost answer would send the text twice");
    }

    @Test
    void aRefusedConnectionIsAnIoFailureCarryingItsCause() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        SnsApi sms = new SnsApi(client(AwsService.SNS, SignedAwsClient.Options.standard().withoutRetries(),
                URI.create("http://127.0.0.1:" + port)));
        UncheckedIOException failed = assertThrows(UncheckedIOException.class, () -> sms.publishToPhone("+254700000001", "hi", Map.of()));
        boolean connect = false;
        for (Throwable t = failed; t != null; t = t.getCause()) {
            connect |= t instanceof ConnectException;
        }
        assertTrue(connect, "the cause chain holds the ConnectException");
    }

    @Test
    void theRequestCarriesAValidSigV4SignatureForItsServiceAndProtocol() throws IOException {
        URI endpoint = serve(new Reply(200, "application/json", "{\"MessageId\":\"e-1\"}"));
        SesApi ses = new SesApi(client(AwsService.SESV2, SignedAwsClient.Options.standard(), endpoint));
        assertEquals("e-1", ses.sendTextEmail("a@b.example", List.of("c@d.example"), "Subject", "Body ü"));

        Received request = received.getFirst();
        assertEquals("POST", request.method());
        assertEquals("/v2/email/outbound-emails", request.path());
        String authorization = request.headers().get("authorization");
        assertTrue(authorization.contains("/us-east-1/ses/aws4_request"), authorization);
        assertEquals(SigV4.expectedAuthorization(request.method(), request.path(), "", request.headers(), request.body(), SECRET_KEY),
                authorization);
    }

    @Test
    void theSignatureCheckItselfReproducesAwsPublishedTestVector() {
        // "get-vanilla" from the AWS SigV4 test suite.
        Map<String, String> headers = Map.of("host", "example.amazonaws.com", "x-amz-date", "20150830T123600Z",
                "authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
        assertEquals(headers.get("authorization"), SigV4.expectedAuthorization("GET", "/", "", headers, new byte[0], SECRET_KEY));
    }
}
