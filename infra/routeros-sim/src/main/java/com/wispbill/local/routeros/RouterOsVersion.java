package com.wispbill.local.routeros;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RouterOS version a simulated router runs. The version decides what the API speaks:
 * <ul>
 *   <li>before 6.43 only the challenge-response login exists: {@code /login} (with or without a name
 *       and password) answers {@code !done =ret=<challenge>}; 6.43 added the password login and kept
 *       the challenge as deprecated; 6.45.1 removed the challenge;</li>
 *   <li>from 7.18 a print that finds nothing answers {@code !empty} before {@code !done}.</li>
 * </ul>
 * {@link #toString()} is the version string {@code /system/resource/print} reports, such as
 * {@code 7.19.1 (stable)}.
 */
public record RouterOsVersion(int major, int minor, int patch, String channel) {
    /** Current stable: password login, {@code !empty} for empty prints. */
    public static final RouterOsVersion V7_19 = new RouterOsVersion(7, 19, 1, "stable");
    /** Last 7.x before {@code !empty}. */
    public static final RouterOsVersion V7_17 = new RouterOsVersion(7, 17, 2, "stable");
    /** 6.x long-term: password login, never {@code !empty}. */
    public static final RouterOsVersion V6_49 = new RouterOsVersion(6, 49, 10, "long-term");
    /** Before 6.43: challenge-response login only. */
    public static final RouterOsVersion V6_40 = new RouterOsVersion(6, 40, 9, "bugfix");

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:\\s*\\(([^)]+)\\))?");

    public RouterOsVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers cannot be negative");
        }
        Objects.requireNonNull(channel, "channel");
    }

    /**
     * Parses {@code 7.19.1}, {@code 6.40} or {@code 7.19.1 (stable)}. Without a channel, the one of the
     * matching constant above is used ({@code 6.49.10} is long-term), otherwise "stable".
     */
    public static RouterOsVersion parse(String text) {
        Matcher m = VERSION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a RouterOS version: " + text);
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        String channel = m.group(4);
        if (channel == null) {
            channel = "stable";
            for (RouterOsVersion known : List.of(V7_19, V7_17, V6_49, V6_40)) {
                if (known.major == major && known.minor == minor && known.patch == patch) {
                    channel = known.channel;
                }
            }
        }
        return new RouterOsVersion(major, minor, patch, channel);
    }

    /** True from 6.43: {@code /login =name= =password=} logs in directly. */
    public boolean supportsPasswordLogin() {
        return atLeast(6, 43, 0);
    }

    /** True before 6.45.1: a bare {@code /login} answers a challenge for the MD5 response login. */
    public boolean supportsChallengeLogin() {
        return !atLeast(6, 45, 1);
    }

    /** True from 7.18: a print without rows answers {@code !empty} then {@code !done}. */
    public boolean sendsEmptyReply() {
        return atLeast(7, 18, 0);
    }

    /** True if this version is {@code major.minor.patch} or later. */
    public boolean atLeast(int otherMajor, int otherMinor, int otherPatch) {
        if (major != otherMajor) {
            return major > otherMajor;
        }
        if (minor != otherMinor) {
            return minor > otherMinor;
        }
        return patch >= otherPatch;
    }

    /** The version number without the channel, e.g. {@code 7.19.1}. */
    public String number() {
        return patch == 0 ? major + "." + minor : major + "." + minor + "." + patch;
    }

    @Override
    public String toString() {
        return number() + " (" + channel + ")";
    }
}
