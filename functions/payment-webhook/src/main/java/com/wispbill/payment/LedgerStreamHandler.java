package com.wispbill.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.wispbill.adapters.DynamoDbStreamHandler;
import com.wispbill.adapters.dynamodb.DynamoLedgerRepository;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.adapters.repository.LedgerAggregator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The entity table's stream (inserted ledger entries only, by the event source mapping's filter): adds
 * the entries appended with {@code appendAggregatedLater} (payment grants, cash renewals, manual extensions,
 * wallet top-ups) to the reseller's balance and revenue counters ({@link LedgerAggregator}, exactly once per
 * entry). Two kinds of failure, reported as batch item failures:
 * <ul>
 *   <li>the aggregator's transaction fails (throttling, an outage, a race it lost three times): the batch's
 *       first record, so Lambda retries the whole batch; entries already added are recognised and not added again;</li>
 *   <li>a poison record, one no retry can apply (a malformed image, an unknown entry type): the good records
 *       around it are added now and the first poison record is reported, so Lambda retries from it, splits the
 *       batch around it (BisectBatchOnFunctionError) and, when its retries are used up, sends its position to
 *       the on-failure queue (an alarm) and moves the shard on. It is logged, never dropped silently.</li>
 * </ul>
 */
public final class LedgerStreamHandler extends DynamoDbStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerStreamHandler.class);

    private final LedgerAggregator aggregator;

    /** What Lambda calls: real clients, from the function's environment, built once per execution environment. */
    public LedgerStreamHandler() {
        this(PaymentWiring.fromEnvironment().ledgerAggregator());
        SnapStartPriming.register(LedgerStreamHandler.class);
    }

    public LedgerStreamHandler(LedgerAggregator aggregator) {
        this.aggregator = aggregator;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        CorrelationId.set(context == null ? null : context.getAwsRequestId());
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        List<LedgerAggregator.PendingEntry> entries = new ArrayList<>();
        Optional<String> firstPoison = Optional.empty();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            try {
                pending(record).ifPresent(entries::add);
            } catch (RuntimeException e) {
                String sequenceNumber = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
                LOG.error("stream record {} is not a ledger entry the aggregator can add; reported failed, it goes to the "
                        + "on-failure queue once its retries are used up: {}", sequenceNumber, e.toString());
                if (firstPoison.isEmpty() && sequenceNumber != null) {
                    firstPoison = Optional.of(sequenceNumber);
                }
            }
        }
        try {
            int added = aggregator.aggregate(entries);
            LOG.info("{} of {} ledger entries added to balances and revenue ({} stream records)", added, entries.size(), records.size());
        } catch (RuntimeException e) {
            LOG.warn("ledger entries not added yet, the batch is retried: {}", e.toString());
            return failedFrom(records.get(0).getDynamodb().getSequenceNumber());
        }
        return firstPoison.map(LedgerStreamHandler::failedFrom).orElseGet(() -> new StreamsEventResponse(List.of()));
    }

    /** The pending entry an inserted ledger entry's image holds; empty for anything else; an exception if it cannot be read. */
    private static Optional<LedgerAggregator.PendingEntry> pending(DynamodbEvent.DynamodbStreamRecord record) {
        if (!"INSERT".equals(record.getEventName())) {
            return Optional.empty();
        }
        if (record.getDynamodb() == null || record.getDynamodb().getNewImage() == null) {
            throw new IllegalArgumentException("an INSERT record without a new image (the stream must show NEW_IMAGE)");
        }
        return DynamoLedgerRepository.pendingFromImage(item(record.getDynamodb().getNewImage()));
    }

    /** Lambda retries the batch from {@code sequenceNumber} on; the records before it are done. */
    private static StreamsEventResponse failedFrom(String sequenceNumber) {
        return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)));
    }

    private static Map<String, AttributeValue> item(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        image.forEach((name, value) -> item.put(name, value(value)));
        return item;
    }

    private static AttributeValue value(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v.getS() != null) {
            return AttributeValue.fromS(v.getS());
        }
        if (v.getN() != null) {
            return AttributeValue.fromN(v.getN());
        }
        if (v.getBOOL() != null) {
            return AttributeValue.fromBool(v.getBOOL());
        }
        if (v.getM() != null) {
            return AttributeValue.fromM(item(v.getM()));
        }
        if (v.getL() != null) {
            return AttributeValue.fromL(v.getL().stream().map(LedgerStreamHandler::value).toList());
        }
        if (v.getSS() != null) {
            return AttributeValue.fromSs(v.getSS());
        }
        if (v.getNS() != null) {
            return AttributeValue.fromNs(v.getNS());
        }
        if (v.getB() != null) {
            return AttributeValue.fromB(SdkBytes.fromByteBuffer(v.getB()));
        }
        return Optional.ofNullable(v.getNULL()).filter(Boolean::booleanValue).map(n -> AttributeValue.fromNul(true))
                .orElseThrow(() -> new IllegalArgumentException("an attribute value of no known type"));
    }
}
