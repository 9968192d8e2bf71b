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
 * the entries a grant appended with {@code appendAggregatedLater} to the reseller's balance and revenue
 * counters ({@link LedgerAggregator}, exactly once per entry). A failure reports the batch's first
 * record, so Lambda retries the batch from there, in order, until it succeeds; entries already added are
 * recognised and not added again.
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
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            if ("INSERT".equals(record.getEventName()) && record.getDynamodb() != null && record.getDynamodb().getNewImage() != null) {
                DynamoLedgerRepository.pendingFromImage(item(record.getDynamodb().getNewImage())).ifPresent(entries::add);
            }
        }
        try {
            int added = aggregator.aggregate(entries);
            LOG.info("{} of {} ledger entries added to balances and revenue ({} stream records)", added, entries.size(), records.size());
            return new StreamsEventResponse(List.of());
        } catch (RuntimeException e) {
            LOG.warn("ledger entries not added yet, the batch is retried: {}", e.toString());
            return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(
                    records.get(0).getDynamodb().getSequenceNumber())));
        }
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
