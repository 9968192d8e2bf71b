package com.wispbill.local.console;

import com.wispbill.local.StartedLocalRun;
import com.wispbill.local.demo.DemoContext;
import java.io.IOException;

/**
 * The local run, with the console as it serves it (its own origin, the template's security headers, the
 * HTTP API cross-origin through its CORS, as on AWS), started once per test class, and browsers on it holding
 * the demo owner's credential (its API key: a reseller's key counts as the owner).
 */
final class ConsoleRun implements AutoCloseable {
    final StartedLocalRun run;

    private ConsoleRun(StartedLocalRun run) {
        this.run = run;
    }

    /** Starts the system with {@code args} as {@code ./dev run} takes them, the console with it. */
    static ConsoleRun start(String... args) throws Exception {
        return new ConsoleRun(StartedLocalRun.start(args));
    }

    /** A browser of {@code width} × {@code height} on the console, signed in as the demo owner (nothing opened yet). */
    ConsoleBrowser asOwner(int width, int height) throws IOException {
        ConsoleBrowser browser = new ConsoleBrowser(run.consoleUri(), width, height);
        browser.open("/");
        browser.awaitReady("sign-in");
        browser.useToken(run.demo().get(DemoContext.API_KEY, String.class));
        return browser;
    }

    @Override
    public void close() {
        run.close();
    }
}
