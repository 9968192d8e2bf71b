package com.wispbill.adapters.logging;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.spi.MDCAdapter;

/** One {@link LineLogger} per name, each with its level fixed when it is first asked for. */
final class LoggerRegistry implements ILoggerFactory {
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final LogSettings settings;
    private final LogOutput output;
    private final MDCAdapter mdc;
    private final Clock clock;

    LoggerRegistry(LogSettings settings, LogOutput output, MDCAdapter mdc) {
        this(settings, output, mdc, Clock.systemUTC());
    }

    LoggerRegistry(LogSettings settings, LogOutput output, MDCAdapter mdc, Clock clock) {
        this.settings = settings;
        this.output = output;
        this.mdc = mdc;
        this.clock = clock;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name,
                n -> new LineLogger(n, settings.threshold(n), settings.format(), output, mdc, clock));
    }
}
