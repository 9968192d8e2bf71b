package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.ProviderEventRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.ProviderEvent;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Processed provider callbacks: {@code EVENT#<PROVIDER>#<eventId> / #}, written once with
 * {@code attribute_not_exists} and never expired. A TTL'd lock would let a provider retry that
 * arrives after the lock expired (Stripe retries for three days) be applied a second time.
 */
public final class DynamoProviderEventRepository extends DynamoSupport implements ProviderEventRepository {

    public DynamoProviderEventRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public boolean recordIfNew(ProviderEvent event) {
        try {
            putNew(toItem(event), duplicate(event));
            return true;
        } catch (ConflictException e) {
            return false;
        }
    }

    @Override
    public void record(ProviderEvent event, WriteTransaction tx) {
        DynamoWriteTransaction.of(tx).add(putNewWrite(toItem(event)), duplicate(event));
    }

    @Override
    public Optional<ProviderEvent> find(PaymentProvider provider, String eventId) {
        if (eventId == null || eventId.isBlank() || eventId.length() > ProviderEvent.MAX_EVENT_ID_LENGTH) {
            return Optional.empty();
        }
        return getEntity(Keys.providerEvent(provider, eventId), Keys.SINGLE).map(DynamoProviderEventRepository::fromItem);
    }

    private static String duplicate(ProviderEvent event) {
        return event.provider() + " event " + event.eventId() + " was already processed";
    }

    static Map<String, AttributeValue> toItem(ProviderEvent e) {
        return ItemBuilder.item("PROVIDER_EVENT", Keys.providerEvent(e.provider(), e.eventId()), Keys.SINGLE)
                .s("provider", e.provider().name()).s("eventId", e.eventId()).instant("receivedAt", e.receivedAt())
                .optS("resellerId", e.resellerId()).optS("paymentId", e.paymentId()).s("outcome", e.outcome())
                .build();
    }

    static ProviderEvent fromItem(ItemReader i) {
        return i.map(() -> new ProviderEvent(i.enumValue("provider", PaymentProvider.class), i.s("eventId"),
                i.instant("receivedAt"), i.optS("resellerId"), i.optS("paymentId"), i.s("outcome")));
    }
}
