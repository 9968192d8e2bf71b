package com.wispbill.local.stack;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP API route selection as API Gateway does it: among the routes whose method and path match,
 * the most specific wins. Segment by segment a literal beats a {@code {param}}, which beats a
 * greedy {@code {proxy+}}; a route for the request's method beats {@code ANY}; {@code $default}
 * catches what nothing else matched.
 */
final class HttpRoutes {

    /** A route of the template bound to its function. */
    record Route(String method, String path, LambdaFunction function, String apiLogicalId) {
        /** A route of the template's one API (or of an API whose id does not matter). */
        Route(String method, String path, LambdaFunction function) {
            this(method, path, function, null);
        }

        String routeKey() {
            return path == null ? "$default" : method + " " + path;
        }
    }

    /** The chosen route and the path parameters it captured (decoded). */
    record Match(Route route, Map<String, String> pathParameters) {}

    private enum Kind { LITERAL, PARAMETER, GREEDY }

    private record Segment(Kind kind, String text) {}

    private record Compiled(Route route, List<Segment> segments) {}

    private final List<Compiled> routes = new ArrayList<>();
    private Route defaultRoute;

    /** Adds a route; a second route with the same key is a template error. */
    void add(Route route) {
        if (route.path() == null) {
            if (defaultRoute != null) {
                throw new StackException("Two functions claim the HTTP API $default route: "
                        + defaultRoute.function().logicalId() + " and " + route.function().logicalId());
            }
            defaultRoute = route;
            return;
        }
        for (Compiled existing : routes) {
            if (existing.route.routeKey().equals(route.routeKey())) {
                throw new StackException("HTTP API route '" + route.routeKey() + "' is defined twice: by "
                        + existing.route.function().logicalId() + " and " + route.function().logicalId());
            }
        }
        routes.add(new Compiled(route, compile(route.path())));
    }

    List<Route> all() {
        List<Route> all = new ArrayList<>(routes.stream().map(Compiled::route).toList());
        if (defaultRoute != null) {
            all.add(defaultRoute);
        }
        return all;
    }

    boolean isEmpty() {
        return routes.isEmpty() && defaultRoute == null;
    }

    /**
     * The route {@code rawPath} belongs to whatever the method (for a preflight, which API Gateway
     * answers for the API whose routes have the path): the route of the first method that has one.
     */
    Optional<Route> anyRouteOf(String rawPath) {
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD")) {
            Optional<Match> match = resolve(method, rawPath);
            if (match.isPresent()) {
                return Optional.of(match.get().route());
            }
        }
        return Optional.empty();
    }

    Optional<Match> resolve(String method, String rawPath) {
        List<String> requestSegments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                requestSegments.add(decodePathSegment(raw));
            }
        }
        String upperMethod = method.toUpperCase(Locale.ROOT);
        Compiled best = null;
        Map<String, String> bestParameters = null;
        for (Compiled candidate : routes) {
            boolean methodMatches = candidate.route.method().equals("ANY") || candidate.route.method().equals(upperMethod);
            if (!methodMatches) {
                continue;
            }
            Map<String, String> parameters = match(candidate.segments, requestSegments);
            if (parameters != null && (best == null || SPECIFICITY.compare(candidate, best) < 0)) {
                best = candidate;
                bestParameters = parameters;
            }
        }
        if (best != null) {
            return Optional.of(new Match(best.route, bestParameters));
        }
        return defaultRoute == null ? Optional.empty() : Optional.of(new Match(defaultRoute, Map.of()));
    }

    private static final Comparator<Compiled> SPECIFICITY = (a, b) -> {
        int n = Math.min(a.segments.size(), b.segments.size());
        for (int i = 0; i < n; i++) {
            int c = a.segments.get(i).kind.compareTo(b.segments.get(i).kind);
            if (c != 0) {
                return c;
            }
        }
        if (a.segments.size() != b.segments.size()) {
            return Integer.compare(b.segments.size(), a.segments.size());
        }
        return Boolean.compare(a.route.method().equals("ANY"), b.route.method().equals("ANY"));
    };

    private static Map<String, String> match(List<Segment> pattern, List<String> request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            Segment segment = pattern.get(i);
            if (segment.kind == Kind.GREEDY) {
                if (i >= request.size()) {
                    return null; // {proxy+} needs at least one segment
                }
                parameters.put(segment.text, String.join("/", request.subList(i, request.size())));
                return parameters;
            }
            if (i >= request.size()) {
                return null;
            }
            if (segment.kind == Kind.LITERAL) {
                if (!segment.text.equals(request.get(i))) {
                    return null;
                }
            } else {
                parameters.put(segment.text, request.get(i));
            }
        }
        return pattern.size() == request.size() ? parameters : null;
    }

    private static List<Segment> compile(String path) {
        List<Segment> segments = new ArrayList<>();
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                continue;
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                String name = part.substring(1, part.length() - 1);
                if (name.endsWith("+")) {
                    if (i != parts.length - 1) {
                        throw new StackException("HTTP API path " + path + ": a greedy {" + name + "} must be the last segment");
                    }
                    segments.add(new Segment(Kind.GREEDY, name.substring(0, name.length() - 1)));
                } else {
                    segments.add(new Segment(Kind.PARAMETER, name));
                }
            } else {
                segments.add(new Segment(Kind.LITERAL, part));
            }
        }
        return segments;
    }

    /** Percent-decoding of one path segment ('+' stays '+': it only means space in queries). */
    static String decodePathSegment(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw; // malformed escapes are matched literally
        }
    }
}
