package com.wispbill.local;

import com.sun.management.OperatingSystemMXBean;
import com.wispbill.domain.Router;
import com.wispbill.domain.RouterStatus;
import com.wispbill.local.demo.DemoBusiness;
import com.wispbill.local.demo.DemoContext;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code ./dev cpu [SECONDS]}: how much CPU the local run burns when nothing happens. Starts
 * {@code ./dev run} as usual (routers, demo), then measures this JVM's CPU time over two windows of
 * SECONDS each (default 120): idle after the demo, and after a 50-voucher batch for a router whose
 * API login is not in Secrets Manager, so its 51 router commands (one bulk message: the profile and 50
 * users) fail and wait on the FIFO queue for their retry while the batch stays PENDING_ROUTER. Prints
 * both as a share of one core and exits non-zero above {@link #LIMIT_PERCENT}.
 */
public final class CpuCheck {
    static final double LIMIT_PERCENT = 5.0;
    static final int BATCH_QUANTITY = 50;

    private CpuCheck() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        System.exit(run(Duration.ofSeconds(seconds), System.out) ? 0 : 1);
    }

    /** Runs both windows and prints them; true when both stay within {@link #LIMIT_PERCENT}. */
    static boolean run(Duration window, PrintStream out) throws Exception {
        try (LocalRun run = LocalRun.start(new LocalRun.Options(3, true, false), out)) {
            out.printf("%nCPU of this JVM (all threads: stack, functions, routers), share of one core:%n");
            double idle = measure(window);
            out.printf("  idle after the demo            %5.1f %% over %d s%n", idle, window.toSeconds());
            DemoContext demo = run.demo();
            String routerId = routerWithoutCredentials(demo);
            String batchId = DemoBusiness.orderBatch(demo, routerId, BATCH_QUANTITY).path("id").asText();
            VoucherBatch pending = DemoBusiness.awaitStatus(demo, batchId, VoucherBatchStatus.PENDING_ROUTER);
            double waiting = measure(window);
            out.printf("  %d router commands waiting     %5.1f %% over %d s (batch %s for router %s, no login stored)%n",
                    BATCH_QUANTITY + 1, waiting, window.toSeconds(), batchId, routerId);
            out.printf("  batch %s: %s%n", demo.store().voucherBatches().get(pending.resellerId(), batchId).status(),
                    demo.store().voucherBatches().get(pending.resellerId(), batchId).pendingReason().orElse(""));
            boolean ok = idle <= LIMIT_PERCENT && waiting <= LIMIT_PERCENT;
            out.println(ok ? "  within " + LIMIT_PERCENT + " %" : "  ABOVE " + LIMIT_PERCENT + " %");
            return ok;
        }
    }

    /** A router of the demo reseller with no API login in Secrets Manager: every command to it fails and is retried. */
    private static String routerWithoutCredentials(DemoContext demo) {
        String resellerId = demo.get(DemoContext.RESELLER_ID, String.class);
        Router router = Router.builder().newId(demo.clock()).resellerId(resellerId).name("no-login")
                .host("127.0.0.1").apiPort(8728).useTls(false).allowPlainApi(true).hotspotServer("hotspot1")
                .site("Router without credentials").status(RouterStatus.ACTIVE).createdAt(demo.clock().instant()).build();
        demo.store().routers().create(router);
        return router.id();
    }

    /** This JVM's CPU time over {@code window} as a percentage of one core. */
    static double measure(Duration window) throws InterruptedException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        Thread.sleep(window);
        long cpu = os.getProcessCpuTime() - cpuBefore;
        long wall = System.nanoTime() - wallBefore;
        return Double.parseDouble(String.format(Locale.ROOT, "%.1f", 100.0 * cpu / wall));
    }
}
