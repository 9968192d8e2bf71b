package com.wispbill.adapters.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wispbill.adapters.Json;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.http.SdkHttpMethod;

/** SES v2 {@code SendEmail} (restJson, {@code POST /v2/email/outbound-emails}) of a simple UTF-8 text message. */
public final class SesApi {
    /**
     * The whole SendEmail, retries included: well inside the notifier's 30 s, so a hanging SES cannot hold up the
     * batch's other messages.
     */
    public static final Duration SEND_CALL_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Connect and read limits of one attempt (1 + 2 s; SES answers in well under a second): a worst attempt of 3 s
     * leaves room in {@link #SEND_CALL_TIMEOUT} for a retry after a throttle or 5xx, which come back quickly. An
     * alert is emailed once, when its state changes, so an email lost to one 5xx would never be sent.
     */
    static final Duration SEND_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration SEND_SOCKET_TIMEOUT = Duration.ofSeconds(2);
    private final SignedAwsClient client;

    public SesApi(SignedAwsClient client) {
        this.client = client;
    }

    public static SesApi create(SignedAwsClient.Options options) {
        return new SesApi(new SignedAwsClient(AwsService.SESV2, options));
    }

    /** The options of a client whose SendEmail ends within {@link #SEND_CALL_TIMEOUT} and keeps a retry. */
    public static SignedAwsClient.Options sendOptions() {
        return SignedAwsClient.Options.standard().withConnectTimeout(SEND_CONNECT_TIMEOUT).withSocketTimeout(SEND_SOCKET_TIMEOUT)
                .withCallTimeout(SEND_CALL_TIMEOUT);
    }

    /** Answers the MessageId. */
    public String sendTextEmail(String from, List<String> to, String subject, String text) {
        ObjectNode body = Json.LENIENT.createObjectNode().put("FromEmailAddress", from);
        to.forEach(body.putObject("Destination").putArray("ToAddresses")::add);
        ObjectNode simple = body.putObject("Content").putObject("Simple");
        simple.putObject("Subject").put("Data", subject).put("Charset", "UTF-8");
        simple.putObject("Body").putObject("Text").put("Data", text).put("Charset", "UTF-8");
        return client.restJson(SdkHttpMethod.POST, "/v2/email/outbound-emails", body).path("MessageId").asText();
    }
}
