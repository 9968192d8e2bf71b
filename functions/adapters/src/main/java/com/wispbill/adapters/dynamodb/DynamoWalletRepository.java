package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.WalletRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.Money;
import java.util.Currency;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Wallets: {@code RESELLER#<id> / WALLET#<customerId>} with {@code balanceMinor} (ADD) and {@code currency}. A debit
 * is conditional on the balance covering it, so two renewals racing for the last shillings cannot both take them.
 */
public final class DynamoWalletRepository extends DynamoSupport implements WalletRepository {

    public DynamoWalletRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public Money balance(String resellerId, String customerId, Currency currency) {
        return getEntity(Keys.reseller(resellerId), Keys.walletSk(customerId))
                .map(i -> new Money(i.counter("balanceMinor"), Currency.getInstance(i.s("currency"))))
                .orElse(Money.zero(currency));
    }

    @Override
    public void credit(String resellerId, String customerId, Money amount, WriteTransaction tx) {
        DynamoWriteTransaction.of(tx).increment(tables.entityTable(), Keys.reseller(resellerId), Keys.walletSk(customerId),
                Map.of("balanceMinor", amount.minorUnits()),
                Map.of("currency", ItemBuilder.s(amount.currency().getCurrencyCode()), "type", ItemBuilder.s("WALLET")),
                "attribute_not_exists(currency) OR currency = :ccurrency",
                Map.of(":ccurrency", ItemBuilder.s(amount.currency().getCurrencyCode())),
                "wallet of customer " + customerId + " is in another currency");
    }

    @Override
    public void debit(String resellerId, String customerId, Money amount, WriteTransaction tx) {
        DynamoWriteTransaction.of(tx).increment(tables.entityTable(), Keys.reseller(resellerId), Keys.walletSk(customerId),
                Map.of("balanceMinor", -amount.minorUnits()), Map.of(),
                "balanceMinor >= :camount AND currency = :ccurrency",
                Map.of(":camount", ItemBuilder.n(amount.minorUnits()),
                        ":ccurrency", ItemBuilder.s(amount.currency().getCurrencyCode())),
                "the wallet of customer " + customerId + " does not cover " + amount.format());
    }
}
