package com.wispbill.notify;

import com.wispbill.adapters.aws.SignedAwsClient;
import com.wispbill.adapters.aws.SesApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoAlertEmailRepository;
import com.wispbill.adapters.sns.SnsAlertPublisher;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.metrics.OperationalMetrics;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.local.stack.SentEmail;
import com.wispbill.notify.adapters.SesAlertMailer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Alerts by email: published to the alerts topic as the functions publish them, through the raw
 * subscription and the notifications queue to the notifier, which emails them through SES (the
 * embedded stack's SES endpoint records the mail) to the addresses the reseller or operator set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertEmailTest {
    private NotifierStack notifier;
    private EmbeddedStack stack;
    private DynamoAlertEmailRepository addresses;
    private SnsAlertPublisher publisher;
    private volatile NotifierHandler handler;

    @BeforeAll
    void start() {
        notifier = new NotifierStack(EmbeddedStack.options().onlyFunctions("NotifierFunction").schedulesEnabled(false)
                .handler("NotifierFunction", (RequestHandler<SQSEvent, SQSBatchResponse>) (e, c) -> handler.handleRequest(e, c)));
        stack = notifier.stack;
        addresses = new DynamoAlertEmailRepository(notifier.dynamoDb, notifier.table);
        handler = new NotifierHandler(notifier.sender(WhatsAppRoute.NONE), notifier.alerts(), OperationalMetrics.DISCARD,
                new AlertEmails(addresses,
                new SesAlertMailer(SesApi.create(SignedAwsClient.Options.standard()), "alerts@wispbill.example")));
        publisher = new SnsAlertPublisher(AwsClients.newSns(), stack.resources().topicArn("AlertsTopic"));
    }

    @AfterAll
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
    }

    @BeforeEach
    void clear() {
        stack.ses().clearSentEmails();
    }

    private List<SentEmail> mailTo(String address) {
        return stack.ses().sentEmails().stream().filter(m -> m.to().contains(address)).toList();
    }

    @Test
    void aRouterDownAlertReachesTheResellersAlertAddressOnce() throws Exception {
        addresses.save(Optional.of("mail-reseller"), List.of("noc@isp.example", "owner@isp.example"));
        Alert down = new Alert("mail-1", Optional.of("mail-reseller"), "ROUTER_DOWN#r9", Alert.Severity.CRITICAL, false,
                "Router r9 is not answering", "Last seen 5 minutes ago.", Instant.now());

        publisher.publish(down);
        publisher.publish(down);
        NotifierStack.await("the alert email", () -> mailTo("noc@isp.example").size() == 1);
        // The duplicate went through the queue too; a marker alert after it shows it was handled.
        publisher.publish(new Alert("mail-2", Optional.of("mail-reseller"), "ROUTER_DOWN#r10", Alert.Severity.CRITICAL, false,
                "Router r10 is not answering", "", Instant.now()));
        NotifierStack.await("the marker's email", () -> mailTo("noc@isp.example").size() == 2);

        SentEmail mail = mailTo("noc@isp.example").stream().filter(m -> m.subject().contains("r9")).findFirst().orElseThrow();
        assertEquals(List.of("noc@isp.example", "owner@isp.example"), mail.to());
        assertEquals("alerts@wispbill.example", mail.from());
        assertEquals("[CRITICAL] Router r9 is not answering", mail.subject());
        assertTrue(mail.text().contains("Last seen 5 minutes ago."));
        assertEquals(1, mailTo("noc@isp.example").stream().filter(m -> m.subject().contains("r9")).count());
    }

    @Test
    void aPlatformAlertGoesToTheOperatorsAddressesAndAResellerWithoutAddressesGetsNoEmail() throws Exception {
        addresses.save(Optional.empty(), List.of("ops@wispbill.example"));

        publisher.publish(new Alert("mail-3", Optional.of("quiet-reseller"), "ROUTER_DOWN#r1", Alert.Severity.WARNING, false,
                "Router r1 is not answering", "", Instant.now()));
        publisher.publish(new Alert("mail-4", Optional.empty(), "DLQ#notifications", Alert.Severity.WARNING, false,
                "Notifications reached the DLQ", "", Instant.now()));
        NotifierStack.await("the operator's email", () -> mailTo("ops@wispbill.example").size() == 1);
        NotifierStack.await("the reseller's alert stored", () -> notifier.alerts().openAlerts("quiet-reseller").size() == 1);

        assertEquals(List.of("ops@wispbill.example"), stack.ses().sentEmails().stream().flatMap(m -> m.to().stream()).toList());
    }

    @Test
    void addressesThatAreNotEmailAddressesAreRefusedAndChangeNothing() {
        addresses.save(Optional.of("strict-reseller"), List.of("a@b.example"));

        ValidationException e = assertThrows(ValidationException.class,
                () -> addresses.save(Optional.of("strict-reseller"), List.of("a@b.example", "not-an-address")));

        assertTrue(e.getMessage().contains("addresses[1]"), e.getMessage());
        assertEquals(List.of("a@b.example"), addresses.addresses(Optional.of("strict-reseller")));
    }
}
