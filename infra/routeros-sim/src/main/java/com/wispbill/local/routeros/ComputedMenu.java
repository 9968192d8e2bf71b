package com.wispbill.local.routeros;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A menu whose rows the router computes: active sessions, interfaces, system resource and identity.
 * {@code print}/{@code getall} work on the rows; other verbs are given per menu (e.g. {@code remove}
 * on active sessions kicks them).
 */
final class ComputedMenu implements Menu {
    /** A verb besides print. */
    @FunctionalInterface
    interface Verb {
        CommandResult run(ApiRequest request) throws ApiTrap;
    }

    private final Supplier<List<Map<String, String>>> rows;
    private final Function<String, ValueKind> kinds;
    private final Map<String, Verb> verbs;

    ComputedMenu(Supplier<List<Map<String, String>>> rows, Function<String, ValueKind> kinds, Map<String, Verb> verbs) {
        this.rows = rows;
        this.kinds = kinds;
        this.verbs = Map.copyOf(verbs);
    }

    @Override
    public CommandResult execute(String verb, ApiRequest request, RouterOsVersion version) throws ApiTrap {
        if (verb.equals("print") || verb.equals("getall")) {
            return PrintCommand.run(rows.get(), request, kinds, version);
        }
        Verb handler = verbs.get(verb);
        if (handler == null) {
            throw new ApiTrap("no such command");
        }
        if (!request.strayWords().isEmpty()) {
            throw ApiTrap.unknownParameter();
        }
        return handler.run(request);
    }
}
