package com.wispbill.local.console;

import com.wispbill.local.StartedLocalRun;
import com.wispbill.local.demo.DemoContext;
import java.io.IOException;

/**
 * The local run and the console served on it, started once per test class, and browsers on it holding the demo
 * owner's credential (its API key: a reseller's key counts as the owner).
 */
final class ConsoleRun implements AutoCloseable {
    final StartedLocalRun run;
    final ConsoleServer console;

    private ConsoleRun(StartedLocalRun run, ConsoleServer console) {
        this.run = run;
        this.console = console;
    }

    /** Starts the system with {@code args} as {@code ./dev run} takes them, and the console on it. */
    static ConsoleRun start(String... args) throws Exception {
        StartedLocalRun run = StartedLocalRun.start(args);
        try {
            return new ConsoleRun(run, ConsoleServer.start(run.apiEndpoint()));
        } catch (IOException | RuntimeException e) {
            run.close();
            throw e;
        }
    }

    /** A browser of {@code width} × {@code height} on the console, signed in as the demo owner (nothing opened yet). */
    ConsoleBrowser asOwner(int width, int height) throws IOException {
        ConsoleBrowser browser = new ConsoleBrowser(console.baseUri(), width, height);
        browser.open("/");
        browser.awaitReady("sign-in");
        browser.useToken(run.demo().get(DemoContext.API_KEY, String.class));
        return browser;
    }

    @Override
    public void close() {
        console.close();
        run.close();
    }
}
