package com.wispbill.adapters.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wispbill.adapters.Json;
import java.util.List;
import software.amazon.awssdk.http.SdkHttpMethod;

/** SES v2 {@code SendEmail} (restJson, {@code POST /v2/email/outbound-emails}) of a simple UTF-8 text message. */
public final class SesApi {
    private final SignedAwsClient client;

    public SesApi(SignedAwsClient client) {
        this.client = client;
    }

    public static SesApi create(SignedAwsClient.Options options) {
        return new SesApi(new SignedAwsClient(AwsService.SESV2, options));
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
