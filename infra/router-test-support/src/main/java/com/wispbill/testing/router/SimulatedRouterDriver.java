package com.wispbill.testing.router;

import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.domain.messages.UsageSample;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.router.operations.ActiveHotspotSession;
import com.wispbill.router.operations.RouterOperations;
import com.wispbill.router.routeros.MikrotikRouterOsConnector;
import com.wispbill.router.routeros.RouterOsCredentials;
import com.wispbill.router.routeros.RouterOsEndpoint;
import com.wispbill.router.routeros.RouterOsException;
import com.wispbill.router.routeros.RouterOsSession;
import com.wispbill.router.routeros.RouterOsTransport;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * One simulated router and what the router driver does with it, through the driver's own sessions
 * and {@link RouterOperations}: the poll (reading {@code /ip/hotspot/active} into samples) and
 * applying the commands waiting in the FIFO queue, leaving them queued while the router is down. For
 * the tests of the functions that produce router commands (usage-ingest, expiry-sweeper).
 */
public final class SimulatedRouterDriver implements AutoCloseable {
    private static final RouterOsCredentials CREDENTIALS = new RouterOsCredentials("wispbill", "api-secret");

    public final RouterOsSimulator router;
    public final String routerId;
    private RouterOsSession session;

    private SimulatedRouterDriver(RouterOsSimulator router, String routerId) {
        this.router = router;
        this.routerId = routerId;
    }

    public static SimulatedRouterDriver start(String routerId) throws IOException {
        return new SimulatedRouterDriver(RouterOsSimulator.builder().identity(routerId)
                .credentials(CREDENTIALS.username(), CREDENTIALS.password()).start(), routerId);
    }

    private RouterOperations operations() throws RouterOsException {
        if (session == null || !session.isUsable()) {
            session = new MikrotikRouterOsConnector().open(
                    new RouterOsEndpoint(routerId, router.host(), router.port(), RouterOsTransport.plainText()), CREDENTIALS);
        }
        return new RouterOperations(session);
    }

    /** Applies one command as the driver does, e.g. one a test took from a shared queue. */
    public void apply(RouterCommandEnvelope envelope) throws RouterOsException {
        operations().apply(envelope.command());
    }

    /** What the poll sends for this router at {@code sampledAt}. */
    public List<UsageSample> poll(String resellerId, Instant sampledAt) throws RouterOsException {
        List<UsageSample> samples = new ArrayList<>();
        for (ActiveHotspotSession s : operations().activeHotspotSessions()) {
            samples.add(new UsageSample(resellerId, routerId, UsageSample.SessionKind.HOTSPOT, s.sessionId(), s.user(),
                    s.bytesIn(), s.bytesOut(), s.uptime(), sampledAt));
        }
        return samples;
    }

    /**
     * Applies this router's queued commands in order, deleting each once applied. If the router cannot
     * be reached the command is put back (visible again at once) and the rest wait behind it.
     *
     * @return the commands applied
     */
    public List<RouterCommandEnvelope> applyQueued(SqsClient sqs, String queueUrl) {
        List<RouterCommandEnvelope> applied = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (messages.isEmpty()) {
                return applied;
            }
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                List<RouterCommandEnvelope> bulk = MessageCodec.decodeRouterCommands(m.body()).commands();
                try {
                    for (RouterCommandEnvelope envelope : bulk) {
                        operations().apply(envelope.command());
                    }
                } catch (RouterOsException e) {
                    messages.subList(i, messages.size()).forEach(rest -> sqs.changeMessageVisibility(b -> b
                            .queueUrl(queueUrl).receiptHandle(rest.receiptHandle()).visibilityTimeout(0)));
                    return applied;
                }
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                applied.addAll(bulk);
            }
        }
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        router.close();
    }
}
