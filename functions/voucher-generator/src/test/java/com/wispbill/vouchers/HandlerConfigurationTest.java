package com.wispbill.vouchers;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import com.wispbill.adapters.Env;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.constructor.AbstractConstruct;

/**
 * The no-arg constructor Lambda calls finds all its configuration in what template.yaml gives this
 * function (Globals plus its own variables), not in another function's variables: in one JVM the local
 * stack publishes every function's variables, in AWS each function sees only its own.
 */
class HandlerConfigurationTest {

    @Test
    void theTemplateGivesTheGeneratorEveryVariableItReads() throws IOException {
        Map<String, Object> template = loadTemplate(Path.of("../../template.yaml"));
        Map<String, String> variables = new HashMap<>();
        variables.putAll(variables(path(template, "Globals", "Function")));
        variables.putAll(variables(path(template, "Resources", "VoucherGeneratorFunction", "Properties")));

        Properties saved = (Properties) System.getProperties().clone();
        try {
            System.getProperties().stringPropertyNames().stream()
                    .filter(name -> name.startsWith(Env.SYSTEM_PROPERTY_PREFIX))
                    .forEach(System::clearProperty);
            variables.forEach((name, value) -> System.setProperty(Env.SYSTEM_PROPERTY_PREFIX + name, value));
            assertDoesNotThrow(() -> new VoucherGeneratorHandler());
        } finally {
            System.setProperties(saved);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> path(Map<String, Object> map, String... keys) {
        Map<String, Object> current = map;
        for (String key : keys) {
            current = (Map<String, Object>) current.get(key);
        }
        return current;
    }

    /** Names of the variables, each with a placeholder value (intrinsics like !Ref are not resolved). */
    private static Map<String, String> variables(Map<String, Object> function) {
        Map<String, String> out = new HashMap<>();
        Map<String, Object> variables = path(function, "Environment", "Variables");
        if (variables != null) {
            variables.keySet().forEach(name -> out.put(name, "from-template-" + name.toLowerCase()));
        }
        return out;
    }

    private static Map<String, Object> loadTemplate(Path file) throws IOException {
        SafeConstructor constructor = new SafeConstructor(new LoaderOptions()) {
            {
                // CloudFormation short forms (!Ref, !GetAtt, !Sub, ...): any value will do here.
                AbstractConstruct intrinsic = new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        return "intrinsic";
                    }
                };
                for (String tag : new String[]{"Ref", "GetAtt", "Sub", "Join", "If", "Not", "Equals", "Select",
                        "Split", "FindInMap", "ImportValue", "Condition", "And", "Or", "Base64", "GetAZs"}) {
                    this.yamlConstructors.put(new Tag("!" + tag), intrinsic);
                }
            }
        };
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml(constructor).load(reader);
        }
    }
}
