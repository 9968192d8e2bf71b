package com.wispbill.local.demo;

/**
 * One step of the local run's demo, run in order after the stack is up. A step uses the system the
 * way a user or a router would (the API, the queues, the simulated routers) or, for seeding, the
 * repositories; it records what later steps need in the {@link DemoContext} and prints what a
 * person should see. Steps are listed in {@link Demo#steps()}.
 */
public interface DemoStep {
    /** One line: what the step shows. */
    String title();

    void run(DemoContext demo) throws Exception;

    /** What a step does, for {@link #of}. */
    @FunctionalInterface
    interface Body {
        void run(DemoContext demo) throws Exception;
    }

    static DemoStep of(String title, Body body) {
        return new DemoStep() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public void run(DemoContext demo) throws Exception {
                body.run(demo);
            }
        };
    }
}
