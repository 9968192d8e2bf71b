package com.wispbill.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * A {@code ReportBatchItemFailures} response ({@code {"batchItemFailures":[{"itemIdentifier":...}]}}),
 * read as Lambda reads it for SQS (message ids) and stream (sequence numbers) event sources.
 */
final class BatchItemFailures {

    private BatchItemFailures() {
    }

    /**
     * The identifiers the response names; empty for an empty or null response (complete success);
     * null when Lambda would treat the whole batch as failed (not an object, not a list, an entry
     * without an identifier, or one naming no item of the batch).
     */
    static Set<String> parse(JsonNode json, Set<String> batchIds) {
        if (json == null || json.isNull() || (json.isObject() && json.isEmpty())) {
            return Set.of();
        }
        if (!json.isObject()) {
            return null;
        }
        JsonNode failures = json.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return Set.of();
        }
        if (!failures.isArray()) {
            return null;
        }
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : failures) {
            JsonNode id = failure == null ? null : failure.get("itemIdentifier");
            if (id == null || !id.isTextual() || id.asText().isEmpty() || !batchIds.contains(id.asText())) {
                return null;
            }
            failed.add(id.asText());
        }
        return failed;
    }
}
