package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.PortalRepository;
import com.wispbill.domain.payment.Portal;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code PORTAL#<portalId> / #} → reseller and router: globally unique public ids. */
public final class DynamoPortalRepository extends DynamoSupport implements PortalRepository {

    public DynamoPortalRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public void create(Portal portal) {
        putNew(ItemBuilder.item("PORTAL", Keys.portal(portal.id()), Keys.SINGLE)
                .s("portalId", portal.id()).s("resellerId", portal.resellerId()).s("routerId", portal.routerId())
                .instant("createdAt", portal.createdAt())
                .build(), "portal id " + portal.id() + " is taken");
    }

    @Override
    public Optional<Portal> find(String portalId) {
        if (!Portal.isValidId(portalId)) {
            return Optional.empty();
        }
        return getEntity(Keys.portal(portalId), Keys.SINGLE).map(i -> i.map(() -> new Portal(i.s("portalId"),
                i.s("resellerId"), i.s("routerId"), i.instant("createdAt"))));
    }
}
