package com.wispbill.local.routeros;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds back the replies of matching commands until released (see {@link Faults#holdReplies}). The
 * commands are applied when they arrive; only their replies wait. This makes "a slow command" exact
 * for tests: replies of other commands on the same connection overtake it, and {@code /cancel} can
 * interrupt it, without any timing.
 */
public final class ReplyGate implements AutoCloseable {
    private final String commandPath;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger held = new AtomicInteger();
    private final Runnable onRelease;

    ReplyGate(String commandPath, Runnable onRelease) {
        this.commandPath = commandPath;
        this.onRelease = onRelease;
    }

    /** The command word this gate matches, or {@link Faults#ANY_COMMAND}. */
    public String commandPath() {
        return commandPath;
    }

    /** How many commands have been caught by this gate so far. */
    public int heldCommands() {
        return held.get();
    }

    /** Lets every held reply go and stops holding new ones. */
    public void release() {
        released.countDown();
        onRelease.run();
    }

    /** Same as {@link #release()}, so a gate can be a try-with-resources resource. */
    @Override
    public void close() {
        release();
    }

    boolean isReleased() {
        return released.getCount() == 0;
    }

    void hold() {
        held.incrementAndGet();
    }

    /** Blocks the reply stream until released; interrupted when the command is cancelled or the connection closes. */
    void awaitRelease() throws InterruptedException {
        released.await();
    }
}
