package com.wispbill.local.templatecheck;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which environment variables a function's code reads, from its sources: the function module's
 * classes reachable from the handler (by the class names they mention), and the shared modules'
 * static methods those classes call ({@code DynamoStore.fromEnvironment()}), followed through the
 * shared methods they call in turn ({@code TableNames.fromEnvironment()}). Deliberately generous
 * inside the function module (a mention counts) and exact in the shared ones, where one class has
 * factories for different variables.
 *
 * <p>For that to be complete, shared code may read the environment only in static methods and
 * only with literal names; {@link #sharedViolations()} reports anything else.
 */
final class EnvUsage {
    private static final Pattern QUALIFIED_CALL = Pattern.compile("\\b([A-Z][A-Za-z0-9_$]*)\\s*(?:\\.|::)\\s*([a-z_$][A-Za-z0-9_$]*)\\b");
    private static final Pattern UNQUALIFIED_CALL = Pattern.compile("(?<![.\\w$])([a-z_$][A-Za-z0-9_$]*)\\s*\\(");

    private record MethodRef(String className, String method) {
        @Override
        public String toString() {
            return className + "." + method + "()";
        }
    }

    private final Map<String, JavaSource> shared = new LinkedHashMap<>();
    /** Shared methods reading the environment, directly or through other shared methods: variable → how. */
    private final Map<MethodRef, Map<String, String>> sharedReads = new LinkedHashMap<>();

    EnvUsage(List<JavaSource> sharedSources) {
        sharedSources.forEach(s -> shared.put(s.className, s));
        computeSharedReads();
    }

    /** Variable → where it is read, for a function whose module has {@code moduleSources} and handler {@code handlerClass}. */
    Map<String, String> readsOf(List<JavaSource> moduleSources, String handlerClass) {
        Map<String, JavaSource> module = new LinkedHashMap<>();
        moduleSources.forEach(s -> module.put(s.className, s));
        Set<String> reachable = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(handlerClass));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (module.containsKey(name) && reachable.add(name)) {
                module.get(name).identifiers.stream().filter(module::containsKey).forEach(todo::push);
            }
        }
        Map<String, String> reads = new TreeMap<>();
        for (String name : reachable) {
            JavaSource source = module.get(name);
            source.envReads.forEach(r -> reads.putIfAbsent(r.variable(), source.className + ".java"));
            for (MethodRef call : sharedCalls(source, null)) {
                sharedReads.getOrDefault(call, Map.of()).forEach((variable, how) ->
                        reads.putIfAbsent(variable, source.className + ".java → " + call + how));
            }
        }
        return reads;
    }

    /** Module sources passing a non-literal name to Env (the check cannot see what they read). */
    static List<String> nonLiteralReads(List<JavaSource> sources) {
        return sources.stream().filter(s -> s.nonLiteralEnvCalls > 0)
                .map(s -> s.path + ": Env.require/optional with a non-literal name; pass the variable name as a literal")
                .toList();
    }

    /** Shared code the check cannot follow: Env reads outside static methods, or with non-literal names. */
    List<String> sharedViolations() {
        List<String> problems = new ArrayList<>(nonLiteralReads(List.copyOf(shared.values())));
        for (JavaSource source : shared.values()) {
            for (JavaSource.EnvRead read : source.envReads) {
                if (source.methodAt(read.offset()).isEmpty()) {
                    problems.add(source.path + ": Env read of " + read.variable() + " outside a method; read it in a static factory");
                }
            }
        }
        sharedReads.forEach((method, reads) -> {
            boolean anyInstance = shared.get(method.className()).methodsNamed(method.method()).stream().anyMatch(m -> !m.isStatic());
            if (anyInstance) {
                problems.add(shared.get(method.className()).path + ": " + method + " reads " + reads.keySet()
                        + " but is not static; only static factories (fromEnvironment()) may read the environment,"
                        + " so that the template check can tell which functions need the variables");
            }
        });
        return problems;
    }

    private void computeSharedReads() {
        // Direct reads, per enclosing method.
        for (JavaSource source : shared.values()) {
            for (JavaSource.EnvRead read : source.envReads) {
                source.methodAt(read.offset()).ifPresent(m ->
                        sharedReads.computeIfAbsent(new MethodRef(source.className, m.name()), k -> new TreeMap<>())
                                .putIfAbsent(read.variable(), ""));
            }
        }
        // Then through calls between shared methods, until nothing changes.
        boolean changed = true;
        while (changed) {
            changed = false;
            for (JavaSource source : shared.values()) {
                for (JavaSource.Method method : source.methods) {
                    MethodRef caller = new MethodRef(source.className, method.name());
                    for (MethodRef callee : sharedCalls(source, method)) {
                        if (callee.equals(caller)) {
                            continue;
                        }
                        for (Map.Entry<String, String> read : sharedReads.getOrDefault(callee, Map.of()).entrySet()) {
                            Map<String, String> callerReads = sharedReads.computeIfAbsent(caller, k -> new TreeMap<>());
                            if (!callerReads.containsKey(read.getKey())) {
                                callerReads.put(read.getKey(), " → " + callee + read.getValue());
                                changed = true;
                            }
                        }
                    }
                }
            }
        }
        sharedReads.values().removeIf(Map::isEmpty);
    }

    /** Shared methods called from {@code within} (a method of {@code source}, or the whole file if null). */
    private Set<MethodRef> sharedCalls(JavaSource source, JavaSource.Method within) {
        String code = within == null ? source.code : source.code.substring(within.bodyStart(), within.bodyEnd() + 1);
        Set<MethodRef> calls = new HashSet<>();
        Matcher q = QUALIFIED_CALL.matcher(code);
        while (q.find()) {
            JavaSource target = shared.get(q.group(1));
            if (target != null && !target.methodsNamed(q.group(2)).isEmpty()) {
                calls.add(new MethodRef(target.className, q.group(2)));
            }
        }
        if (shared.containsKey(source.className)) {
            Matcher u = UNQUALIFIED_CALL.matcher(code);
            while (u.find()) {
                if (!source.methodsNamed(u.group(1)).isEmpty()) {
                    calls.add(new MethodRef(source.className, u.group(1)));
                }
            }
        }
        return calls;
    }
}
