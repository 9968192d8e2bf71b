package com.wispbill.vouchers;

import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.metrics.EmfMetricLines;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.adapters.sqs.SqsVoucherBatchQueue;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.messages.VoucherBatchQueue;
import com.wispbill.domain.metrics.OperationalMetrics;
import java.time.Clock;

/** The voucher generator's collaborators, built once per execution environment by the handler's no-arg constructor. */
public record VoucherGeneratorWiring(VoucherBatchGenerator generator, VoucherBatchQueue orders, OperationalMetrics metrics) {
    /** Real clients: DynamoDB and SQS, the tables and queues the template names. */
    public static VoucherGeneratorWiring fromEnvironment() {
        return new VoucherGeneratorWiring(VoucherBatchGenerator.of(DynamoStore.fromEnvironment(), SqsRouterCommandQueue.fromEnvironment(),
                new VoucherCodes(), Clock.systemUTC()), SqsVoucherBatchQueue.fromEnvironment(), EmfMetricLines.fromEnvironment());
    }
}
