package com.wispbill.local.stack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates intrinsic functions against the stack: parameters (defaults, overridable), pseudo
 * parameters, conditions, mappings and the resources the stack created (through
 * {@link ResourceAttributes}, which creates a referenced resource on first use, so dependency
 * order falls out of the references themselves).
 */
final class IntrinsicResolver {

    /** What {@code !Ref}/{@code !GetAtt} of a resource evaluate to. */
    interface ResourceAttributes {
        boolean isResource(String logicalId);

        Object ref(String logicalId);

        Object getAtt(String logicalId, String attribute);
    }

    /** {@code !Ref AWS::NoValue}: the property is removed from its enclosing map or list. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final CfnTemplate template;
    private final Map<String, Object> parameterValues;
    private final Map<String, String> importValues;
    private final String stackName;
    private final String region;
    private final String accountId;
    private final ResourceAttributes resources;
    private final Map<String, Boolean> conditionValues = new HashMap<>();
    private final Set<String> conditionsInProgress = new HashSet<>();

    IntrinsicResolver(CfnTemplate template, Map<String, String> parameterOverrides, Map<String, String> importValues,
                      String stackName, String region, String accountId, ResourceAttributes resources) {
        this.template = template;
        this.importValues = Map.copyOf(importValues);
        this.stackName = stackName;
        this.region = region;
        this.accountId = accountId;
        this.resources = resources;
        this.parameterValues = parameterValues(template, parameterOverrides);
    }

    /** Resolves every intrinsic in {@code value}; {@code path} names the location for error messages. */
    Object resolve(Object value, String path) {
        if (value instanceof Intrinsic intrinsic) {
            return evaluate(intrinsic, path);
        }
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.keySet().iterator().next() instanceof String key && Intrinsic.isLongFormName(key)) {
                return evaluate(Intrinsic.of(key, map.get(key)), path);
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object v = resolve(entry.getValue(), path + "." + entry.getKey());
                if (v != NO_VALUE) {
                    resolved.put(String.valueOf(entry.getKey()), v);
                }
            }
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                Object v = resolve(list.get(i), path + "[" + i + "]");
                if (v != NO_VALUE) {
                    resolved.add(v);
                }
            }
            return resolved;
        }
        return value;
    }

    /** Resolves to a scalar and renders it as CloudFormation would (numbers and booleans as text). */
    String resolveString(Object value, String path) {
        Object resolved = resolve(value, path);
        if (resolved == null || resolved == NO_VALUE) {
            return null;
        }
        if (resolved instanceof Map || resolved instanceof List) {
            throw new StackException(path + ": expected a single value, got " + resolved);
        }
        return String.valueOf(resolved);
    }

    boolean condition(String name) {
        Boolean known = conditionValues.get(name);
        if (known != null) {
            return known;
        }
        if (!template.conditions().containsKey(name)) {
            throw new StackException("Condition " + name + " is not defined in the template's Conditions");
        }
        if (!conditionsInProgress.add(name)) {
            throw new StackException("Condition " + name + " refers to itself");
        }
        try {
            boolean value = evaluateCondition(template.conditions().get(name), "Conditions." + name);
            conditionValues.put(name, value);
            return value;
        } finally {
            conditionsInProgress.remove(name);
        }
    }

    Object parameterValue(String name) {
        return parameterValues.get(name);
    }

    private Object evaluate(Intrinsic intrinsic, String path) {
        return switch (intrinsic) {
            case Intrinsic.Ref ref -> ref(ref.name(), path);
            case Intrinsic.GetAtt getAtt -> getAtt(getAtt.resource(), getAtt.attribute(), path);
            case Intrinsic.Sub sub -> sub(sub, path);
            case Intrinsic.Join join -> {
                String delimiter = resolveString(join.delimiter(), path + ".Fn::Join[0]");
                List<?> values = requireList(resolve(join.values(), path + ".Fn::Join[1]"), path + ".Fn::Join");
                List<String> parts = new ArrayList<>();
                for (Object v : values) {
                    parts.add(scalarText(v, path + ".Fn::Join"));
                }
                yield String.join(delimiter == null ? "" : delimiter, parts);
            }
            case Intrinsic.Select select -> {
                int index = Integer.parseInt(resolveString(select.index(), path + ".Fn::Select[0]"));
                List<?> values = requireList(resolve(select.values(), path + ".Fn::Select[1]"), path + ".Fn::Select");
                if (index < 0 || index >= values.size()) {
                    throw new StackException(path + ": Fn::Select index " + index + " out of range for " + values);
                }
                yield values.get(index);
            }
            case Intrinsic.Split split -> {
                String delimiter = resolveString(split.delimiter(), path + ".Fn::Split[0]");
                String source = resolveString(split.source(), path + ".Fn::Split[1]");
                yield List.of(source.split(Pattern.quote(delimiter), -1));
            }
            case Intrinsic.If anIf -> condition(anIf.condition())
                    ? resolve(anIf.whenTrue(), path + ".Fn::If[1]")
                    : resolve(anIf.whenFalse(), path + ".Fn::If[2]");
            case Intrinsic.FindInMap find -> findInMap(find, path);
            case Intrinsic.ImportValue importValue -> {
                String name = resolveString(importValue.exportName(), path + ".Fn::ImportValue");
                String value = importValues.get(name);
                if (value == null) {
                    throw new StackException(path + ": Fn::ImportValue '" + name
                            + "' refers to another stack's export; provide it with Options.importValue(\"" + name + "\", value)");
                }
                yield value;
            }
            case Intrinsic.Base64 base64 -> java.util.Base64.getEncoder().encodeToString(
                    resolveString(base64.value(), path + ".Fn::Base64").getBytes(StandardCharsets.UTF_8));
            case Intrinsic.GetAZs ignored -> List.of(region + "a", region + "b", region + "c");
            case Intrinsic.Equals ignored -> evaluateCondition(intrinsic, path);
            case Intrinsic.Not ignored -> evaluateCondition(intrinsic, path);
            case Intrinsic.And ignored -> evaluateCondition(intrinsic, path);
            case Intrinsic.Or ignored -> evaluateCondition(intrinsic, path);
            case Intrinsic.ConditionRef ref -> condition(ref.name());
            case Intrinsic.Unsupported unsupported -> throw new StackException(
                    path + ": " + unsupported.function() + " is not supported by the embedded stack");
        };
    }

    private boolean evaluateCondition(Object expression, String path) {
        Object value = expression;
        if (value instanceof Map<?, ?> map && map.size() == 1 && map.get("Condition") instanceof String name) {
            return condition(name);
        }
        if (value instanceof Map<?, ?> map && map.size() == 1 && map.keySet().iterator().next() instanceof String key
                && Intrinsic.isLongFormName(key)) {
            value = Intrinsic.of(key, map.get(key));
        }
        return switch (value) {
            case Intrinsic.Equals equals -> {
                Object left = resolve(equals.left(), path + ".Fn::Equals[0]");
                Object right = resolve(equals.right(), path + ".Fn::Equals[1]");
                yield comparable(left).equals(comparable(right));
            }
            case Intrinsic.Not not -> !evaluateCondition(not.condition(), path + ".Fn::Not");
            case Intrinsic.And and -> {
                boolean all = true;
                for (Object c : and.conditions()) {
                    all &= evaluateCondition(c, path + ".Fn::And");
                }
                yield all;
            }
            case Intrinsic.Or or -> {
                boolean any = false;
                for (Object c : or.conditions()) {
                    any |= evaluateCondition(c, path + ".Fn::Or");
                }
                yield any;
            }
            case Intrinsic.ConditionRef ref -> condition(ref.name());
            case Boolean b -> b;
            case String s when s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false") -> Boolean.parseBoolean(s);
            default -> throw new StackException(path + ": not a condition expression: " + value);
        };
    }

    private static Object comparable(Object value) {
        return value instanceof Map || value instanceof List ? value : String.valueOf(value);
    }

    private Object ref(String name, String path) {
        switch (name) {
            case "AWS::StackName":
                return stackName;
            case "AWS::Region":
                return region;
            case "AWS::AccountId":
                return accountId;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::StackId":
                return "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + stackName
                        + "/00000000-0000-0000-0000-000000000000";
            case "AWS::NoValue":
                return NO_VALUE;
            case "AWS::NotificationARNs":
                return List.of();
            default:
                break;
        }
        if (template.parameters().containsKey(name)) {
            Object value = parameterValues.get(name);
            if (value == null) {
                throw new StackException(path + ": parameter " + name
                        + " has no Default; give it a value with Options.parameter(\"" + name + "\", value)");
            }
            return value;
        }
        if (resources.isResource(name)) {
            return resources.ref(name);
        }
        throw new StackException(path + ": !Ref " + name + " names no parameter, pseudo parameter or resource");
    }

    private Object getAtt(String resource, String attribute, String path) {
        if (!resources.isResource(resource)) {
            throw new StackException(path + ": !GetAtt " + resource + "." + attribute + " names no resource");
        }
        return resources.getAtt(resource, attribute);
    }

    private String sub(Intrinsic.Sub sub, String path) {
        Map<String, Object> variables = new HashMap<>();
        sub.variables().forEach((k, v) -> variables.put(k, resolve(v, path + ".Fn::Sub." + k)));
        var matcher = SUB_VARIABLE.matcher(sub.template());
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String expression = matcher.group(1).trim();
            String replacement;
            if (expression.startsWith("!")) {
                replacement = "${" + expression.substring(1) + "}";
            } else if (variables.containsKey(expression)) {
                replacement = scalarText(variables.get(expression), path + ".Fn::Sub");
            } else if (expression.contains(".") && !expression.startsWith("AWS::")) {
                int dot = expression.indexOf('.');
                replacement = scalarText(getAtt(expression.substring(0, dot), expression.substring(dot + 1), path),
                        path + ".Fn::Sub");
            } else {
                replacement = scalarText(ref(expression, path), path + ".Fn::Sub");
            }
            matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private Object findInMap(Intrinsic.FindInMap find, String path) {
        String mapName = resolveString(find.mapName(), path + ".Fn::FindInMap[0]");
        String top = resolveString(find.topLevelKey(), path + ".Fn::FindInMap[1]");
        String second = resolveString(find.secondLevelKey(), path + ".Fn::FindInMap[2]");
        if (template.mappings().get(mapName) instanceof Map<?, ?> mapping
                && mapping.get(top) instanceof Map<?, ?> level && level.containsKey(second)) {
            return resolve(level.get(second), path + ".Fn::FindInMap");
        }
        throw new StackException(path + ": Fn::FindInMap found no " + mapName + "." + top + "." + second);
    }

    private static String scalarText(Object value, String path) {
        if (value == null || value instanceof Map || value instanceof List || value == NO_VALUE) {
            throw new StackException(path + ": expected a single value, got " + value);
        }
        return String.valueOf(value);
    }

    private static List<?> requireList(Object value, String path) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new StackException(path + ": expected a list, got " + value);
    }

    private static Map<String, Object> parameterValues(CfnTemplate template, Map<String, String> overrides) {
        for (String name : overrides.keySet()) {
            if (!template.parameters().containsKey(name)) {
                throw new StackException("Parameter override " + name + " is not declared in the template's Parameters");
            }
        }
        Map<String, Object> values = new HashMap<>();
        template.parameters().forEach((name, definition) -> {
            Map<?, ?> def = definition instanceof Map<?, ?> m ? m : Map.of();
            Object raw = overrides.containsKey(name) ? overrides.get(name) : def.get("Default");
            if (raw == null) {
                return;
            }
            String type = def.get("Type") instanceof String t ? t : "String";
            String text = raw instanceof List<?> list
                    ? String.join(",", list.stream().map(String::valueOf).toList())
                    : String.valueOf(raw);
            if (def.get("AllowedValues") instanceof List<?> allowed
                    && allowed.stream().map(String::valueOf).noneMatch(text::equals)) {
                throw new StackException("Parameter " + name + " = '" + text + "' is not one of its AllowedValues " + allowed);
            }
            boolean isList = type.startsWith("List<") || type.equals("CommaDelimitedList");
            values.put(name, isList ? List.of(text.split(",", -1)) : text);
        });
        return values;
    }
}
