package com.wispbill.router.routeros;

import java.util.List;
import java.util.Map;

/**
 * A logged-in API connection to one router. A queue consumer opens one per router per invocation,
 * runs that router's commands through it in order, and closes it; {@link #isUsable()} says whether it
 * can still be used after an error.
 *
 * <p>Not thread-safe: one caller at a time (the driver never runs two commands for one router at once,
 * its queue being FIFO per router).
 */
public interface RouterOsSession extends AutoCloseable {

    /** The id of the router this session is connected to (for messages and logs). */
    String routerId();

    /**
     * Runs {@code command} and returns its rows ({@code !re}), each a map of attribute to value. A
     * {@code !done} that carries {@code =ret=} (the id of an added item) adds a last row
     * {@code {ret=*id}}. A print that finds nothing returns an empty list, on every RouterOS version.
     *
     * @throws RouterOsTrapException      the router refused the command; the session stays usable
     * @throws RouterOsTimeoutException   no complete answer within the command timeout; the session is
     *                                    no longer usable
     * @throws RouterUnreachableException the connection is or became broken; the session is no longer usable
     * @throws IllegalArgumentException   a value cannot be transmitted unchanged (nothing is sent)
     */
    List<Map<String, String>> execute(RouterOsCommand command) throws RouterOsException;

    /** False once the session is closed, timed out or lost its connection: open a new one then. */
    boolean isUsable();

    /** Closes the connection and stops the API client's threads. Idempotent; never throws. */
    @Override
    void close();
}
