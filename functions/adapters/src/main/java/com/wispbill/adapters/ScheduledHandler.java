package com.wispbill.adapters;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.wispbill.adapters.logging.CorrelationId;
import com.wispbill.adapters.logging.JsonStrings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A function only an EventBridge schedule invokes. Its event carries nothing a run needs (the time
 * is the injected clock's), so it is never parsed: as a {@code RequestHandler<ScheduledEvent, …>},
 * Lambda's Java runtime would turn it into an object with its own event serialisation first, which
 * loads about 870 classes (a shaded Jackson, the event types, Joda-Time for the event's time) on a
 * cold start's first call, an eighth of all it loads. The invocation's result is the run's summary
 * as a JSON string, what the same handler returned as a {@code String} before. It is written as the
 * log lines write theirs ({@link JsonStrings}): building the shared object mapper for one string cost
 * about 580 classes and 70–100 ms of every scheduled function's cold start (README, Cold start).
 */
public abstract class ScheduledHandler implements RequestStreamHandler {

    @Override
    public final void handleRequest(InputStream event, OutputStream output, Context context) throws IOException {
        CorrelationId.set(context == null ? null : context.getAwsRequestId());
        String summary = run(context);
        StringBuilder json = new StringBuilder(summary.length() + 16);
        JsonStrings.append(json, summary);
        output.write(json.toString().getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

    /** One scheduled run (the invocation's correlation id is set); returns its summary. */
    public abstract String run(Context context);
}
