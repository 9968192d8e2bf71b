package com.wispbill.adapters.repository;

import com.wispbill.domain.Money;
import java.util.Currency;

/** Customers' prepaid wallets: one balance per customer, in the reseller's currency, changed only by ADD. */
public interface WalletRepository {
    /** The balance (zero for a customer who never topped up). */
    Money balance(String resellerId, String customerId, Currency currency);

    /** Adds {@code amount} in {@code tx}. */
    void credit(String resellerId, String customerId, Money amount, WriteTransaction tx);

    /** Takes {@code amount} in {@code tx}, on condition the balance covers it (a conflict at commit otherwise). */
    void debit(String resellerId, String customerId, Money amount, WriteTransaction tx);
}
