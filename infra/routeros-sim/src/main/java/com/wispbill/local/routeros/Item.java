package com.wispbill.local.routeros;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One item of a configuration menu: its internal id, the stored property values (in printed form)
 * and, for menus that count (hotspot users), the usage totals. Guarded by the {@link RouterState}
 * lock; never handed out of the package.
 */
final class Item {
    final long id;
    final Map<String, String> values = new LinkedHashMap<>();
    long bytesIn;
    long bytesOut;
    Duration uptime = Duration.ZERO;

    Item(long id) {
        this.id = id;
    }

    String idText() {
        return ValueFormats.formatId(id);
    }

    String get(String property) {
        return values.get(property);
    }

    boolean disabled() {
        return "true".equals(values.get("disabled"));
    }
}
