package com.wispbill.local.demo;

import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.ApiKeys;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Router;
import com.wispbill.domain.RouterStatus;
import com.wispbill.domain.ValidityStart;
import com.wispbill.domain.notify.SmsSettings;
import com.wispbill.adapters.dynamodb.DynamoSmsTemplateRepository;
import com.wispbill.local.routeros.RouterOsSimulator;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * The demo's data: a reseller in Nairobi selling in KES, three plans, the simulated routers
 * registered under it with their API logins in Secrets Manager, and an API key. Written through the
 * domain and the repositories for now; the reseller API's key service can replace {@link #apiKey()}.
 */
public final class DemoSeed {
    /** Where the router driver finds a router's API login: {@code ROUTER_SECRETS_PREFIX} + router id. */
    static final String ROUTER_SECRETS_PREFIX_VARIABLE = "ROUTER_SECRETS_PREFIX";

    private DemoSeed() {
    }

    /** The seeding steps, in order. */
    public static List<DemoStep> steps() {
        return List.of(reseller(), plans(), routers(), apiKey());
    }

    static DemoStep reseller() {
        return step("Demo reseller (Africa/Nairobi, KES, SMS in Swahili)", demo -> {
            Reseller reseller = Reseller.create("Demo Hotspots Ltd", ZoneId.of("Africa/Nairobi"), Currency.getInstance("KES"), demo.clock());
            demo.store().resellers().create(reseller);
            new DynamoSmsTemplateRepository(demo.dynamoDb(), demo.stack().resources().tableName("EntityTable"))
                    .saveSettings(reseller.id(), new SmsSettings("sw", Optional.of("DEMOHOT")));
            demo.put(DemoContext.RESELLER_ID, reseller.id());
            demo.out().printf("    reseller %s  %s  %s %s%n", reseller.id(), reseller.name(), reseller.zone(), reseller.currency());
        });
    }

    static DemoStep plans() {
        return step("Plans", demo -> {
            String resellerId = demo.get(DemoContext.RESELLER_ID, String.class);
            List<Plan> plans = List.of(
                    Plan.builder().newId(demo.clock()).resellerId(resellerId).name("1 hour").price(Money.of(2000, "KES"))
                            .validity(Duration.ofHours(1)).rateLimit("2M/5M").sharedUsers(1).createdAt(demo.clock().instant()).build(),
                    Plan.builder().newId(demo.clock()).resellerId(resellerId).name("Daily 1 GB").price(Money.of(5000, "KES"))
                            .validity(Duration.ofHours(24)).dataLimit("1GB").rateLimit("5M/10M").sharedUsers(1)
                            .createdAt(demo.clock().instant()).build(),
                    Plan.builder().newId(demo.clock()).resellerId(resellerId).name("Weekly 10 GB").price(Money.of(30000, "KES"))
                            .validityUntilEndOfDay(7).validityStart(ValidityStart.AT_FIRST_USE).dataLimit("10GB")
                            .rateLimit("10M/20M").sharedUsers(2).createdAt(demo.clock().instant()).build());
            for (Plan plan : plans) {
                demo.store().plans().create(plan);
                demo.out().printf("    plan %s  %-13s %s%n", plan.id(), plan.name(), plan.price());
            }
        });
    }

    static DemoStep routers() {
        return step("Simulated routers, registered with their API logins in Secrets Manager", demo -> {
            String resellerId = demo.get(DemoContext.RESELLER_ID, String.class);
            String prefix = demo.stack().environment().getOrDefault(ROUTER_SECRETS_PREFIX_VARIABLE, "wispbill/routers/");
            List<String> ids = new ArrayList<>();
            for (RouterOsSimulator sim : demo.routers()) {
                // The simulators serve the plain API on loopback; a real router is reached over API-SSL.
                Router router = Router.builder().newId(demo.clock()).resellerId(resellerId).name(sim.state().identity())
                        .host(sim.host()).apiPort(sim.port()).useTls(false).allowPlainApi(true).hotspotServer("hotspot1")
                        .site("Demo site " + (ids.size() + 1)).status(RouterStatus.ACTIVE).createdAt(demo.clock().instant()).build();
                demo.store().routers().create(router);
                String secretName = prefix + router.id();
                demo.secrets().createSecret(b -> b.name(secretName)
                        .secretString("{\"username\":\"" + sim.username() + "\",\"password\":\"" + sim.password() + "\"}"));
                ids.add(router.id());
                demo.out().printf("    router %s  %s  api %s:%d  login in secret %s%n", router.id(), router.name(), sim.host(),
                        sim.port(), secretName);
            }
        });
    }

    static DemoStep apiKey() {
        return step("Demo API key (reseller role)", demo -> {
            String resellerId = demo.get(DemoContext.RESELLER_ID, String.class);
            ApiKeys.Issued issued = ApiKeys.issue(resellerId, ApiKeyRole.RESELLER, demo.clock());
            demo.store().apiKeys().create(issued.key());
            demo.put(DemoContext.API_KEY, issued.secret());
            demo.out().printf("    API key %s  (Authorization: Bearer <key>)%n", issued.secret());
        });
    }

    private static DemoStep step(String title, DemoStep.Body body) {
        return DemoStep.of(title, body);
    }
}
