package com.wispbill.adapters;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import com.wispbill.adapters.logging.CorrelationId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A function only an EventBridge schedule invokes. Its event carries nothing a run needs (the time
 * is the injected clock's), so it is never parsed: as a {@code RequestHandler<ScheduledEvent, …>},
 * Lambda's Java runtime would turn it into an object with its own event serialisation first, which
 * loads about 870 classes (a shaded Jackson, the event types, Joda-Time for the event's time) on a
 * cold start's first call, an eighth of all it loads. The invocation's result is the run's summary
 * as a JSON string, what the same handler returned as a {@code String} before.
 */
public abstract class ScheduledHandler implements RequestStreamHandler {

    @Override
    public final void handleRequest(InputStream event, OutputStream output, Context context) throws IOException {
        CorrelationId.set(context == null ? null : context.getAwsRequestId());
        String summary = run(context);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(output)) {
            json.writeString(summary);
        }
    }

    /** One scheduled run (the invocation's correlation id is set); returns its summary. */
    public abstract String run(Context context);
}
