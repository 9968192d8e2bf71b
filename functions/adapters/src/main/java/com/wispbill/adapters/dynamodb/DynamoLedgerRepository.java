package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.LedgerRepository;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.LedgerEntryType;
import com.wispbill.domain.Money;
import com.wispbill.domain.ValidationException;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Ledger entries: {@code RESELLER#<id> / LEDGER#<entryId>}, written with {@code attribute_not_exists}
 * so an entry id is recorded once, in the same transaction as {@code ADD} on the balance item
 * {@code RESELLER#<id> / BALANCE#<currency>}: the balance always equals the sum of the entries.
 * GSI2 {@code RESELLER#<id>#LEDGER / <businessDate>#<at>#<entryId>} makes a day (or a range of days)
 * of transactions one Query in time order.
 */
public final class DynamoLedgerRepository extends DynamoSupport implements LedgerRepository {
    /** Longest range one listing may span; reports page through longer periods month by month. */
    static final int MAX_DAYS = 366;

    public DynamoLedgerRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public void append(LedgerEntry entry) {
        DynamoWriteTransaction tx = new DynamoWriteTransaction(dynamoDb);
        append(entry, tx);
        tx.commit();
    }

    @Override
    public void append(LedgerEntry entry, WriteTransaction tx) {
        DynamoWriteTransaction dynamoTx = DynamoWriteTransaction.of(tx);
        String currency = entry.amount().currency().getCurrencyCode();
        dynamoTx.add(putNewWrite(toItem(entry)), "ledger entry " + entry.id() + " is already recorded");
        // Summed with the other entries of this transaction (sale and fees) into one update.
        dynamoTx.increment(tables.entityTable(), Keys.reseller(entry.resellerId()), Keys.balanceSk(currency),
                Map.of("balanceMinor", entry.amount().minorUnits()),
                Map.of(Keys.TYPE, ItemBuilder.s("BALANCE"), "resellerId", ItemBuilder.s(entry.resellerId()),
                        "currency", ItemBuilder.s(currency)),
                null, Map.of(), "balance of reseller " + entry.resellerId() + " could not be updated");
    }

    @Override
    public Page<LedgerEntry> entries(String resellerId, LocalDate from, LocalDate to, PageRequest page) {
        if (from.isAfter(to)) {
            throw new ValidationException("from", "must not be after to");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new ValidationException("to", "a listing spans at most " + MAX_DAYS + " days");
        }
        String partition = Keys.ledger(resellerId);
        return queryPage(rangeQuery(tables.entityTable(), Keys.GSI2, Keys.GSI2PK, partition, Keys.GSI2SK,
                        from + "#", to + "#" + Keys.HIGH), page, GSI2_KEYS, Keys.GSI2PK, partition,
                DynamoLedgerRepository::fromItem);
    }

    @Override
    public Money balance(String resellerId, Currency currency) {
        long minor = getEntity(Keys.reseller(resellerId), Keys.balanceSk(currency.getCurrencyCode()))
                .map(i -> i.counter("balanceMinor")).orElse(0L);
        return new Money(minor, currency);
    }

    static Map<String, AttributeValue> toItem(LedgerEntry e) {
        return ItemBuilder.item("LEDGER_ENTRY", Keys.reseller(e.resellerId()), Keys.ledgerSk(e.id()))
                .s(Keys.GSI2PK, Keys.ledger(e.resellerId()))
                .s(Keys.GSI2SK, Keys.ledgerSortKey(e.businessDate(), e.at(), e.id()))
                .s("id", e.id()).s("resellerId", e.resellerId()).s("entryType", e.type().name())
                .n("amountMinor", e.amount().minorUnits()).s("currency", e.amount().currency().getCurrencyCode())
                .optS("paymentId", e.paymentId()).instant("at", e.at()).s("businessDate", e.businessDate().toString())
                .s("memo", e.memo())
                .build();
    }

    static LedgerEntry fromItem(ItemReader i) {
        return i.map(() -> new LedgerEntry(i.s("id"), i.s("resellerId"), i.enumValue("entryType", LedgerEntryType.class),
                new Money(i.n("amountMinor"), Currency.getInstance(i.s("currency"))), i.optS("paymentId"),
                i.instant("at"), LocalDate.parse(i.s("businessDate")), i.optS("memo").orElse("")));
    }
}
