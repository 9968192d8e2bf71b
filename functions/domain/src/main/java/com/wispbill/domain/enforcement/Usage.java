package com.wispbill.domain.enforcement;

/** An amount of usage: bytes each way and connected seconds. */
public record Usage(long bytesIn, long bytesOut, long uptimeSeconds) {
    public static final Usage NONE = new Usage(0, 0, 0);

    public Usage {
        if (bytesIn < 0 || bytesOut < 0 || uptimeSeconds < 0) {
            throw new IllegalArgumentException("usage is never negative");
        }
    }

    public Usage plus(Usage other) {
        return new Usage(Math.addExact(bytesIn, other.bytesIn), Math.addExact(bytesOut, other.bytesOut),
                Math.addExact(uptimeSeconds, other.uptimeSeconds));
    }

    public long totalBytes() {
        return Math.addExact(bytesIn, bytesOut);
    }
}
