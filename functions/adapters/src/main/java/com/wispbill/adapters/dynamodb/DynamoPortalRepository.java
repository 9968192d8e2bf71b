package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.PortalRepository;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.payment.Portal;
import com.wispbill.domain.payment.PortalBranding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * {@code PORTAL#<portalId> / #} → reseller, router and what the page offers: globally unique public ids, one
 * GetItem for the public routes. {@code GSI1PK = RESELLER#<id>#PORTALS} lists a reseller's portals.
 */
public final class DynamoPortalRepository extends DynamoSupport implements PortalRepository {

    public DynamoPortalRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public void create(Portal portal) {
        putNew(toItem(portal), "portal id " + portal.id() + " is taken");
    }

    @Override
    public void update(Portal portal) {
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(tables.entityTable()).item(toItem(portal))
                    .conditionExpression(EXISTS + " AND resellerId = :resellerId")
                    .expressionAttributeValues(Map.of(":resellerId", ItemBuilder.s(portal.resellerId()))).build());
        } catch (ConditionalCheckFailedException e) {
            throw new NotFoundException("Portal", portal.id());
        }
    }

    @Override
    public Optional<Portal> find(String portalId) {
        if (!Portal.isValidId(portalId)) {
            return Optional.empty();
        }
        return getEntity(Keys.portal(portalId), Keys.SINGLE).map(DynamoPortalRepository::fromItem);
    }

    @Override
    public Page<Portal> list(String resellerId, PageRequest page) {
        String partition = Keys.resellerPortals(resellerId);
        return queryPage(partitionQuery(Keys.GSI1, Keys.GSI1PK, partition, null, null), page, GSI1_KEYS,
                Keys.GSI1PK, partition, DynamoPortalRepository::fromItem);
    }

    @Override
    public List<Portal> listAll(String resellerId) {
        List<Portal> all = new ArrayList<>();
        PageRequest page = PageRequest.first(100);
        while (true) {
            Page<Portal> read = list(resellerId, page);
            all.addAll(read.items());
            if (read.nextCursor().isEmpty()) {
                return all;
            }
            page = new PageRequest(100, read.nextCursor());
        }
    }

    private static Map<String, AttributeValue> toItem(Portal portal) {
        ItemBuilder b = ItemBuilder.item("PORTAL", Keys.portal(portal.id()), Keys.SINGLE)
                .s("portalId", portal.id()).s("resellerId", portal.resellerId()).s("routerId", portal.routerId())
                .instant("createdAt", portal.createdAt())
                .s(Keys.GSI1PK, Keys.resellerPortals(portal.resellerId())).s(Keys.GSI1SK, portal.id())
                .strings("planIds", portal.planIds())
                .strings("providers", portal.providers().stream().map(PaymentProvider::name).toList())
                .optS("language", portal.language()).optS("location", portal.location());
        portal.branding().ifPresent(br -> b.optS("brandName", br.name()).optS("logoUrl", br.logoUrl())
                .optS("accentColour", br.accentColour()).optS("backgroundColour", br.backgroundColour())
                .optS("textColour", br.textColour()));
        return b.build();
    }

    private static Portal fromItem(ItemReader i) {
        return i.map(() -> {
            // Portals stored before plans, providers and branding were chosen have none of them: everything offered.
            List<String> planIds = i.has("planIds") ? i.strings("planIds") : List.of();
            List<PaymentProvider> providers = i.has("providers")
                    ? i.strings("providers").stream().map(PaymentProvider::valueOf).toList() : List.of();
            PortalBranding branding = new PortalBranding(i.optS("brandName"), i.optS("logoUrl"), i.optS("accentColour"),
                    i.optS("backgroundColour"), i.optS("textColour"));
            boolean branded = branding.name().isPresent() || branding.logoUrl().isPresent() || branding.accentColour().isPresent()
                    || branding.backgroundColour().isPresent() || branding.textColour().isPresent();
            return new Portal(i.s("portalId"), i.s("resellerId"), i.s("routerId"), i.instant("createdAt"), planIds,
                    providers, branded ? Optional.of(branding) : Optional.empty(), i.optS("language"), i.optS("location"));
        });
    }
}
