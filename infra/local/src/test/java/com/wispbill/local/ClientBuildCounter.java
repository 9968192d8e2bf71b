package com.wispbill.local;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts AWS SDK clients built in this JVM: the SDK creates one instance of every global interceptor
 * (listed in {@code software/amazon/awssdk/global/handlers/execution.interceptors} of the test
 * resources) for each client it builds. Intercepts nothing.
 */
public final class ClientBuildCounter implements ExecutionInterceptor {
    private static final AtomicInteger BUILT = new AtomicInteger();

    public ClientBuildCounter() {
        BUILT.incrementAndGet();
    }

    static int built() {
        return BUILT.get();
    }
}
