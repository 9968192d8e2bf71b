package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.ResellerRepository;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.ResellerStatus;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reseller profile: {@code RESELLER#<id> / PROFILE}; all resellers listed through GSI1 {@code RESELLERS}. */
public final class DynamoResellerRepository extends DynamoSupport implements ResellerRepository {

    public DynamoResellerRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public void create(Reseller reseller) {
        putNew(toItem(reseller), "reseller " + reseller.id() + " already exists");
    }

    @Override
    public void update(Reseller reseller) {
        if (!putExisting(toItem(reseller))) {
            throw new NotFoundException("Reseller", reseller.id());
        }
    }

    @Override
    public Optional<Reseller> find(String resellerId) {
        return getEntity(Keys.reseller(resellerId), Keys.PROFILE).map(DynamoResellerRepository::fromItem);
    }

    @Override
    public Page<Reseller> list(PageRequest page) {
        return queryPage(partitionQuery(Keys.GSI1, Keys.GSI1PK, Keys.RESELLERS, null, null), page, GSI1_KEYS,
                Keys.GSI1PK, Keys.RESELLERS, DynamoResellerRepository::fromItem);
    }

    static Map<String, AttributeValue> toItem(Reseller r) {
        return ItemBuilder.item("RESELLER", Keys.reseller(r.id()), Keys.PROFILE)
                .s(Keys.GSI1PK, Keys.RESELLERS).s(Keys.GSI1SK, r.id())
                .s("id", r.id()).s("name", r.name()).s("zone", r.zone().getId())
                .s("currency", r.currency().getCurrencyCode()).s("status", r.status().name())
                .n("voucherCodeLength", r.voucherCodeLength()).instant("createdAt", r.createdAt())
                .build();
    }

    static Reseller fromItem(ItemReader i) {
        return i.map(() -> new Reseller(i.s("id"), i.s("name"), ZoneId.of(i.s("zone")), Currency.getInstance(i.s("currency")),
                i.enumValue("status", ResellerStatus.class), (int) i.n("voucherCodeLength"), i.instant("createdAt")));
    }
}
