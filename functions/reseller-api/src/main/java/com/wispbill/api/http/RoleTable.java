package com.wispbill.api.http;

import com.wispbill.domain.staff.StaffRole;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * THE role-to-route table: which {@link Access} levels each role reaches. Every route declares its level
 * ({@link Route#access()}); the dispatcher refuses a route whose level the caller's role does not reach (403),
 * and {@code GET /v1/me} lists, from the same table, every route the caller may call, which is all the console
 * uses to decide what to show. A reseller's API key counts as {@link StaffRole#OWNER}, an operator key as
 * {@link StaffRole#OPERATOR}.
 */
public final class RoleTable {
    private static final Map<StaffRole, Set<Access>> LEVELS = new EnumMap<>(Map.of(
            StaffRole.CASHIER, EnumSet.of(Access.PUBLIC, Access.SIGNED_IN, Access.SELL),
            StaffRole.MANAGER, EnumSet.of(Access.PUBLIC, Access.SIGNED_IN, Access.SELL, Access.MANAGE),
            StaffRole.OWNER, EnumSet.of(Access.PUBLIC, Access.SIGNED_IN, Access.SELL, Access.MANAGE, Access.OWN),
            StaffRole.OPERATOR, EnumSet.allOf(Access.class)));

    private RoleTable() {
    }

    public static boolean allows(StaffRole role, Access access) {
        return LEVELS.get(role).contains(access);
    }

    /** Every {@code "METHOD /template"} of {@code routes} that {@code role} may call, in the table's order. */
    public static List<String> routesFor(StaffRole role, RouteTable routes) {
        return routes.routes().stream().filter(r -> allows(role, r.access()))
                .map(r -> r.method() + " " + r.template()).toList();
    }
}
