package com.wispbill.adapters.sqs;

import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.Env;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.domain.messages.RouterCommandQueue;
import com.wispbill.domain.routercommand.RouterCommandBulk;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code router-commands.fifo}: one message per {@link RouterCommandBulk} (up to 100 commands of one
 * router), message group = router (order per router), deduplication id = bulk id (a lone command's is
 * its command id).
 */
public final class SqsRouterCommandQueue implements RouterCommandQueue {
    private final SqsSender sender;

    public SqsRouterCommandQueue(SqsClient sqs, String queueUrl) {
        this.sender = new SqsSender(sqs, queueUrl);
    }

    /** The queue named by {@code ROUTER_COMMANDS_QUEUE_URL}, with the shared client. */
    public static SqsRouterCommandQueue fromEnvironment() {
        return new SqsRouterCommandQueue(AwsClients.sqs(), Env.require("ROUTER_COMMANDS_QUEUE_URL"));
    }

    @Override
    public void send(List<RouterCommandEnvelope> commands) {
        sendBulks(RouterCommandBulk.group(commands));
    }

    @Override
    public void sendBulks(List<RouterCommandBulk> bulks) {
        sender.send(bulks.stream()
                .map(b -> SqsSender.OutgoingMessage.fifo(MessageCodec.encode(b), b.routerId(), b.bulkId()))
                .toList());
    }
}
