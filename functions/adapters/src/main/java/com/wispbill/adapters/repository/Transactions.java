package com.wispbill.adapters.repository;

/** Starts {@link WriteTransaction}s against the same store as the repositories. */
public interface Transactions {
    WriteTransaction begin();
}
