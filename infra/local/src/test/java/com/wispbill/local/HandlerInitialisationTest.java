package com.wispbill.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.wispbill.adapters.dynamodb.SnapStartPriming;
import com.wispbill.local.stack.EmbeddedStack;
import com.wispbill.local.stack.TemplateDocument;
import com.wispbill.testing.TestLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What SnapStart captures: every function's handler, built by its no-arg constructor as Lambda builds
 * it (before the snapshot), has built every AWS SDK client it uses by then, so its first call builds
 * none; and the constructor registered the SnapStart priming that runs before the snapshot.
 */
class HandlerInitialisationTest {
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void everyHandlersConstructorBuildsItsClientsAndRegistersPriming() throws Exception {
        List<String> problems = new ArrayList<>();
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.options().onlyFunctions()
                .sqsPollingEnabled(false).schedulesEnabled(false))) {
            for (TemplateDocument.Resource fn : TemplateDocument.load(REPO.resolve("template.yaml")).ofType("AWS::Serverless::Function")) {
                Class<?> type = Class.forName(String.valueOf(fn.properties().get("Handler")).split("::")[0]);
                Object handler = type.getConstructor().newInstance();
                if (!SnapStartPriming.registeredHandlers().contains(type)) {
                    problems.add(fn.logicalId() + ": " + type.getSimpleName() + "() registered no SnapStart priming");
                }
                int builtByConstructors = ClientBuildCounter.built();
                Path event = sampleEvent(fn.logicalId());
                try {
                    call(handler, Files.readAllBytes(event));
                } catch (Exception e) {
                    // The sample's outcome does not matter here (an unknown batch, a router not reachable):
                    // only which clients the call built.
                }
                if (ClientBuildCounter.built() != builtByConstructors) {
                    problems.add(fn.logicalId() + ": its first call (" + event.getFileName() + ") built "
                            + (ClientBuildCounter.built() - builtByConstructors) + " AWS SDK client(s) the constructor had not");
                }
            }
            if (ClientBuildCounter.built() == 0) {
                problems.add("no constructor built an AWS SDK client: the counting interceptor was not loaded");
            }
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    /** The first sample event of the function by name (events/<function>-*.json). */
    private static Path sampleEvent(String logicalId) throws Exception {
        String prefix = logicalId.replaceFirst("Function$", "").replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT) + "-";
        try (Stream<Path> files = Files.list(REPO.resolve("events"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().findFirst().orElseThrow();
        }
    }

    /** As Lambda's Java runtime calls a handler: the event JSON turned into its input type. */
    private static void call(Object handler, byte[] event) throws Exception {
        if (handler instanceof RequestStreamHandler stream) {
            stream.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), new TestLambdaContext(30_000));
            return;
        }
        for (Method m : handler.getClass().getMethods()) {
            if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge()) {
                Object input = LambdaEventSerializers.serializerFor(m.getParameterTypes()[0], handler.getClass().getClassLoader())
                        .fromJson(new ByteArrayInputStream(event));
                m.invoke(handler, input, new TestLambdaContext(30_000));
                return;
            }
        }
        throw new IllegalArgumentException(handler.getClass() + " has no handleRequest(event, Context)");
    }
}
