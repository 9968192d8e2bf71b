package com.wispbill.local.demo;

import com.wispbill.api.auth.PasswordHashing;
import com.wispbill.api.auth.StaffSignIn;
import com.wispbill.api.service.ResellerAdmin;
import com.wispbill.api.service.StaffDirectory;
import com.wispbill.domain.staff.StaffMember;
import com.wispbill.domain.staff.StaffRole;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.ApiKeys;
import com.wispbill.domain.Money;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Router;
import com.wispbill.domain.RouterStatus;
import com.wispbill.domain.ValidityStart;
import com.wispbill.domain.notify.SmsApprovals;
import com.wispbill.domain.notify.SmsSettings;
import com.wispbill.adapters.dynamodb.DynamoSmsTemplateRepository;
import com.wispbill.local.routeros.RouterOsSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo's data: a reseller in Nairobi selling in KES with its API key and an operator key, both
 * onboarded through the reseller API's own {@link ResellerAdmin}, and its owner and cashier staff accounts
 * ({@link DemoContext#OWNER_EMAIL}, {@link DemoContext#CASHIER_EMAIL}); the reseller's SMS settings; four
 * plans (one of three minutes from first use, so the demo can show a voucher expire); the simulated
 * routers registered under it with their API logins in Secrets Manager where the router driver reads
 * them ({@code <ROUTER_SECRETS_PREFIX><resellerId>/<routerId>}).
 */
public final class DemoSeed {
    /** Where the router driver finds a router's API login: {@code ROUTER_SECRETS_PREFIX} + reseller id + "/" + router id. */
    static final String ROUTER_SECRETS_PREFIX_VARIABLE = "ROUTER_SECRETS_PREFIX";

    /** The plan the demo vouchers are sold on: short, so its expiry shows within the demo's first minutes. */
    static final Duration SHORT_PLAN_VALIDITY = Duration.ofMinutes(3);

    private static final java.security.SecureRandom PASSWORD_RANDOM = new java.security.SecureRandom();

    private DemoSeed() {
    }

    /** The seeding steps, in order. */
    public static List<DemoStep> steps() {
        return List.of(reseller(), plans(), routers());
    }

    static DemoStep reseller() {
        return step("Demo reseller (Africa/Nairobi, KES, SMS in Swahili) and an operator, onboarded through the reseller API's ResellerAdmin", demo -> {
            ResellerAdmin admin = ResellerAdmin.of(demo.store(), demo.clock());
            ResellerAdmin.Onboarded onboarded = admin.onboard("Demo Hotspots Ltd", "Africa/Nairobi", "KES", ApiKeyRole.RESELLER);
            Reseller reseller = onboarded.reseller();
            ResellerAdmin.Onboarded operator = admin.onboard("WISPbill operator", "Africa/Nairobi", "KES", ApiKeyRole.OPERATOR);
            DynamoSmsTemplateRepository sms = new DynamoSmsTemplateRepository(demo.dynamoDb(),
                    demo.stack().resources().tableName("EntityTable"));
            // The operator approves the demo's sender id: without that only the platform's may be used.
            sms.saveApprovals(reseller.id(), new SmsApprovals(List.of("DEMOHOT"), false));
            sms.saveSettings(reseller.id(), new SmsSettings("sw", Optional.of("DEMOHOT")));
            String apiKey = kept(demo, DemoContext.KEPT_API_KEY, reseller.id(), ApiKeyRole.RESELLER).orElse(onboarded.key().secret());
            String operatorKey = kept(demo, DemoContext.KEPT_OPERATOR_KEY, operator.reseller().id(), ApiKeyRole.OPERATOR)
                    .orElse(operator.key().secret());
            demo.put(DemoContext.RESELLER_ID, reseller.id());
            demo.put(DemoContext.API_KEY, apiKey);
            demo.put(DemoContext.OPERATOR_KEY, operatorKey);
            demo.out().printf("    reseller %s  %s  %s %s%n", reseller.id(), reseller.name(), reseller.zone(), reseller.currency());
            demo.out().printf("    API key %s  (reseller role; Authorization: Bearer <key>)%n", apiKey);
            demo.out().printf("    operator key %s  (operator role, reseller %s)%n", operatorKey, operator.reseller().id());
            staff(demo, reseller.id());
        });
    }

    /**
     * The demo reseller's owner and cashier, with the passwords a previous run kept (or new ones), created through
     * the reseller API's own {@link StaffDirectory}.
     */
    private static void staff(DemoContext demo, String resellerId) {
        PasswordHashing passwords = new PasswordHashing();
        StaffDirectory directory = new StaffDirectory(demo.store().staff(),
                new StaffSignIn(demo.store().staff(), passwords, demo.clock()), passwords, demo.clock());
        String ownerPassword = keptPassword(demo, DemoContext.KEPT_OWNER_PASSWORD);
        String cashierPassword = keptPassword(demo, DemoContext.KEPT_CASHIER_PASSWORD);
        StaffMember owner = directory.create(resellerId, new StaffDirectory.NewStaff(DemoContext.OWNER_EMAIL, "Demo owner",
                StaffRole.OWNER, ownerPassword, List.of()), false);
        directory.create(resellerId, new StaffDirectory.NewStaff(DemoContext.CASHIER_EMAIL, "Demo cashier", StaffRole.CASHIER,
                cashierPassword, List.of()), false);
        demo.put(DemoContext.OWNER_STAFF_ID, owner.staffId());
        demo.put(DemoContext.OWNER_PASSWORD, ownerPassword);
        demo.put(DemoContext.CASHIER_PASSWORD, cashierPassword);
        demo.out().printf("    staff %s / %s  (owner; POST /v1/auth/sign-in)%n", DemoContext.OWNER_EMAIL, ownerPassword);
        demo.out().printf("    staff %s / %s  (cashier)%n", DemoContext.CASHIER_EMAIL, cashierPassword);
    }

    /** A password a previous run kept, if it is one the password rules allow, else a new random one. */
    private static String keptPassword(DemoContext demo, String name) {
        return demo.find(name, String.class)
                .filter(p -> p.length() >= StaffSignIn.MIN_PASSWORD && p.length() <= StaffSignIn.MAX_PASSWORD)
                .orElseGet(() -> {
                    byte[] random = new byte[15];
                    PASSWORD_RANDOM.nextBytes(random);
                    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                });
    }

    /**
     * The key a previous run printed, issued again for this run's reseller (the stack's tables are in
     * memory, so nothing of the last run is left), so the printed curl line keeps working; a kept value
     * that is not a key is ignored and a new key printed.
     */
    private static Optional<String> kept(DemoContext demo, String name, String resellerId, ApiKeyRole role) {
        return demo.find(name, String.class).filter(ApiKeys::isSecret).map(secret -> {
            demo.store().apiKeys().create(ApiKeys.withSecret(resellerId, role, secret, demo.clock()).key());
            return secret;
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
                            .rateLimit("10M/20M").sharedUsers(2).createdAt(demo.clock().instant()).build(),
                    Plan.builder().newId(demo.clock()).resellerId(resellerId).name("Demo 3 minutes").price(Money.of(500, "KES"))
                            .validity(SHORT_PLAN_VALIDITY).validityStart(ValidityStart.AT_FIRST_USE).rateLimit("1M/2M").sharedUsers(1)
                            .createdAt(demo.clock().instant()).build());
            demo.put(DemoContext.SHORT_PLAN_ID, plans.getLast().id());
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
                String secretName = routerSecretName(prefix, router);
                demo.secrets().createSecret(b -> b.name(secretName)
                        .secretString("{\"username\":\"" + sim.username() + "\",\"password\":\"" + sim.password() + "\"}"));
                ids.add(router.id());
                demo.put(DemoContext.routerIdOf(sim), router.id());
                demo.out().printf("    router %s  %s  api %s:%d  login in secret %s%n", router.id(), router.name(), sim.host(),
                        sim.port(), secretName);
            }
        });
    }

    /** Where the router driver reads the router's API login (see the router driver's SecretsManagerRouterCredentials). */
    static String routerSecretName(String prefix, Router router) {
        return prefix + router.resellerId() + "/" + router.id();
    }

    private static DemoStep step(String title, DemoStep.Body body) {
        return DemoStep.of(title, body);
    }
}
