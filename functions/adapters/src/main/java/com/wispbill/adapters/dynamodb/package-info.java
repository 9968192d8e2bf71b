/**
 * DynamoDB implementations of the repositories, on the low-level {@code DynamoDbClient} (the enhanced
 * client's reflection costs cold-start time). Single-table design: {@link com.wispbill.adapters.dynamodb.Keys}
 * holds every key format; {@code docs/data-model.md} maps each access pattern to its key or index.
 * Nothing here ever scans a table.
 */
package com.wispbill.adapters.dynamodb;
