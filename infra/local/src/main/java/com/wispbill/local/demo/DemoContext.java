package com.wispbill.local.demo;

import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.local.providers.ProviderSimulator;
import com.wispbill.local.routeros.RouterOsSimulator;
import com.wispbill.local.stack.EmbeddedStack;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * What demo steps share: the running stack, its tables through the repositories, the simulated
 * routers, and the values earlier steps produced (ids, the demo API key) under names such as
 * {@link #RESELLER_ID}; {@link #background} runs what takes minutes (a voucher expiring) after the
 * steps, printing as it happens, until {@link #close()}.
 */
public final class DemoContext implements AutoCloseable {
    public static final String RESELLER_ID = "resellerId";
    public static final String API_KEY = "apiKey";
    public static final String OPERATOR_KEY = "operatorKey";
    /** Keys a previous local run printed ({@code String} secrets), to issue again so they keep working. */
    public static final String KEPT_API_KEY = "keptApiKey";
    public static final String KEPT_OPERATOR_KEY = "keptOperatorKey";
    /** The demo reseller's staff: an owner and a cashier, signing in with these emails and the passwords below. */
    public static final String OWNER_EMAIL = "owner@demo.wispbill.local";
    public static final String CASHIER_EMAIL = "cashier@demo.wispbill.local";
    /** Their passwords ({@code String}), generated once and kept with the demo keys. */
    public static final String OWNER_PASSWORD = "ownerPassword";
    public static final String CASHIER_PASSWORD = "cashierPassword";
    /** Passwords a previous local run kept ({@code String}), to use again. */
    public static final String KEPT_OWNER_PASSWORD = "keptOwnerPassword";
    public static final String KEPT_CASHIER_PASSWORD = "keptCashierPassword";
    /** The demo owner's staff id ({@code String}), e.g. for a sign-in link. */
    public static final String OWNER_STAFF_ID = "ownerStaffId";
    /** The three-minute plan the demo's vouchers are sold on. */
    public static final String SHORT_PLAN_ID = "shortPlanId";
    /** The purchased voucher's code ({@code String}). */
    public static final String PURCHASED_CODE = "purchasedCode";
    /** The batch voucher the demo logs in with, counts and expires ({@code String} code). */
    public static final String USED_CODE = "usedCode";
    /** The portal of the first router, where the demo bought its voucher ({@code String} id). */
    public static final String PORTAL_ID = "portalId";
    /** The voucher batch ordered through the API ({@code String} id). */
    public static final String BATCH_ID = "batchId";
    private static final Duration POLL_EVERY = Duration.ofMillis(100);
    private static final Duration POLL_AT_MOST_EVERY = Duration.ofSeconds(1);

    private final EmbeddedStack stack;
    private final DynamoDbClient dynamoDb;
    private final DynamoStore store;
    private final SecretsManagerClient secrets;
    private final List<RouterOsSimulator> routers;
    private final ProviderSimulator providers;
    private final Clock clock;
    private final PrintStream out;
    private final boolean fastForward;
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "wispbill-local-demo-background");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param fastForward whether steps move the simulated routers' clocks ahead instead of waiting in
     *                    real time for what takes minutes (a voucher's validity running out)
     */
    public DemoContext(EmbeddedStack stack, DynamoDbClient dynamoDb, DynamoStore store, SecretsManagerClient secrets,
                       List<RouterOsSimulator> routers, ProviderSimulator providers, Clock clock, PrintStream out,
                       boolean fastForward) {
        this.stack = stack;
        this.dynamoDb = dynamoDb;
        this.store = store;
        this.secrets = secrets;
        this.routers = List.copyOf(routers);
        this.providers = providers;
        this.fastForward = fastForward;
        this.clock = clock;
        this.out = out;
    }

    public EmbeddedStack stack() {
        return stack;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public DynamoStore store() {
        return store;
    }

    public SecretsManagerClient secrets() {
        return secrets;
    }

    public List<RouterOsSimulator> routers() {
        return routers;
    }

    /** The payment provider stand-ins (M-Pesa Daraja, Paystack, Stripe, Midtrans) the payment functions call. */
    public ProviderSimulator providers() {
        return providers;
    }

    public boolean fastForward() {
        return fastForward;
    }

    /** The name under which the routers step records {@code router}'s id. */
    public static String routerIdOf(RouterOsSimulator router) {
        return "routerId:" + router.state().identity();
    }

    public Clock clock() {
        return clock;
    }

    public PrintStream out() {
        return out;
    }

    /** Runs {@code body} after the steps, in the background; a failure is printed, not thrown. */
    public void background(String title, DemoStep.Body body) {
        background.execute(() -> {
            try {
                body.run(this);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception | Error e) {
                if (!background.isShutdown()) {
                    out.println("  " + title + " failed: " + e);
                }
            }
        });
    }

    /**
     * Waits until {@code probe} returns a value (what the functions do is asynchronous: queues,
     * pollers), checking after 100 ms, then less and less often (up to every second: the expiry
     * watcher waits minutes and would otherwise query DynamoDB ten times a second) for at most
     * {@code atMost}.
     */
    public <T> T await(String what, Duration atMost, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        long pauseMillis = POLL_EVERY.toMillis();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up after " + atMost.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(pauseMillis);
            pauseMillis = Math.min(POLL_AT_MOST_EVERY.toMillis(), pauseMillis * 3 / 2);
        }
    }

    public void put(String name, Object value) {
        values.put(name, value);
    }

    /** The value {@code name} if some step (or the run) put it. */
    public <T> Optional<T> find(String name, Class<T> type) {
        return Optional.ofNullable(values.get(name)).map(type::cast);
    }

    public <T> T get(String name, Class<T> type) {
        Object value = values.get(name);
        if (value == null) {
            throw new NoSuchElementException("no demo value '" + name + "' yet; the step that makes it has not run: " + values.keySet());
        }
        return type.cast(value);
    }

    /** Stops what runs in the background. */
    @Override
    public void close() {
        background.shutdownNow();
    }
}
