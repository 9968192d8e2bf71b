package com.wispbill.payment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Records every AWS call of the clients it is attached to (as an SDK interceptor: the real calls to the
 * embedded stack, nothing mocked): service, operation, when it started and ended, and for
 * {@code TransactWriteItems} the keys it wrote. {@link #sequentialRoundTrips()} counts calls that did
 * not overlap: calls in flight at the same moment (the outbox's two queue sends) are one round trip.
 */
public final class RoundTripRecorder implements ExecutionInterceptor {
    /** One call: {@code transactionKeys} holds "table|PK|SK" per item of a TransactWriteItems, else empty. */
    public record Call(String service, String operation, long startNanos, long endNanos, List<String> transactionKeys) {
    }

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("wispbill.roundTripStart");
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(context.request(), attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(context.request(), attributes);
    }

    private void record(SdkRequest request, ExecutionAttributes attributes) {
        List<String> keys = List.of();
        if (request instanceof TransactWriteItemsRequest tx) {
            keys = tx.transactItems().stream().map(RoundTripRecorder::keyOf).toList();
        }
        calls.add(new Call(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), attributes.getAttribute(STARTED), System.nanoTime(), keys));
    }

    private static String keyOf(TransactWriteItem item) {
        String table;
        Map<String, AttributeValue> key;
        if (item.put() != null) {
            table = item.put().tableName();
            key = item.put().item();
        } else if (item.update() != null) {
            table = item.update().tableName();
            key = item.update().key();
        } else if (item.delete() != null) {
            table = item.delete().tableName();
            key = item.delete().key();
        } else {
            table = item.conditionCheck().tableName();
            key = item.conditionCheck().key();
        }
        return table + "|" + key.get("PK").s() + "|" + key.get("SK").s();
    }

    /** The keys of each TransactWriteItems that wrote an item whose key contains {@code marker} (e.g. "|GRANT#"). */
    public List<List<String>> transactionsWriting(String marker) {
        return calls().stream().filter(c -> c.operation().equals("TransactWriteItems")).map(Call::transactionKeys)
                .filter(keys -> keys.stream().anyMatch(k -> k.contains(marker))).toList();
    }

    /** The keys written by more than one of {@code transactions}: where concurrent ones contend. */
    public static List<String> keysInMoreThanOne(List<List<String>> transactions) {
        Map<String, Integer> transactionsPerKey = new java.util.HashMap<>();
        transactions.forEach(keys -> keys.stream().distinct().forEach(k -> transactionsPerKey.merge(k, 1, Integer::sum)));
        return transactionsPerKey.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
    }

    public void clear() {
        calls.clear();
    }

    public List<Call> calls() {
        return calls.stream().sorted(Comparator.comparingLong(Call::startNanos)).toList();
    }

    /** Calls one after the other: overlapping calls merged into one. */
    public int sequentialRoundTrips() {
        int rounds = 0;
        long end = Long.MIN_VALUE;
        for (Call call : calls()) {
            if (rounds == 0 || call.startNanos() > end) {
                rounds++;
                end = call.endNanos();
            } else {
                end = Math.max(end, call.endNanos());
            }
        }
        return rounds;
    }

    /** "Service.Operation" of each call in start order, for messages. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        calls().forEach(c -> out.add(c.service() + "." + c.operation()));
        return out;
    }
}
