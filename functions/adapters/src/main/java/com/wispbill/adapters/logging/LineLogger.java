package com.wispbill.adapters.logging;

import java.time.Clock;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;

/**
 * A logger of {@link JsonLogProvider}: an event at or above its level becomes one line
 * ({@link LogLine}) with the message formatted the SLF4J way ({@code {}} placeholders; a throwable as
 * the last argument is the event's error), the thread's MDC and the time of the event.
 */
final class LineLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final int threshold;
    private final transient LogSettings.Format format;
    private final transient LogOutput output;
    private final transient MDCAdapter mdc;
    private final transient Clock clock;

    LineLogger(String name, Level threshold, LogSettings.Format format, LogOutput output, MDCAdapter mdc, Clock clock) {
        this.name = name;
        this.threshold = threshold.toInt();
        this.format = format;
        this.output = output;
        this.mdc = mdc;
        this.clock = clock;
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold;
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable throwable) {
        String message;
        Throwable error = throwable;
        if (throwable == null) {
            FormattingTuple formatted = MessageFormatter.arrayFormat(pattern, arguments);
            message = formatted.getMessage();
            error = formatted.getThrowable();
        } else {
            message = MessageFormatter.basicArrayFormat(pattern, arguments);
        }
        LogLine line = new LogLine(clock.millis(), level, name, Thread.currentThread().getName(), message, error,
                mdc.getCopyOfContextMap(),
                System.getProperty(LogLine.TRACE_HEADER_PROPERTY));
        output.write(format == LogSettings.Format.TEXT ? line.text() : line.json());
    }
}
