package com.wispbill.api.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Matches a method and path to a {@link Route}: segment by segment, a literal segment beating a
 * {@code {parameter}} at the same position, so {@code /v1/resellers/me} could never be taken for an id.
 */
public final class RouteTable {
    private final List<Route> routes;

    /** A match: the route and the decoded path parameters. */
    public record Match(Route route, Map<String, String> pathParameters) {
    }

    public RouteTable(List<Route> routes) {
        Set<String> seen = new TreeSet<>();
        for (Route r : routes) {
            if (!seen.add(r.method() + " " + r.template())) {
                throw new IllegalArgumentException("route declared twice: " + r.method() + " " + r.template());
            }
        }
        this.routes = List.copyOf(routes);
    }

    public List<Route> routes() {
        return routes;
    }

    /** The route for {@code method} and {@code path}; empty if no route has the path. */
    public Optional<Match> match(String method, String path) {
        List<String> segments = List.of(trimSlash(path).split("/", -1));
        Match best = null;
        int bestScore = -1;
        for (Route route : routes) {
            if (!route.method().equals(method)) {
                continue;
            }
            Optional<Map<String, String>> params = bind(route, segments);
            if (params.isPresent()) {
                int score = literalScore(route);
                if (score > bestScore) {
                    best = new Match(route, params.get());
                    bestScore = score;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The methods that have a route for {@code path} (for 405 and its Allow header). */
    public Set<String> methodsFor(String path) {
        List<String> segments = List.of(trimSlash(path).split("/", -1));
        Set<String> methods = new TreeSet<>();
        routes.stream().filter(r -> bind(r, segments).isPresent()).forEach(r -> methods.add(r.method()));
        return methods;
    }

    private static String trimSlash(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.endsWith("/") && !p.isEmpty() ? p.substring(0, p.length() - 1) : p;
    }

    private static Optional<Map<String, String>> bind(Route route, List<String> segments) {
        List<String> template = route.segments();
        if (template.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            String s = segments.get(i);
            if (Route.isParameter(t)) {
                String value = URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                params.put(t.substring(1, t.length() - 1), value);
            } else if (!t.equals(s)) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** Literal segments, weighted by position: earlier literals matter more. */
    private static int literalScore(Route route) {
        List<String> template = route.segments();
        int score = 0;
        for (String segment : template) {
            score = score * 2 + (Route.isParameter(segment) ? 0 : 1);
        }
        return score;
    }

    /** Routes grouped by template, for documentation checks. */
    public Map<String, List<String>> methodsByTemplate() {
        Map<String, List<String>> byTemplate = new LinkedHashMap<>();
        routes.forEach(r -> byTemplate.computeIfAbsent(r.template(), t -> new ArrayList<>()).add(r.method()));
        return byTemplate;
    }
}
