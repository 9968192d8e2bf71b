package com.wispbill.local.templatecheck;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which environment variables a function's code reads, found in its sources: the
 * {@code Env.require("X")}/{@code Env.optional("X")} literals in the code reachable from its handler
 * class, across the function module and the shared modules. Reachability is by name, without
 * types: from every method of the handler, a method is reached when reached code calls it
 * ({@code Type.name(…)}, {@code Type::name}, {@code new Type(…)}, {@code name(…)} in its own class,
 * or {@code x.name(…)}/{@code x::name} on any receiver for the classes reached code mentions), and a
 * mentioned class's field initialisers count as reached. That over-approximates what runs (a
 * {@code .get(…)} reaches every {@code get} of a mentioned class) but does not mix up two functions
 * sharing a wiring class whose factories read different variables.
 */
final class EnvUsage {
    private static final Pattern TYPE_CALL = Pattern.compile("\\b([A-Z][A-Za-z0-9_$]*)\\s*(?:\\.|::)\\s*([a-z_$][A-Za-z0-9_$]*)\\s*[(:]?");
    private static final Pattern NEW_CALL = Pattern.compile("\\bnew\\s+([A-Z][A-Za-z0-9_$]*)\\s*(?:<[^>]*>)?\\s*\\(");
    private static final Pattern MEMBER_CALL = Pattern.compile("(?:\\.|::)\\s*([a-z_$][A-Za-z0-9_$]*)");
    private static final Pattern TYPE_NAME = Pattern.compile("\\b[A-Z][A-Za-z0-9_$]*\\b");
    private static final Pattern OWN_CALL = Pattern.compile("(?<![.\\w$:])([a-z_$][A-Za-z0-9_$]*)\\s*\\(");
    private static final Pattern THIS_CALL = Pattern.compile("(?<![.\\w$])this\\s*\\(");
    private static final String FIELDS = "<fields>";

    /** A method (overloads together) or a class's field initialisers ({@link #FIELDS}). */
    private record Member(String className, String name) {
        String describe() {
            return name.equals(FIELDS) ? className + " fields" : className + "." + name + "()";
        }
    }

    private final List<JavaSource> shared;

    EnvUsage(List<JavaSource> sharedSources) {
        this.shared = List.copyOf(sharedSources);
    }

    /** Variable → how it is reached, e.g. {@code QueueHandler fields → Store.fromEnvironment() → Names.fromEnvironment()}. */
    Map<String, String> readsOf(List<JavaSource> moduleSources, String handlerClass) {
        Map<String, JavaSource> classes = new LinkedHashMap<>();
        shared.forEach(s -> classes.put(s.className, s));
        moduleSources.forEach(s -> classes.put(s.className, s)); // the module's own class wins a name clash
        return new Walk(classes).from(handlerClass);
    }

    /** Sources passing a non-literal name to Env (the check cannot see what they read). */
    static List<String> nonLiteralReads(List<JavaSource> sources) {
        return sources.stream().filter(s -> s.nonLiteralEnvCalls > 0)
                .map(s -> s.path + ": Env.require/optional with a non-literal name; pass the variable name as a literal")
                .toList();
    }

    /** Shared code the check cannot follow. */
    List<String> sharedViolations() {
        return nonLiteralReads(shared);
    }

    private static final class Walk {
        private final Map<String, JavaSource> classes;
        private final Map<Member, Member> reachedFrom = new LinkedHashMap<>();
        private final Set<String> reachedClasses = new LinkedHashSet<>();
        /** Names called on some receiver: every reached class's methods of these names are reached. */
        private final Map<String, Member> receiverCalls = new HashMap<>();
        private final Deque<Member> todo = new ArrayDeque<>();
        private final Map<String, String> reads = new TreeMap<>();

        Walk(Map<String, JavaSource> classes) {
            this.classes = classes;
        }

        Map<String, String> from(String handlerClass) {
            JavaSource handler = classes.get(handlerClass);
            if (handler == null) {
                return reads;
            }
            reachClass(handlerClass, null);
            handler.methods.forEach(m -> reach(new Member(handlerClass, m.name()), null));
            while (!todo.isEmpty()) {
                visit(todo.pop());
            }
            return reads;
        }

        private void reach(Member member, Member from) {
            if (!reachedFrom.containsKey(member)) {
                reachedFrom.put(member, from);
                todo.push(member);
            }
        }

        private void reachClass(String className, Member from) {
            if (classes.containsKey(className) && reachedClasses.add(className)) {
                reach(new Member(className, FIELDS), from);
                receiverCalls.forEach((name, caller) -> reachMethods(className, name, caller));
            }
        }

        private void reachMethods(String className, String name, Member from) {
            if (!classes.get(className).methodsNamed(name).isEmpty()) {
                reach(new Member(className, name), from);
            }
        }

        private void visit(Member member) {
            JavaSource source = classes.get(member.className());
            List<int[]> ranges = ranges(source, member);
            for (JavaSource.EnvRead read : source.envReads) {
                if (inside(ranges, read.offset())) {
                    reads.putIfAbsent(read.variable(), path(member));
                }
            }
            for (int[] range : ranges) {
                calls(source, member, source.code.substring(range[0], range[1]));
            }
        }

        private void calls(JavaSource source, Member member, String code) {
            Matcher id = TYPE_NAME.matcher(code);
            while (id.find()) {
                reachClass(id.group(), member);
            }
            Matcher typed = TYPE_CALL.matcher(code);
            while (typed.find()) {
                if (classes.containsKey(typed.group(1))) {
                    reachMethods(typed.group(1), typed.group(2), member);
                }
            }
            Matcher created = NEW_CALL.matcher(code);
            while (created.find()) {
                if (classes.containsKey(created.group(1))) {
                    reachMethods(created.group(1), created.group(1), member);
                }
            }
            Matcher own = OWN_CALL.matcher(code);
            while (own.find()) {
                reachMethods(source.className, own.group(1), member);
            }
            if (THIS_CALL.matcher(code).find()) {
                reachMethods(source.className, source.className, member);
            }
            Matcher onReceiver = MEMBER_CALL.matcher(code);
            while (onReceiver.find()) {
                String name = onReceiver.group(1);
                if (classes.containsKey(receiver(code, onReceiver.start()))) {
                    continue; // Type.name(...): a static call, handled above
                }
                if (receiverCalls.putIfAbsent(name, member) == null) {
                    for (String reached : List.copyOf(reachedClasses)) {
                        reachMethods(reached, name, member);
                    }
                }
            }
        }

        /** The identifier right before a '.' or '::' at {@code at} ("" for an expression such as {@code f().x}). */
        private static String receiver(String code, int at) {
            int end = at;
            while (end > 0 && Character.isWhitespace(code.charAt(end - 1))) {
                end--;
            }
            int start = end;
            while (start > 0 && Character.isJavaIdentifierPart(code.charAt(start - 1))) {
                start--;
            }
            return code.substring(start, end);
        }

        /** The code of a member: a method's bodies, or the class minus every method (name, parameters, body). */
        private static List<int[]> ranges(JavaSource source, Member member) {
            List<int[]> ranges = new ArrayList<>();
            if (!member.name().equals(FIELDS)) {
                source.methodsNamed(member.name()).forEach(m -> ranges.add(new int[] {m.bodyStart(), m.bodyEnd() + 1}));
                return ranges;
            }
            int at = 0;
            for (JavaSource.Method m : source.methods.stream()
                    .filter(m -> source.methods.stream().noneMatch(outer -> outer != m && outer.contains(m.bodyStart())))
                    .sorted((a, b) -> Integer.compare(a.nameStart(), b.nameStart())).toList()) {
                ranges.add(new int[] {at, m.nameStart()}); // not the header: "name(" is no call
                at = m.bodyEnd() + 1;
            }
            ranges.add(new int[] {at, source.code.length()});
            return ranges;
        }

        private static boolean inside(List<int[]> ranges, int offset) {
            return ranges.stream().anyMatch(r -> offset >= r[0] && offset < r[1]);
        }

        private String path(Member member) {
            List<String> chain = new ArrayList<>();
            for (Member m = member; m != null; m = reachedFrom.get(m)) {
                chain.addFirst(m.describe());
            }
            return String.join(" → ", chain);
        }
    }
}
