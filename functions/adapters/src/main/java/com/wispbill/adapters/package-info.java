/**
 * Infrastructure shared by the functions: configuration ({@link com.wispbill.adapters.Env}), AWS
 * clients ({@link com.wispbill.adapters.AwsClients}), JSON ({@link com.wispbill.adapters.Json});
 * repository interfaces in {@code repository}, DynamoDB implementations in {@code dynamodb}.
 */
package com.wispbill.adapters;
