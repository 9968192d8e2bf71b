package com.wispbill.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.wispbill.adapters.AwsClients;
import com.wispbill.adapters.CursorSeal;
import com.wispbill.adapters.dynamodb.DynamoAlertRepository;
import com.wispbill.adapters.dynamodb.DynamoSmsTemplateRepository;
import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.dynamodb.TableNames;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.adapters.sqs.SqsRouterCommandQueue;
import com.wispbill.adapters.sqs.SqsVoucherBatchQueue;
import com.wispbill.adapters.http.HttpEvents;
import com.wispbill.adapters.http.HttpRequest;
import java.time.Clock;

/**
 * API Gateway HTTP API (payload 2.0) entry of the reseller API: turns the event into an
 * {@link HttpRequest}, lets {@link ResellerApi} answer, and turns the answer back into the event type.
 */
public final class ResellerApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ResellerApi api;

    /** What Lambda calls: the shared clients and the queues and tables named by the template. */
    public ResellerApiHandler() {
        this(new ResellerApi(DynamoStore.fromEnvironment(),
                new DynamoAlertRepository(AwsClients.dynamoDb(), TableNames.fromEnvironment().entityTable()),
                new DynamoSmsTemplateRepository(AwsClients.dynamoDb(), TableNames.fromEnvironment().entityTable()),
                SqsVoucherBatchQueue.fromEnvironment(),
                SqsRouterCommandQueue.fromEnvironment(), ApiSettings.fromEnvironment(), CursorSeal.fromEnvironment(),
                RouterNetwork.fromEnvironment(),
                Clock.systemUTC()));
    }

    public ResellerApiHandler(ResellerApi api) {
        this.api = api;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        CorrelationId.adopt(event);
        return HttpEvents.response(api.handle(HttpEvents.request(event)));
    }
}
