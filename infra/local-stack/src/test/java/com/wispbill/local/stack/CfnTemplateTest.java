package com.wispbill.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing the short tags and long forms, and resolving them (no servers). */
class CfnTemplateTest {

    private static final String TEMPLATE = """
            Parameters:
              Stage: { Type: String, Default: dev }
              Subnets: { Type: CommaDelimitedList, Default: "a,b" }
              NoDefault: { Type: String }
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
              IsDev: !Not [!Condition IsProd]
              DevAndEu: !And [!Condition IsDev, !Equals [!Ref "AWS::Region", eu-west-1]]
              Either: !Or [!Condition IsProd, {"Condition": "IsDev"}]
            Mappings:
              Sizes: { dev: { Memory: 256 } }
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub ${AWS::StackName}-q
              Values:
                Type: Custom::Values
                Properties:
                  SubString: !Sub "${Stage}/${AWS::Region}/${AWS::AccountId}/${Queue.Arn}/${!Literal}"
                  SubList: !Sub ["${Name}-${Queue}", { Name: !Ref Stage }]
                  AttrDotted: !GetAtt Queue.Arn
                  AttrList: !GetAtt [Queue, QueueName]
                  LongForm: { "Fn::Join": ["/", [{ "Ref": "Stage" }, { "Fn::GetAtt": ["Queue", "Arn"] }]] }
                  Joined: !Join [",", [a, !Ref Stage, 3]]
                  Selected: !Select [1, !Split ["|", "x|y|z"]]
                  ListParam: !Select [1, !Ref Subnets]
                  FromMap: !FindInMap [Sizes, !Ref Stage, Memory]
                  IfValue: !If [IsProd, big, small]
                  Removed: !If [IsProd, x, !Ref "AWS::NoValue"]
                  Encoded: !Base64 hi
                  Cidr: !Cidr [10.0.0.0/16, 4, 8]
                  Imported: !ImportValue shared-vpc
                  Missing: !Ref NoDefault
            """;

    private final CfnTemplate template = CfnTemplate.parse(TEMPLATE, "inline");

    private IntrinsicResolver resolver(Map<String, String> parameters) {
        return new IntrinsicResolver(template, parameters, Map.of("shared-vpc", "vpc-123"), "stack", "eu-west-1", "000000000000",
                new IntrinsicResolver.ResourceAttributes() {
                    @Override
                    public boolean isResource(String logicalId) {
                        return template.resources().containsKey(logicalId);
                    }

                    @Override
                    public Object ref(String logicalId) {
                        return "url-of-" + logicalId;
                    }

                    @Override
                    public Object getAtt(String logicalId, String attribute) {
                        return attribute + "-of-" + logicalId;
                    }
                });
    }

    private Object value(String property) {
        return resolver(Map.of()).resolve(template.resources().get("Values").properties().get(property), property);
    }

    @Test
    void shortTagsBecomeIntrinsics() {
        Map<String, Object> props = template.resources().get("Values").properties();
        assertEquals(new Intrinsic.GetAtt("Queue", "Arn"), props.get("AttrDotted"));
        assertEquals(new Intrinsic.GetAtt("Queue", "QueueName"), props.get("AttrList"));
        assertInstanceOf(Intrinsic.Sub.class, props.get("SubList"));
        assertInstanceOf(Intrinsic.Join.class, props.get("LongForm"), "long forms are normalized too");
        assertInstanceOf(Intrinsic.Unsupported.class, props.get("Cidr"), "unknown tags still parse");
    }

    @Test
    void resolvesSubInBothFormsAndGetAttInBothForms() {
        assertEquals("dev/eu-west-1/000000000000/Arn-of-Queue/${Literal}", value("SubString"));
        assertEquals("dev-url-of-Queue", value("SubList"));
        assertEquals("Arn-of-Queue", value("AttrDotted"));
        assertEquals("QueueName-of-Queue", value("AttrList"));
        assertEquals("dev/Arn-of-Queue", value("LongForm"));
    }

    @Test
    void resolvesListFunctionsMappingsConditionsAndImports() {
        assertEquals("a,dev,3", value("Joined"));
        assertEquals("y", value("Selected"));
        assertEquals("b", value("ListParam"));
        assertEquals(256, value("FromMap"));
        assertEquals("small", value("IfValue"));
        assertEquals(IntrinsicResolver.NO_VALUE, value("Removed"));
        assertEquals("aGk=", value("Encoded"));
        assertEquals("vpc-123", value("Imported"));
        IntrinsicResolver resolver = resolver(Map.of());
        assertTrue(resolver.condition("IsDev"));
        assertTrue(resolver.condition("DevAndEu"));
        assertTrue(resolver.condition("Either"));
        IntrinsicResolver prod = resolver(Map.of("Stage", "prod"));
        assertEquals("big", prod.resolve(template.resources().get("Values").properties().get("IfValue"), "IfValue"));
        Map<?, ?> resolved = (Map<?, ?>) resolver.resolve(Map.of("Keep", "k", "Drop", new Intrinsic.Ref("AWS::NoValue")), "map");
        assertEquals(Map.of("Keep", "k"), resolved);
    }

    @Test
    void unresolvableValuesFailWithTheirLocation() {
        StackException cidr = assertThrows(StackException.class, () -> value("Cidr"));
        assertTrue(cidr.getMessage().contains("Fn::Cidr is not supported"), cidr.getMessage());
        StackException missing = assertThrows(StackException.class, () -> value("Missing"));
        assertTrue(missing.getMessage().contains("Options.parameter(\"NoDefault\""), missing.getMessage());
        StackException unknown = assertThrows(StackException.class, () -> resolver(Map.of()).resolve(new Intrinsic.Ref("Nope"), "X.Y"));
        assertTrue(unknown.getMessage().startsWith("X.Y: !Ref Nope"), unknown.getMessage());
        assertThrows(StackException.class, () -> resolver(Map.of("Unknown", "x")));
    }

    @Test
    void rejectsMalformedTemplates() {
        assertThrows(StackException.class, () -> CfnTemplate.parse("Resources: {}", "empty"));
        assertThrows(StackException.class, () -> CfnTemplate.parse("Resources:\n  X:\n    Properties: {}\n", "no type"));
        StackException badGetAtt = assertThrows(StackException.class,
                () -> CfnTemplate.parse("Resources:\n  X:\n    Type: T\n    Properties:\n      A: !GetAtt NoDot\n", "bad"));
        assertTrue(badGetAtt.getMessage().contains("Resource.Attribute"), badGetAtt.getMessage());
        assertThrows(StackException.class, () -> CfnTemplate.parse("Resources:\n  X: {Type: T}\n  X: {Type: T}\n", "duplicate"));
    }

    @Test
    void samGlobalsMergeMapsAndLetTheFunctionWin() {
        Map<String, Object> merged = FunctionWiring.mergeGlobals(
                Map.of("Timeout", 10, "Environment", Map.of("Variables", Map.of("A", "global", "B", "global"))),
                Map.of("Timeout", 30, "Environment", Map.of("Variables", Map.of("B", "own"))));
        assertEquals(30, merged.get("Timeout"));
        assertEquals(Map.of("A", "global", "B", "own"), ((Map<?, ?>) ((Map<?, ?>) merged.get("Environment")).get("Variables")));
        assertEquals(List.of("x"), FunctionWiring.mergeGlobals(Map.of("Layers", List.of("g")), Map.of("Layers", List.of("x"))).get("Layers"));
    }
}
