package com.wispbill.local.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template as data, for checks that look at it without running it (infra/local's template check):
 * the same parser as the stack, with every intrinsic in CloudFormation's long JSON form
 * ({@code {"Ref": "X"}}, {@code {"Fn::GetAtt": ["X", "Arn"]}}, {@code {"Fn::Sub": "..."}}, ...), and
 * {@link #danglingReferences()}, which the stack itself only finds for values it resolves.
 */
public final class TemplateDocument {

    /** One resource; {@code properties} in long form. */
    public record Resource(String logicalId, String type, Map<String, Object> properties, Optional<String> condition) {}

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final CfnTemplate template;
    private final Map<String, Resource> resources;

    private TemplateDocument(CfnTemplate template) {
        this.template = template;
        Map<String, Resource> all = new LinkedHashMap<>();
        template.resources().forEach((id, def) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) longForm(def.properties());
            all.put(id, new Resource(id, def.type(), properties, Optional.ofNullable(def.condition())));
        });
        this.resources = Collections.unmodifiableMap(all);
    }

    public static TemplateDocument load(Path file) {
        return new TemplateDocument(CfnTemplate.load(file));
    }

    public static TemplateDocument parse(String text, String source) {
        return new TemplateDocument(CfnTemplate.parse(text, source));
    }

    public String source() {
        return template.source();
    }

    public Map<String, Resource> resources() {
        return resources;
    }

    public List<Resource> ofType(String type) {
        return resources.values().stream().filter(r -> r.type().equals(type)).toList();
    }

    /** {@code Globals.<section>} in long form, e.g. {@code globals("Function")}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> globals(String section) {
        return template.globals().get(section) instanceof Map<?, ?> m ? (Map<String, Object>) longForm(m) : Map.of();
    }

    public Set<String> parameterNames() {
        return template.parameters().keySet();
    }

    /** The resource a long-form {@code {"Ref": X}} names, if {@code value} is one. */
    public static Optional<String> refTarget(Object value) {
        return value instanceof Map<?, ?> m && m.size() == 1 && m.get("Ref") instanceof String name
                ? Optional.of(name) : Optional.empty();
    }

    /** The resource a long-form {@code {"Fn::GetAtt": [X, attr]}} names, if {@code value} is one. */
    public static Optional<String> getAttTarget(Object value) {
        return value instanceof Map<?, ?> m && m.size() == 1 && m.get("Fn::GetAtt") instanceof List<?> args
                && !args.isEmpty() && args.get(0) instanceof String name ? Optional.of(name) : Optional.empty();
    }

    /**
     * Every {@code Ref}, {@code GetAtt}, {@code Sub} variable, {@code If}/{@code Condition} name and
     * resource {@code Condition} in Resources, Globals, Conditions and Outputs that names nothing:
     * no parameter, pseudo parameter, resource (or what SAM generates from one) or condition. Each
     * entry says where and what.
     */
    public List<String> danglingReferences() {
        List<String> problems = new ArrayList<>();
        Set<String> names = referenceableNames();
        template.resources().forEach((id, def) -> {
            walk(def.properties(), "Resources." + id, names, problems);
            if (def.condition() != null && !template.conditions().containsKey(def.condition())) {
                problems.add("Resources." + id + ".Condition: " + def.condition() + " names no condition");
            }
        });
        walk(template.globals(), "Globals", names, problems);
        walk(template.conditions(), "Conditions", names, problems);
        walk(template.outputs(), "Outputs", names, problems);
        return problems;
    }

    /** Resources, parameters, and what SAM creates from serverless resources ({@code <Fn>Role}, {@code ServerlessHttpApi}). */
    private Set<String> referenceableNames() {
        Set<String> names = new LinkedHashSet<>(template.parameters().keySet());
        names.addAll(template.resources().keySet());
        template.resources().forEach((id, def) -> {
            switch (def.type()) {
                case "AWS::Serverless::Function" -> {
                    names.add(id + "Role");
                    names.add(id + ".Alias");
                    names.add(id + ".Version");
                }
                case "AWS::Serverless::HttpApi" -> names.add("ServerlessHttpApi");
                case "AWS::Serverless::Api" -> names.add("ServerlessRestApi");
                default -> { }
            }
        });
        if (template.resources().values().stream().anyMatch(d -> d.type().equals("AWS::Serverless::Function")
                && d.properties().get("Events") instanceof Map<?, ?> events
                && events.values().stream().anyMatch(e -> e instanceof Map<?, ?> em && "HttpApi".equals(em.get("Type"))))) {
            names.add("ServerlessHttpApi"); // the implicit API of HttpApi events without ApiId
        }
        return names;
    }

    private void walk(Object value, String path, Set<String> names, List<String> problems) {
        switch (value) {
            case Intrinsic.Ref ref -> {
                if (!ref.name().startsWith("AWS::") && !names.contains(ref.name())) {
                    problems.add(path + ": !Ref " + ref.name() + " names no parameter or resource");
                }
            }
            case Intrinsic.GetAtt getAtt -> {
                if (!names.contains(getAtt.resource())) {
                    problems.add(path + ": !GetAtt " + getAtt.resource() + "." + getAtt.attribute() + " names no resource");
                }
            }
            case Intrinsic.Sub sub -> {
                Matcher m = SUB_VARIABLE.matcher(sub.template());
                while (m.find()) {
                    String expression = m.group(1).trim();
                    if (expression.startsWith("!") || expression.startsWith("AWS::") || sub.variables().containsKey(expression)) {
                        continue;
                    }
                    String target = expression.contains(".") ? expression.substring(0, expression.indexOf('.')) : expression;
                    if (!names.contains(target)) {
                        problems.add(path + ": !Sub ${" + expression + "} names no parameter or resource");
                    }
                }
                sub.variables().forEach((k, v) -> walk(v, path + ".Fn::Sub." + k, names, problems));
            }
            case Intrinsic.If anIf -> {
                if (!template.conditions().containsKey(anIf.condition())) {
                    problems.add(path + ": !If " + anIf.condition() + " names no condition");
                }
                walk(anIf.whenTrue(), path + ".Fn::If[1]", names, problems);
                walk(anIf.whenFalse(), path + ".Fn::If[2]", names, problems);
            }
            case Intrinsic.ConditionRef c -> {
                if (!template.conditions().containsKey(c.name())) {
                    problems.add(path + ": !Condition " + c.name() + " names no condition");
                }
            }
            case Intrinsic other -> walk(arguments(other), path + "." + functionName(other), names, problems);
            case Map<?, ?> map -> map.forEach((k, v) -> walk(v, path + "." + k, names, problems));
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    walk(list.get(i), path + "[" + i + "]", names, problems);
                }
            }
            case null, default -> { }
        }
    }

    private static String functionName(Intrinsic intrinsic) {
        return switch (intrinsic) {
            case Intrinsic.Ref r -> "Ref";
            case Intrinsic.ConditionRef c -> "Condition";
            case Intrinsic.Unsupported u -> u.function();
            default -> "Fn::" + intrinsic.getClass().getSimpleName();
        };
    }

    /** The arguments of an intrinsic as CloudFormation writes them in long form. */
    private static Object arguments(Intrinsic intrinsic) {
        return switch (intrinsic) {
            case Intrinsic.Ref r -> r.name();
            case Intrinsic.ConditionRef c -> c.name();
            case Intrinsic.GetAtt g -> Arrays.asList(g.resource(), g.attribute());
            case Intrinsic.Sub s -> s.variables().isEmpty() ? s.template() : Arrays.asList(s.template(), s.variables());
            case Intrinsic.Join j -> Arrays.asList(j.delimiter(), j.values());
            case Intrinsic.Select s -> Arrays.asList(s.index(), s.values());
            case Intrinsic.Split s -> Arrays.asList(s.delimiter(), s.source());
            case Intrinsic.If i -> Arrays.asList(i.condition(), i.whenTrue(), i.whenFalse());
            case Intrinsic.Equals e -> Arrays.asList(e.left(), e.right());
            case Intrinsic.Not n -> Arrays.asList(n.condition());
            case Intrinsic.And a -> a.conditions();
            case Intrinsic.Or o -> o.conditions();
            case Intrinsic.FindInMap f -> Arrays.asList(f.mapName(), f.topLevelKey(), f.secondLevelKey());
            case Intrinsic.ImportValue i -> i.exportName();
            case Intrinsic.Base64 b -> b.value();
            case Intrinsic.GetAZs g -> g.region();
            case Intrinsic.Unsupported u -> u.argument();
        };
    }

    private static Object longForm(Object value) {
        return switch (value) {
            case Intrinsic intrinsic -> Map.of(functionName(intrinsic), longForm(arguments(intrinsic)));
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), longForm(v)));
                yield Collections.unmodifiableMap(copy);
            }
            case List<?> list -> list.stream().map(TemplateDocument::longForm).toList();
            case null, default -> value;
        };
    }
}
