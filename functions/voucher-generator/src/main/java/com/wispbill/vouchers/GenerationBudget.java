package com.wispbill.vouchers;

/**
 * Whether a run must stop and checkpoint now. Checked between chunks, so every run makes progress of
 * at least one chunk; the handler derives it from the Lambda context's remaining time.
 */
@FunctionalInterface
public interface GenerationBudget {
    GenerationBudget UNLIMITED = () -> false;

    boolean exhausted();
}
