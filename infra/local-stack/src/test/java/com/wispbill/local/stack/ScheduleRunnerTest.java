package com.wispbill.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Timers really fire (no servers): a one-time schedule a few seconds ahead. */
class ScheduleRunnerTest {

    @Test
    void aTimerFiresTheFunctionWithTheScheduledEventAtTheScheduledTime() {
        List<ScheduledEvent> received = new CopyOnWriteArrayList<>();
        LambdaFunction function = new LambdaFunction("Sweeper", "Sweeper", "arn:aws:lambda:us-east-1:000000000000:function:Sweeper",
                null, Duration.ofSeconds(3), 128, Map.of(), List.of(), true);
        function.handler(LambdaHandler.of((RequestHandler<ScheduledEvent, Void>) (event, context) -> {
            received.add(event);
            return null;
        }));
        Instant at = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        String expression = "at(" + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(LocalDateTime.ofInstant(at, ZoneOffset.UTC)) + ")";
        FunctionEvent.Schedule schedule = new FunctionEvent.Schedule("Once", ScheduleExpression.parse(expression, ZoneOffset.UTC), null, true,
                "arn:aws:scheduler:us-east-1:000000000000:schedule/default/once");

        try (ScheduleRunner runner = new ScheduleRunner(List.of(new ScheduleRunner.Binding(function, schedule)), "000000000000", "us-east-1", true)) {
            Await.until("the scheduled invocation", () -> !received.isEmpty());
            assertEquals(at.toEpochMilli(), received.get(0).getTime().getMillis());
            assertTrue(Instant.now().compareTo(at) >= 0, "not before its time");
            assertEquals(List.of("arn:aws:scheduler:us-east-1:000000000000:schedule/default/once"), received.get(0).getResources());
        }
        assertEquals(1, received.size());
    }
}
