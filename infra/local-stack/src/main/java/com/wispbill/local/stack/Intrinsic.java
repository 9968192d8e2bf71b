package com.wispbill.local.stack;

import java.util.List;
import java.util.Map;

/**
 * A CloudFormation intrinsic function as it appears in a template, in either form: the YAML short
 * tag ({@code !GetAtt Queue.Arn}) or the long form ({@code {"Fn::GetAtt": ["Queue", "Arn"]}}).
 * Arguments stay unresolved (they may contain further intrinsics); {@link IntrinsicResolver}
 * evaluates them against the stack.
 */
sealed interface Intrinsic {

    /** {@code !Ref name}: a parameter, pseudo parameter or resource. */
    record Ref(String name) implements Intrinsic {}

    /** {@code !GetAtt Resource.Attribute} or {@code !GetAtt [Resource, Attribute]}. */
    record GetAtt(String resource, String attribute) implements Intrinsic {}

    /** {@code !Sub "text ${Name}"} or {@code !Sub ["text ${Var}", {Var: value}]}. */
    record Sub(String template, Map<String, Object> variables) implements Intrinsic {}

    record Join(Object delimiter, Object values) implements Intrinsic {}

    record Select(Object index, Object values) implements Intrinsic {}

    record Split(Object delimiter, Object source) implements Intrinsic {}

    record If(String condition, Object whenTrue, Object whenFalse) implements Intrinsic {}

    record Equals(Object left, Object right) implements Intrinsic {}

    record Not(Object condition) implements Intrinsic {}

    record And(List<Object> conditions) implements Intrinsic {}

    record Or(List<Object> conditions) implements Intrinsic {}

    /** {@code !Condition Name} inside a condition expression. */
    record ConditionRef(String name) implements Intrinsic {}

    record FindInMap(Object mapName, Object topLevelKey, Object secondLevelKey) implements Intrinsic {}

    record ImportValue(Object exportName) implements Intrinsic {}

    record Base64(Object value) implements Intrinsic {}

    record GetAZs(Object region) implements Intrinsic {}

    /**
     * A function the stack does not evaluate ({@code !Cidr}, {@code !Transform}, ...). Parsing the
     * template still succeeds; only resolving a value that contains it fails.
     */
    record Unsupported(String function, Object argument) implements Intrinsic {}

    /**
     * Builds the intrinsic for a function name in long form ({@code Ref}, {@code Fn::Sub}, ...) and
     * its already-parsed argument, checking the argument's shape the way CloudFormation does.
     */
    static Intrinsic of(String function, Object argument) {
        return switch (function) {
            case "Ref" -> new Ref(requireString(function, argument));
            case "Condition" -> new ConditionRef(requireString(function, argument));
            case "Fn::GetAtt" -> getAtt(argument);
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" -> {
                List<Object> args = requireList(function, argument, 2);
                yield new Join(args.get(0), args.get(1));
            }
            case "Fn::Select" -> {
                List<Object> args = requireList(function, argument, 2);
                yield new Select(args.get(0), args.get(1));
            }
            case "Fn::Split" -> {
                List<Object> args = requireList(function, argument, 2);
                yield new Split(args.get(0), args.get(1));
            }
            case "Fn::If" -> {
                List<Object> args = requireList(function, argument, 3);
                yield new If(requireString(function, args.get(0)), args.get(1), args.get(2));
            }
            case "Fn::Equals" -> {
                List<Object> args = requireList(function, argument, 2);
                yield new Equals(args.get(0), args.get(1));
            }
            case "Fn::Not" -> new Not(requireList(function, argument, 1).get(0));
            case "Fn::And" -> new And(requireList(function, argument, -1));
            case "Fn::Or" -> new Or(requireList(function, argument, -1));
            case "Fn::FindInMap" -> {
                List<Object> args = requireList(function, argument, 3);
                yield new FindInMap(args.get(0), args.get(1), args.get(2));
            }
            case "Fn::ImportValue" -> new ImportValue(argument);
            case "Fn::Base64" -> new Base64(argument);
            case "Fn::GetAZs" -> new GetAZs(argument);
            default -> new Unsupported(function, argument);
        };
    }

    /** Whether a single-key map's key names an intrinsic in long form. */
    static boolean isLongFormName(String key) {
        return key.equals("Ref") || key.startsWith("Fn::");
    }

    private static Intrinsic getAtt(Object argument) {
        if (argument instanceof String dotted) {
            // The attribute itself may contain dots (Endpoint.Address): split at the first one only.
            int dot = dotted.indexOf('.');
            if (dot <= 0 || dot == dotted.length() - 1) {
                throw new StackException("Fn::GetAtt needs 'Resource.Attribute', got '" + dotted + "'");
            }
            return new GetAtt(dotted.substring(0, dot), dotted.substring(dot + 1));
        }
        List<Object> args = requireList("Fn::GetAtt", argument, 2);
        return new GetAtt(requireString("Fn::GetAtt", args.get(0)), requireString("Fn::GetAtt", args.get(1)));
    }

    @SuppressWarnings("unchecked")
    private static Intrinsic sub(Object argument) {
        if (argument instanceof String template) {
            return new Sub(template, Map.of());
        }
        List<Object> args = requireList("Fn::Sub", argument, 2);
        if (!(args.get(1) instanceof Map<?, ?> variables)) {
            throw new StackException("Fn::Sub's second argument must be a map of variables, got " + args.get(1));
        }
        return new Sub(requireString("Fn::Sub", args.get(0)), (Map<String, Object>) variables);
    }

    private static String requireString(String function, Object argument) {
        if (argument instanceof String s) {
            return s;
        }
        throw new StackException(function + " needs a string argument, got " + argument);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> requireList(String function, Object argument, int size) {
        if (argument instanceof List<?> list && (size < 0 || list.size() == size)) {
            return (List<Object>) list;
        }
        throw new StackException(function + " needs a list" + (size < 0 ? "" : " of " + size + " arguments")
                + ", got " + argument);
    }
}
