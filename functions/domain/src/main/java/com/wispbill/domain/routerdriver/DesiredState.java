package com.wispbill.domain.routerdriver;

/** What billing wants for one named object on a router. */
public enum DesiredState {
    /** Exists and may be used. */
    ENABLED,
    /** Exists (if it ever was created) with {@code disabled=yes}. */
    DISABLED,
    /** Must not exist. */
    REMOVED
}
