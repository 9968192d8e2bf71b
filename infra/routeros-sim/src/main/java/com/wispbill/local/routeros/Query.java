package com.wispbill.local.routeros;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A print query, evaluated per item as MikroTik's API manual describes: a stack of booleans that
 * starts with an unlimited number of {@code true} values; each query word pushes one value or, for
 * {@code ?#}, operates on the stack; the item is returned if no {@code false} is left on the stack.
 *
 * <ul>
 *   <li>{@code ?name}: has the property; {@code ?-name}: lacks it;</li>
 *   <li>{@code ?name=x} or {@code ?=name=x}: equal; {@code ?<name=x}, {@code ?>name=x}: less, greater
 *       (compared by the property's kind: durations as durations, counters as numbers);</li>
 *   <li>{@code ?#ops}, read left to right: a run of digits is a stack index (0 is the top); an index
 *       followed by another character pushes a copy of that value, an index at the end of the word
 *       replaces the whole stack with that value; {@code !} negates the top, {@code &} and {@code |}
 *       pop two values and push their conjunction or disjunction; {@code .} after an index does nothing,
 *       anywhere else it pushes a copy of the top.</li>
 * </ul>
 * Popping or reading below the bottom yields {@code true}, the manual's "infinite amount of true
 * values".
 */
final class Query implements Predicate<Map<String, String>> {
    private sealed interface Step permits Test, Operations {
    }

    private record Test(Predicate<Map<String, String>> test) implements Step {
    }

    private record Operations(String ops) implements Step {
    }

    private final List<Step> steps;

    private Query(List<Step> steps) {
        this.steps = steps;
    }

    /**
     * Compiles query words (without their leading {@code ?}).
     *
     * @param kinds the kind of each property, for comparisons
     * @throws ApiTrap for a {@code ?#} word with a character the manual does not define
     */
    static Query compile(List<String> words, Function<String, ValueKind> kinds) throws ApiTrap {
        List<Step> steps = new ArrayList<>(words.size());
        for (String word : words) {
            steps.add(compileWord(word, kinds));
        }
        return new Query(List.copyOf(steps));
    }

    boolean isEmpty() {
        return steps.isEmpty();
    }

    private static Step compileWord(String word, Function<String, ValueKind> kinds) throws ApiTrap {
        if (word.startsWith("#")) {
            String ops = word.substring(1);
            for (char c : ops.toCharArray()) {
                if (!Character.isDigit(c) && "!&|.".indexOf(c) < 0) {
                    throw new ApiTrap(ApiTrap.CATEGORY_ARGUMENT, "unknown query operation '" + c + "'");
                }
            }
            return new Operations(ops);
        }
        if (word.startsWith("-")) {
            String name = word.substring(1);
            return new Test(row -> !row.containsKey(name));
        }
        char comparison = '=';
        String rest = word;
        if (word.startsWith("<") || word.startsWith(">") || word.startsWith("=")) {
            comparison = word.charAt(0);
            rest = word.substring(1);
        }
        int separator = rest.indexOf('=');
        if (separator < 0) {
            String name = rest;
            return new Test(row -> row.containsKey(name));
        }
        String name = rest.substring(0, separator);
        String value = rest.substring(separator + 1);
        ValueKind kind = kinds.apply(name);
        return switch (comparison) {
            case '<' -> new Test(row -> row.containsKey(name) && kind.compare(row.get(name), value) < 0);
            case '>' -> new Test(row -> row.containsKey(name) && kind.compare(row.get(name), value) > 0);
            default -> new Test(row -> row.containsKey(name) && kind.matches(row.get(name), value));
        };
    }

    @Override
    public boolean test(Map<String, String> row) {
        BooleanStack stack = new BooleanStack();
        for (Step step : steps) {
            switch (step) {
                case Test test -> stack.push(test.test().test(row));
                case Operations operations -> apply(operations.ops(), stack);
            }
        }
        return stack.allTrue();
    }

    private static void apply(String ops, BooleanStack stack) {
        int i = 0;
        boolean afterIndex = false;
        while (i < ops.length()) {
            char c = ops.charAt(i);
            if (Character.isDigit(c)) {
                int end = i;
                while (end < ops.length() && Character.isDigit(ops.charAt(end))) {
                    end++;
                }
                int index = parseIndex(ops.substring(i, end));
                boolean value = stack.peek(index);
                if (end == ops.length()) {
                    stack.replaceAll(value);
                } else {
                    stack.push(value);
                }
                i = end;
                afterIndex = true;
                continue;
            }
            switch (c) {
                case '!' -> stack.push(!stack.pop());
                case '&' -> {
                    boolean a = stack.pop();
                    boolean b = stack.pop();
                    stack.push(a && b);
                }
                case '|' -> {
                    boolean a = stack.pop();
                    boolean b = stack.pop();
                    stack.push(a || b);
                }
                case '.' -> {
                    if (!afterIndex) {
                        stack.push(stack.peek(0));
                    }
                }
                default -> throw new IllegalStateException("checked at compile time: " + c);
            }
            afterIndex = false;
            i++;
        }
    }

    /** Indexes beyond any real stack depth all read the implicit {@code true} values. */
    private static int parseIndex(String digits) {
        return digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    /** The stack, top at the end of the list, with implicit {@code true} values below the bottom. */
    private static final class BooleanStack {
        private final List<Boolean> values = new ArrayList<>();

        void push(boolean value) {
            values.add(value);
        }

        boolean pop() {
            return values.isEmpty() || values.removeLast();
        }

        boolean peek(int index) {
            return index >= values.size() || values.get(values.size() - 1 - index);
        }

        void replaceAll(boolean value) {
            values.clear();
            values.add(value);
        }

        boolean allTrue() {
            return !values.contains(Boolean.FALSE);
        }
    }
}
