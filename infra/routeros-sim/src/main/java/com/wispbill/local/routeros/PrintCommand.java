package com.wispbill.local.routeros;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code print} (and its alias {@code getall}) for every menu: query words filter rows,
 * {@code =.proplist=} limits properties, {@code =count-only=} answers {@code !done =ret=<count>}, and
 * from RouterOS 7.18 a print without rows answers {@code !empty} before {@code !done}.
 */
final class PrintCommand {
    /** Arguments print accepts; the display ones change nothing in API replies. */
    private static final Set<String> ARGUMENTS = Set.of(".proplist", "count-only", "detail", "stats",
        "without-paging", "terse", "brief");

    private PrintCommand() {
    }

    static CommandResult run(List<Map<String, String>> rows, ApiRequest request, Function<String, ValueKind> kinds,
                             RouterOsVersion version) throws ApiTrap {
        if (!request.strayWords().isEmpty()) {
            throw ApiTrap.unknownParameter();
        }
        for (String argument : request.attributes().keySet()) {
            if (!ARGUMENTS.contains(argument)) {
                throw ApiTrap.unknownParameter();
            }
        }
        Query query = Query.compile(request.queries(), kinds);
        List<Map<String, String>> selected = new ArrayList<>();
        for (Map<String, String> row : rows) {
            if (query.test(row)) {
                selected.add(row);
            }
        }
        if (request.attributes().containsKey("count-only")) {
            return CommandResult.doneWithRet(Integer.toString(selected.size()));
        }
        String proplist = request.attributes().get(".proplist");
        if (proplist != null) {
            Set<String> wanted = new LinkedHashSet<>(Arrays.asList(proplist.split(",")));
            wanted.removeIf(String::isBlank);
            List<Map<String, String>> limited = new ArrayList<>(selected.size());
            for (Map<String, String> row : selected) {
                Map<String, String> copy = new LinkedHashMap<>();
                row.forEach((name, value) -> {
                    if (wanted.contains(name)) {
                        copy.put(name, value);
                    }
                });
                limited.add(copy);
            }
            selected = limited;
        }
        return CommandResult.rows(selected, version.sendsEmptyReply());
    }
}
