package com.wispbill.router.operations;

import com.wispbill.router.routeros.RouterOsCommand;
import com.wispbill.router.routeros.RouterOsException;
import com.wispbill.router.routeros.RouterOsSession;
import java.util.List;
import java.util.Map;

/**
 * A session that lets "another writer" change the router once, right before a command with the given
 * path is sent: the window between an operation's read and its write, made exact.
 */
final class RacingSession implements RouterOsSession {
    private final RouterOsSession delegate;
    private final String path;
    private Runnable interference;

    RacingSession(RouterOsSession delegate, String path, Runnable interference) {
        this.delegate = delegate;
        this.path = path;
        this.interference = interference;
    }

    @Override
    public String routerId() {
        return delegate.routerId();
    }

    @Override
    public List<Map<String, String>> execute(RouterOsCommand command) throws RouterOsException {
        if (interference != null && command.path().equals(path)) {
            Runnable once = interference;
            interference = null;
            once.run();
        }
        return delegate.execute(command);
    }

    @Override
    public boolean isUsable() {
        return delegate.isUsable();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
