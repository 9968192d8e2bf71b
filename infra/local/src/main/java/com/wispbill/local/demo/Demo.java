package com.wispbill.local.demo;

import java.util.ArrayList;
import java.util.List;

/** The local run's demo: the steps {@link com.wispbill.local.LocalRun} runs, in order, once the stack is up. */
public final class Demo {
    private Demo() {
    }

    /**
     * The steps. Append new ones at the end (each gets the {@link DemoContext} with what earlier steps
     * put there, e.g. {@link DemoContext#RESELLER_ID}, {@link DemoContext#API_KEY}), e.g.
     * {@code steps.add(DemoStep.of("Buy a plan end to end", demo -> ...))}.
     */
    public static List<DemoStep> steps() {
        List<DemoStep> steps = new ArrayList<>(DemoSeed.steps());
        steps.addAll(DemoBusiness.steps());
        return List.copyOf(steps);
    }
}
