package com.wispbill.local;

import com.wispbill.local.demo.DemoContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A {@link LocalRun} started for a test in another package (the console's browser tests): ephemeral
 * ports, new keys, the demo fast-forwarded, as {@code LocalHotspotBrowserTest} starts it. What the run
 * printed is kept for failure messages.
 */
public final class StartedLocalRun implements AutoCloseable {
    private final LocalRun run;
    private final String printed;

    private StartedLocalRun(LocalRun run, String printed) {
        this.run = run;
        this.printed = printed;
    }

    /** Starts the whole system with {@code args} as {@code ./dev run} takes them (e.g. "--routers", "1"). */
    public static StartedLocalRun start(String... args) throws Exception {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--exit-after-start";
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LocalRun run = LocalRun.start(LocalRun.Options.parse(all), new PrintStream(captured, true, StandardCharsets.UTF_8), true);
        return new StartedLocalRun(run, captured.toString(StandardCharsets.UTF_8));
    }

    public DemoContext demo() {
        return run.demo();
    }

    /** The HTTP API's base, without {@code /v1}: {@code http://127.0.0.1:<port>}. */
    public URI apiEndpoint() {
        return run.demo().stack().httpApiEndpoint();
    }

    public String printed() {
        return printed;
    }

    @Override
    public void close() {
        run.close();
    }
}
