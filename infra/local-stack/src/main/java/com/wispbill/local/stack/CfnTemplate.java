package com.wispbill.local.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A parsed CloudFormation/SAM template (YAML or JSON). Intrinsic functions in both short-tag and
 * long form become {@link Intrinsic} values; nothing is resolved here.
 */
final class CfnTemplate {

    /** One entry of the {@code Resources} section. */
    record ResourceDefinition(String logicalId, String type, Map<String, Object> properties, String condition) {}

    private static final Map<String, String> SHORT_TAGS = Map.ofEntries(
            Map.entry("!Ref", "Ref"),
            Map.entry("!Condition", "Condition"),
            Map.entry("!GetAtt", "Fn::GetAtt"),
            Map.entry("!Sub", "Fn::Sub"),
            Map.entry("!Join", "Fn::Join"),
            Map.entry("!Select", "Fn::Select"),
            Map.entry("!Split", "Fn::Split"),
            Map.entry("!If", "Fn::If"),
            Map.entry("!Equals", "Fn::Equals"),
            Map.entry("!Not", "Fn::Not"),
            Map.entry("!And", "Fn::And"),
            Map.entry("!Or", "Fn::Or"),
            Map.entry("!FindInMap", "Fn::FindInMap"),
            Map.entry("!ImportValue", "Fn::ImportValue"),
            Map.entry("!Base64", "Fn::Base64"),
            Map.entry("!GetAZs", "Fn::GetAZs"));

    private final String source;
    private final Map<String, Object> parameters;
    private final Map<String, Object> mappings;
    private final Map<String, Object> conditions;
    private final Map<String, Object> globals;
    private final Map<String, Object> outputs;
    private final Map<String, ResourceDefinition> resources;

    private CfnTemplate(String source, Map<String, Object> root) {
        this.source = source;
        this.parameters = section(root, "Parameters");
        this.mappings = section(root, "Mappings");
        this.conditions = section(root, "Conditions");
        this.globals = section(root, "Globals");
        this.outputs = section(root, "Outputs");
        Map<String, ResourceDefinition> defs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : section(root, "Resources").entrySet()) {
            defs.put(entry.getKey(), resourceDefinition(entry.getKey(), entry.getValue()));
        }
        if (defs.isEmpty()) {
            throw new StackException(source + ": the template has no Resources");
        }
        this.resources = Collections.unmodifiableMap(defs);
    }

    static CfnTemplate load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new StackException("Cannot read template " + file + ": " + e.getMessage(), e);
        }
    }

    static CfnTemplate parse(String text, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(16 * 1024 * 1024);
        Object root;
        try {
            root = new Yaml(new CfnConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new StackException(source + ": invalid template: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new StackException(source + ": a template must be a mapping at the top level");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> normalized = (Map<String, Object>) normalizeLongForms(map);
        return new CfnTemplate(source, normalized);
    }

    String source() {
        return source;
    }

    Map<String, Object> parameters() {
        return parameters;
    }

    Map<String, Object> mappings() {
        return mappings;
    }

    Map<String, Object> conditions() {
        return conditions;
    }

    /** The {@code Globals} section (SAM), e.g. {@code Globals.Function.Timeout}. */
    Map<String, Object> globals() {
        return globals;
    }

    Map<String, ResourceDefinition> resources() {
        return resources;
    }

    /** The {@code Outputs} section (never evaluated by the stack; checked by {@link TemplateDocument}). */
    Map<String, Object> outputs() {
        return outputs;
    }

    private ResourceDefinition resourceDefinition(String logicalId, Object value) {
        if (!(value instanceof Map<?, ?> definition) || !(definition.get("Type") instanceof String type)) {
            throw new StackException(source + ": resource " + logicalId + " has no Type");
        }
        Object properties = definition.get("Properties");
        if (properties != null && !(properties instanceof Map)) {
            throw new StackException(source + ": Properties of " + logicalId + " must be a mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> props = properties == null ? Map.of() : (Map<String, Object>) properties;
        Object condition = definition.get("Condition");
        return new ResourceDefinition(logicalId, type, props, condition instanceof String c ? c : null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(Map<String, Object> root, String name) {
        Object value = root.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new StackException(source + ": " + name + " must be a mapping");
        }
        return (Map<String, Object>) value;
    }

    /** Turns {@code {"Fn::Sub": ...}} / {@code {"Ref": ...}} maps (JSON templates) into intrinsics. */
    private static Object normalizeLongForms(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                if (only.getKey() instanceof String key && Intrinsic.isLongFormName(key)) {
                    return Intrinsic.of(key, normalizeLongForms(only.getValue()));
                }
            }
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, normalizeLongForms(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(normalizeLongForms(v)));
            return copy;
        }
        if (value instanceof Intrinsic.Sub sub) {
            Map<String, Object> variables = new LinkedHashMap<>();
            sub.variables().forEach((k, v) -> variables.put(k, normalizeLongForms(v)));
            return new Intrinsic.Sub(sub.template(), variables);
        }
        return value;
    }

    /**
     * SnakeYAML's safe constructor plus the CloudFormation short tags. Unknown {@code !Tags} become
     * {@link Intrinsic.Unsupported} so that a template using, say, {@code !Cidr} in a VPC resource
     * still loads; anything else unknown is rejected as the safe constructor does.
     */
    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor(LoaderOptions options) {
            super(options);
            SHORT_TAGS.forEach((tag, function) -> yamlConstructors.put(new Tag(tag), new IntrinsicConstruct(function)));
            var undefined = yamlConstructors.get(null);
            yamlConstructors.put(null, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue();
                    if (tag.startsWith("!")) {
                        return new Intrinsic.Unsupported("Fn::" + tag.substring(1), argument(node));
                    }
                    return undefined.construct(node);
                }
            });
        }

        private Object argument(Node node) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }

        private final class IntrinsicConstruct extends AbstractConstruct {
            private final String function;

            IntrinsicConstruct(String function) {
                this.function = function;
            }

            @Override
            public Object construct(Node node) {
                try {
                    return Intrinsic.of(function, argument(node));
                } catch (StackException e) {
                    throw new StackException(e.getMessage() + " (" + node.getStartMark().toString().trim() + ")");
                }
            }
        }
    }
}
