package com.wispbill.adapters.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The one logging backend of every function jar, found by SLF4J through
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}: WISPbill's code, the AWS SDK and the
 * libraries all log through SLF4J, and each event becomes one JSON line on stdout, which Lambda sends to
 * CloudWatch ({@link LogLine} has the fields). It replaces Log4j with Powertools' JSON layout, whose start
 * was about 1,950 classes of every cold start and 2.1 MB of every jar (README, Cold start): this provider
 * loads a handful of classes and no JSON library.
 *
 * <p>Levels ({@link LogSettings}): WISPbill's own loggers INFO, the security log and everything else
 * WARN. A local run or a test may ask for plain text lines or another level through system properties.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {
    /** System property: {@code text} for plain lines instead of JSON (local runs, tests; see {@link LogSettings}). */
    public static final String FORMAT_PROPERTY = "wispbill.log.format";
    /** System property: one level (ERROR, WARN, INFO, DEBUG, TRACE) for every logger (local runs, tests). */
    public static final String LEVEL_PROPERTY = "wispbill.log.level";

    private volatile LoggerRegistry loggers;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new ThreadMdc();

    @Override
    public void initialize() {
        loggers = new LoggerRegistry(LogSettings.fromSystemProperties(), LogOutput.standardOutput(), mdc);
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
