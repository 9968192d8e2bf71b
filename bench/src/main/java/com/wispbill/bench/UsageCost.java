package com.wispbill.bench;

import com.wispbill.local.stack.TemplateDocument;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * What usage ingestion costs per month on AWS at 100 / 1,000 / 10,000 routers of 100 sessions each,
 * polled every 5 minutes, computed from what the usage benchmark measured in the same run (capacity
 * units DynamoDB reported per sample, SQS messages and their size per sample, usage-ingest's handler
 * time per invocation) and the function's memory size in template.yaml. Prices: us-east-1 on demand
 * (list prices, no free tier): DynamoDB $0.625 per million write request units and $0.125 per million
 * read request units; SQS standard $0.40 per million requests (each 64 KiB of a message one request;
 * every message sent, received and deleted once: 3 requests, an upper bound since Lambda receives and
 * deletes in batches); Lambda arm64 $0.0000133334 per GB-second and $0.20 per million requests.
 * Storage, streams, data transfer and the poll function's own time are not included.
 */
final class UsageCost {
    static final double WRITE_UNIT_PRICE = 0.625e-6;
    static final double READ_UNIT_PRICE = 0.125e-6;
    static final double SQS_REQUEST_PRICE = 0.40e-6;
    static final double SQS_REQUESTS_PER_MESSAGE = 3;
    static final double SQS_CHUNK_BYTES = 64 * 1024;
    static final double LAMBDA_GB_SECOND_PRICE = 0.0000133334;
    static final double LAMBDA_REQUEST_PRICE = 0.20e-6;
    static final int SESSIONS_PER_ROUTER = 100;
    /** A poll every 5 minutes for 30 days. */
    static final long POLLS_PER_ROUTER_PER_MONTH = 30L * 24 * 60 / 5;
    static final List<Integer> ROUTERS = List.of(100, 1_000, 10_000);
    /** Issue 15's goal for the 10,000-router row. */
    static final double DYNAMODB_LIMIT_AT_10000 = 3_000;

    /** What the usage benchmark measured for one workload of usage-ingest's handler. */
    record Measured(long samples, long messages, long messageBytes, double writeUnits, double readUnits, long invocations,
                    double handlerSeconds) {
        double writeUnitsPerSample() {
            return writeUnits / samples;
        }

        double readUnitsPerSample() {
            return readUnits / samples;
        }
    }

    /** One row: the monthly cost at {@code routers}. */
    record Row(int routers, double dynamoDb, double sqs, double lambda) {}

    private UsageCost() {
    }

    static Row row(Measured m, int routers, int memoryMb) {
        double samples = (double) routers * SESSIONS_PER_ROUTER * POLLS_PER_ROUTER_PER_MONTH;
        double dynamoDb = samples * (m.writeUnitsPerSample() * WRITE_UNIT_PRICE + m.readUnitsPerSample() * READ_UNIT_PRICE);
        double messages = samples * m.messages() / m.samples();
        double chunks = Math.max(1, Math.ceil((double) m.messageBytes() / m.messages() / SQS_CHUNK_BYTES));
        double sqs = messages * SQS_REQUESTS_PER_MESSAGE * chunks * SQS_REQUEST_PRICE;
        double invocations = samples * m.invocations() / m.samples();
        double gbSeconds = invocations * (m.handlerSeconds() / m.invocations()) * memoryMb / 1024.0;
        double lambda = gbSeconds * LAMBDA_GB_SECOND_PRICE + invocations * LAMBDA_REQUEST_PRICE;
        return new Row(routers, dynamoDb, sqs, lambda);
    }

    /** usage-ingest's MemorySize in template.yaml (its own, else the Globals'). */
    static int usageIngestMemoryMb() {
        TemplateDocument template = TemplateDocument.load(ColdStartBench.repositoryRoot().resolve("template.yaml"));
        Object own = template.resources().get("UsageIngestFunction").properties().get("MemorySize");
        Object memory = own != null ? own : template.globals("Function").get("MemorySize");
        return Integer.parseInt(String.valueOf(memory));
    }

    static void print(PrintStream out, String workload, Measured m) {
        int memoryMb = usageIngestMemoryMb();
        out.printf(Locale.ROOT, "Cost per month, usage ingestion, %d sessions per router polled every 5 minutes (%,d polls per router),"
                + " from the %s workload's measured units:%n", SESSIONS_PER_ROUTER, POLLS_PER_ROUTER_PER_MONTH, workload);
        out.printf(Locale.ROOT, "  %.3f write units and %.3f read units per sample (DynamoDB's billing rules, CountingDynamoDb); %.2f SQS messages per"
                        + " sample, %.0f bytes each; %.1f ms per usage-ingest invocation of %.0f messages at %d MB (template.yaml)%n",
                m.writeUnitsPerSample(), m.readUnitsPerSample(), (double) m.messages() / m.samples(),
                (double) m.messageBytes() / m.messages(), 1000 * m.handlerSeconds() / m.invocations(),
                (double) m.messages() / m.invocations(), memoryMb);
        out.println("  us-east-1 on demand: DynamoDB $0.625/M write units, $0.125/M read units; SQS $0.40/M requests"
                + " (3 per message per 64 KiB); Lambda arm64 $0.0000133334/GB-s + $0.20/M requests; rounded to the dollar");
        out.println("  | routers × 100 sessions | DynamoDB | SQS | Lambda (usage-ingest) |");
        out.println("  |---|---|---|---|");
        Row last = null;
        for (int routers : ROUTERS) {
            Row r = row(m, routers, memoryMb);
            out.printf(Locale.ROOT, "  | %,d | $%,.0f | $%,.0f | $%,.0f |%n", routers, r.dynamoDb(), r.sqs(), r.lambda());
            last = r;
        }
        out.printf(Locale.ROOT, "  10,000 routers: DynamoDB $%,.0f per month against the $%,.0f limit: ratio %.2f%n", last.dynamoDb(),
                DYNAMODB_LIMIT_AT_10000, last.dynamoDb() / DYNAMODB_LIMIT_AT_10000);
    }
}
