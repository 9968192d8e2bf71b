package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.domain.DataSize;
import com.wispbill.domain.Money;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Plan;
import com.wispbill.domain.PlanEnforcement;
import com.wispbill.domain.RateLimit;
import com.wispbill.domain.Validity;
import com.wispbill.domain.ValidityStart;
import java.time.Duration;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Plans: {@code RESELLER#<id> / PLAN#<planId>}; a reseller's plans are one Query on its partition. */
public final class DynamoPlanRepository extends DynamoSupport implements PlanRepository {
    private static final String FIXED = "FIXED";
    private static final String UNTIL_END_OF_DAY = "UNTIL_END_OF_DAY";
    private static final String MONTHLY = "MONTHLY";

    public DynamoPlanRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public void create(Plan plan) {
        putNew(toItem(plan), "plan " + plan.id() + " already exists");
    }

    @Override
    public void update(Plan plan) {
        if (!putExisting(toItem(plan))) {
            throw new NotFoundException("Plan", plan.id());
        }
    }

    @Override
    public Optional<Plan> find(String resellerId, String planId) {
        return getEntity(Keys.reseller(resellerId), Keys.planSk(planId)).map(DynamoPlanRepository::fromItem);
    }

    @Override
    public Page<Plan> list(String resellerId, PageRequest page) {
        String pk = Keys.reseller(resellerId);
        return queryPage(partitionQuery(null, Keys.PK, pk, Keys.SK, Keys.PLAN_PREFIX), page, TABLE_KEYS, Keys.PK, pk,
                DynamoPlanRepository::fromItem);
    }

    static Map<String, AttributeValue> toItem(Plan p) {
        ItemBuilder b = ItemBuilder.item("PLAN", Keys.reseller(p.resellerId()), Keys.planSk(p.id()))
                .s("id", p.id()).s("resellerId", p.resellerId()).s("name", p.name())
                .n("priceMinor", p.price().minorUnits()).s("currency", p.price().currency().getCurrencyCode())
                .s("validityStart", p.validityStart().name())
                .optS("timeLimit", p.timeLimit().map(Duration::toString))
                .optN("dataLimitBytes", p.dataLimit().map(DataSize::bytes))
                .optS("rateLimit", p.rateLimit().map(RateLimit::toRouterOs))
                .n("sharedUsers", p.sharedUsers()).bool("active", p.active()).instant("createdAt", p.createdAt())
                .s("enforcement", p.enforcement().name())
                .optS("fairUseRate", p.fairUseRate().map(RateLimit::toRouterOs));
        switch (p.validity()) {
            case Validity.Fixed fixed -> b.s("validityType", FIXED).s("validityDuration", fixed.duration().toString());
            case Validity.UntilEndOfDay days -> b.s("validityType", UNTIL_END_OF_DAY).n("validityDays", days.days());
            case Validity.Monthly monthly -> b.s("validityType", MONTHLY).n("validityMonths", monthly.months());
        }
        return b.build();
    }

    static Plan fromItem(ItemReader i) {
        return i.map(() -> {
            Validity validity = switch (i.s("validityType")) {
                case FIXED -> new Validity.Fixed(Duration.parse(i.s("validityDuration")));
                case UNTIL_END_OF_DAY -> new Validity.UntilEndOfDay((int) i.n("validityDays"));
                case MONTHLY -> new Validity.Monthly((int) i.n("validityMonths"));
                default -> throw i.corrupt("unknown validityType " + i.s("validityType"));
            };
            return new Plan(i.s("id"), i.s("resellerId"), i.s("name"),
                    new Money(i.n("priceMinor"), Currency.getInstance(i.s("currency"))), validity,
                    i.enumValue("validityStart", ValidityStart.class), i.optS("timeLimit").map(Duration::parse),
                    i.optN("dataLimitBytes").map(DataSize::ofBytes), i.optS("rateLimit").map(RateLimit::parse),
                    (int) i.n("sharedUsers"), i.bool("active"), i.instant("createdAt"),
                    // Plans stored before enforcement modes have none: they cut off.
                    i.optS("enforcement").map(PlanEnforcement::valueOf).orElse(PlanEnforcement.CUT_OFF),
                    i.optS("fairUseRate").map(RateLimit::parse));
        });
    }
}
