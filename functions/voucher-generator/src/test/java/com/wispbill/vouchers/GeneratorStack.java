package com.wispbill.vouchers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.adapters.sqs.SqsVoucherBatchQueue;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.ResellerStatus;
import com.wispbill.domain.Router;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.messages.RouterCommandQueue;
import com.wispbill.domain.routercommand.RouterCommandBulk;
import com.wispbill.domain.VoucherBatchStatus;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.DataSize;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import com.wispbill.local.stack.EmbeddedStack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One embedded stack per test JVM with only the voucher generator wired (the router driver is not, so
 * router commands stay on {@code router-commands.fifo} to be counted), plus seeding and draining helpers.
 */
final class GeneratorStack {
    static final Instant START = Instant.parse("2026-11-22T14:05:00Z");

    private static GeneratorStack instance;

    final EmbeddedStack stack;
    final DynamoStore store;
    final SqsClient sqs;
    final String commandsQueueUrl;
    final String ordersQueueUrl;
    final DeferredHandler handler;
    final Clock clock = Clock.systemUTC();

    private GeneratorStack() {
        handler = new DeferredHandler();
        stack = EmbeddedStack.start(EmbeddedStack.options()
                .onlyFunctions("VoucherGeneratorFunction")
                .handler("VoucherGeneratorFunction", handler)
                .schedulesEnabled(false));
        store = new DynamoStore(AwsClients.newDynamoDbClient(), new TableNames(
                stack.resources().tableName("EntityTable"), stack.resources().tableName("UsageTable")), clock);
        sqs = AwsClients.newSqsClient();
        commandsQueueUrl = stack.resources().queueUrl("RouterCommandsQueue");
        ordersQueueUrl = stack.resources().queueUrl("VoucherBatchesQueue");
        // The handler Lambda would build: no-arg constructor, configuration from the template's environment.
        handler.delegate = new VoucherGeneratorHandler();
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "generator-stack-stop"));
    }

    static synchronized GeneratorStack get() {
        if (instance == null) {
            instance = new GeneratorStack();
        }
        return instance;
    }

    VoucherBatchGenerator generator(VoucherCodes codes) {
        return VoucherBatchGenerator.of(store, new SqsRouterCommandQueue(sqs, commandsQueueUrl), codes, clock);
    }

    /** The real router command queue, with {@code beforeSend} run before each send (it may throw: a queue outage). */
    RouterCommandQueue commandQueue(java.util.function.Consumer<List<RouterCommandBulk>> beforeSend) {
        RouterCommandQueue real = new SqsRouterCommandQueue(sqs, commandsQueueUrl);
        return new RouterCommandQueue() {
            @Override
            public void send(List<RouterCommandEnvelope> commands) {
                sendBulks(RouterCommandBulk.group(commands));
            }

            @Override
            public void sendBulks(List<RouterCommandBulk> bulks) {
                beforeSend.accept(bulks);
                real.sendBulks(bulks);
            }
        };
    }

    VoucherGeneratorHandler handler(VoucherBatchGenerator generator, Duration checkpointMargin) {
        return new VoucherGeneratorHandler(generator, new SqsVoucherBatchQueue(sqs, ordersQueueUrl), checkpointMargin);
    }

    SQSBatchResponse invoke(SQSEvent event) {
        return (SQSBatchResponse) stack.invoke("VoucherGeneratorFunction", event);
    }

    /** A reseller with the given code length, a 3-hour 2 GB plan and routers, unless already there. */
    Plan seed(String resellerId, int codeLength, String planId, String... routerIds) {
        if (store.resellers().find(resellerId).isEmpty()) {
            store.resellers().create(new Reseller(resellerId, "Reseller " + resellerId, ZoneId.of("Africa/Nairobi"),
                    Currency.getInstance("KES"), ResellerStatus.ACTIVE, codeLength, START));
        }
        Plan plan = Plan.builder().id(planId).resellerId(resellerId).name("3 hours").price(Money.of(5000, "KES"))
                .validity(Duration.ofDays(1)).timeLimit(Duration.ofHours(3)).dataLimit(DataSize.ofGigabytes(2))
                .rateLimit("2M/5M").sharedUsers(1).createdAt(START).build();
        if (store.plans().find(resellerId, planId).isEmpty()) {
            store.plans().create(plan);
        }
        for (String routerId : routerIds) {
            if (store.routers().find(resellerId, routerId).isEmpty()) {
                store.routers().create(Router.builder().id(routerId).resellerId(resellerId).name("AP " + routerId)
                        .host("10.8.0.2").createdAt(START).build());
            }
        }
        return plan;
    }

    VoucherBatch queuedBatch(String batchId, String resellerId, String planId, List<String> routerIds, int quantity) {
        VoucherBatch batch = new VoucherBatch(batchId, resellerId, planId, routerIds, quantity, VoucherBatchStatus.QUEUED,
                0, Optional.empty(), START, START);
        store.voucherBatches().create(batch);
        return batch;
    }

    List<Voucher> vouchersOf(String resellerId, String batchId) {
        List<Voucher> all = new ArrayList<>();
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        Page<Voucher> page;
        do {
            page = store.vouchers().listBatch(resellerId, batchId, request);
            all.addAll(page.items());
            request = request.next(page);
        } while (page.hasMore());
        return all;
    }

    int approximateMessages(String queueUrl) {
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Receives and deletes every router command on the FIFO queue, in queue order. */
    List<RouterCommandEnvelope> drainCommands() {
        List<RouterCommandEnvelope> all = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(commandsQueueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(60).waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return all;
            }
            for (Message m : messages) {
                all.addAll(MessageCodec.decodeRouterCommands(m.body()).commands());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(commandsQueueUrl).entries(messages.stream()
                    .map(m -> software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry.builder()
                            .id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                    .toList()));
        }
    }

    void purge() {
        drainCommands();
        sqs.purgeQueue(b -> b.queueUrl(ordersQueueUrl));
    }

    /** The handler the stack invokes; tests swap what it delegates to. */
    static final class DeferredHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
        volatile RequestHandler<SQSEvent, SQSBatchResponse> delegate;

        @Override
        public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
            return delegate.handleRequest(event, context);
        }
    }
}
