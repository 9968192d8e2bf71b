package com.wispbill.adapters.logging;

import java.util.Locale;
import org.slf4j.event.Level;

/**
 * Which events are written and how. In Lambda: WISPbill's own loggers ({@code com.wispbill...}) INFO
 * (applied commands, reconcile results, notification ids with masked phone numbers, never SMS texts,
 * passwords or whole voucher codes: LogSafe); the security log ({@code wispbill.security}, refused
 * webhooks) and the libraries WARN; JSON lines.
 *
 * <p>Outside Lambda, system properties (never set in template.yaml) change that for the whole JVM:
 * {@value JsonLogProvider#FORMAT_PROPERTY}{@code =text} writes plain lines for a person at a terminal ({@code ./dev run},
 * tests), {@value JsonLogProvider#LEVEL_PROPERTY}{@code =ERROR} (or WARN, INFO, DEBUG, TRACE) is every logger's level.
 */
record LogSettings(Level wispbillLevel, Level securityLevel, Level otherLevel, Format format) {
    static final String WISPBILL_LOGGERS = "com.wispbill";
    static final String SECURITY_LOGGER = "wispbill.security";

    enum Format { JSON, TEXT }

    static final LogSettings LAMBDA = new LogSettings(Level.INFO, Level.WARN, Level.WARN, Format.JSON);

    static LogSettings fromSystemProperties() {
        String format = System.getProperty(JsonLogProvider.FORMAT_PROPERTY);
        String level = System.getProperty(JsonLogProvider.LEVEL_PROPERTY);
        LogSettings settings = LAMBDA;
        if (format != null && !format.isBlank()) {
            settings = settings.withFormat(Format.valueOf(format.strip().toUpperCase(Locale.ROOT)));
        }
        if (level != null && !level.isBlank()) {
            settings = settings.withEveryLevel(Level.valueOf(level.strip().toUpperCase(Locale.ROOT)));
        }
        return settings;
    }

    LogSettings withFormat(Format newFormat) {
        return new LogSettings(wispbillLevel, securityLevel, otherLevel, newFormat);
    }

    LogSettings withEveryLevel(Level level) {
        return new LogSettings(level, level, level, format);
    }

    /** The least severe level the logger named {@code name} writes. */
    Level threshold(String name) {
        if (isUnder(name, WISPBILL_LOGGERS)) {
            return wispbillLevel;
        }
        if (isUnder(name, SECURITY_LOGGER)) {
            return securityLevel;
        }
        return otherLevel;
    }

    private static boolean isUnder(String name, String parent) {
        return name.equals(parent) || name.startsWith(parent) && name.charAt(parent.length()) == '.';
    }
}
