package com.wispbill.domain.routerdriver;

/** The kinds of router objects the driver manages, each a RouterOS menu. */
public enum DesiredObjectKind {
    HOTSPOT_USER,
    PPP_SECRET,
    HOTSPOT_PROFILE,
    PPP_PROFILE
}
