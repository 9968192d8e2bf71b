package com.wispbill.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of {@link ColdStartBench}, started with one function's jar, the Lambda runtime's event
 * serialisation library and this class alone on its class path: does what Lambda's Java runtime does
 * on a cold start (load the handler class, run its no-arg constructor, turn the event JSON into the
 * handler's input type, call it once) and prints one line with the time of each step and the number
 * of classes loaded. {@code noop} as the handler only prints the line: the bare JVM's start, the floor
 * measured beside every figure.
 */
public final class ColdStartDriver {
    static final String DONE = "COLDSTART ";

    private ColdStartDriver() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("noop")) {
            System.out.println(DONE + "construct=0 call=0 classes=" + loadedClasses());
            return;
        }
        long start = System.nanoTime();
        Class<?> type = Class.forName(args[0]);
        Object handler = type.getConstructor().newInstance();
        long constructed = System.nanoTime();
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        Context context = new BenchContext(type.getSimpleName());
        if (handler instanceof RequestStreamHandler stream) {
            stream.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), context);
        } else {
            Method method = handleRequest(type);
            Object input = LambdaEventSerializers.serializerFor(method.getParameterTypes()[0], type.getClassLoader())
                    .fromJson(new ByteArrayInputStream(event));
            method.invoke(handler, input, context);
        }
        long called = System.nanoTime();
        System.out.println(DONE + "construct=" + (constructed - start) + " call=" + (called - constructed) + " classes=" + loadedClasses());
        System.out.flush();
        // Lambda keeps the environment; here the measurement is done, and non-daemon threads the
        // SDK or a library started must not keep the JVM alive.
        Runtime.getRuntime().halt(0);
    }

    /**
     * Classes loaded so far, taken after the timed steps: the figure that the machine's load does not
     * change (the management classes this loads are the same few for every function and the floor).
     */
    private static long loadedClasses() {
        return ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    }

    private static Method handleRequest(Class<?> type) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge() && !m.isSynthetic()) {
                return m;
            }
        }
        throw new IllegalArgumentException(type + " has no handleRequest(event, Context)");
    }

    /** What Lambda's runtime passes: ids, the time left, a logger to stderr. */
    private record BenchContext(String functionName) implements Context {
        @Override
        public String getAwsRequestId() {
            return "coldstart-bench-1";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + functionName;
        }

        @Override
        public String getLogStreamName() {
            return "coldstart";
        }

        @Override
        public String getFunctionName() {
            return functionName;
        }

        @Override
        public String getFunctionVersion() {
            return "1";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 30_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
