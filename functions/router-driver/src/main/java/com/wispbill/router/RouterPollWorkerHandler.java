package com.wispbill.router;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.wispbill.adapters.SqsBatchHandler;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.adapters.messages.MalformedMessageException;
import com.wispbill.adapters.messages.MessageCodec;
import com.wispbill.adapters.metrics.EmfMetricLines;
import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.domain.Router;
import com.wispbill.domain.RouterStatus;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.messages.RouterPollJob;
import com.wispbill.domain.metrics.Metric;
import com.wispbill.domain.metrics.OperationalMetrics;
import com.wispbill.router.poll.RouterPoller;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer of {@code router-polls}: polls the router each job names (sessions and counters to
 * {@code usage-samples}, health, reconcile when due). Lambda runs as many of these at once as the
 * event source's maximum concurrency, one job per invocation, so a slow or huge router costs only its
 * own invocation. A job older than {@link #SUPERSEDED_AFTER} is dropped: the next schedule queued a
 * newer one. A job for a router that is gone or no longer active is dropped too.
 */
public final class RouterPollWorkerHandler extends SqsBatchHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RouterPollWorkerHandler.class);
    /** The schedule runs every minute; a job still waiting after two has been superseded. */
    static final Duration SUPERSEDED_AFTER = Duration.ofMinutes(2);

    private final RouterRepository routers;
    private final RouterPoller poller;
    private final Clock clock;
    private final Duration timeNeededPerRouter;
    private final OperationalMetrics metrics;

    public RouterPollWorkerHandler(RouterRepository routers, RouterPoller poller, Clock clock,
                                   Duration timeNeededPerRouter, OperationalMetrics metrics) {
        this.routers = routers;
        this.poller = poller;
        this.clock = clock;
        this.timeNeededPerRouter = timeNeededPerRouter;
        this.metrics = metrics;
    }

    private RouterPollWorkerHandler(RouterDriverWiring wiring) {
        this(wiring.routers(), wiring.pollerFromEnvironment(), wiring.clock(), wiring.timeNeededPerRouter(),
                EmfMetricLines.fromEnvironment());
    }

    /** What Lambda calls: real clients, and the poll settings and queues from the function's environment. */
    public RouterPollWorkerHandler() {
        this(RouterDriverWiring.fromEnvironment());
        SnapStartPriming.register(RouterPollWorkerHandler.class);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        CorrelationId.adopt(event.getRecords());
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        int polled = 0;
        int unreachable = 0;
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            RouterPollJob job;
            try {
                job = MessageCodec.decodeRouterPollJob(message.getBody());
            } catch (MalformedMessageException | ValidationException e) {
                LOG.warn("unreadable poll job " + message.getMessageId() + ": " + e.getMessage());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            if (job.scheduledAt().plus(SUPERSEDED_AFTER).isBefore(clock.instant())) {
                LOG.info("poll job for router {} from {} superseded by a later schedule", job.routerId(), job.scheduledAt());
                continue;
            }
            if (context != null && context.getRemainingTimeInMillis() < timeNeededPerRouter.toMillis()) {
                LOG.warn("router {} not polled: the invocation is running out of time; retried", job.routerId());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            try {
                Optional<Router> router = routers.find(job.resellerId(), job.routerId());
                if (router.isEmpty() || router.get().status() != RouterStatus.ACTIVE) {
                    continue;
                }
                RouterPoller.RouterPollResult result = poller.poll(router.get(), false);
                polled++;
                unreachable += result.reachable() ? 0 : 1;
            } catch (RuntimeException e) {
                LOG.error("poll of router " + job.routerId() + " failed unexpectedly; retried", e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        metrics.record(Metric.ROUTERS_POLLED, polled);
        metrics.record(Metric.ROUTERS_UNREACHABLE, unreachable);
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
