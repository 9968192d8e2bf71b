package com.wispbill.local.templatecheck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.local.stack.TemplateDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The internet-facing functions may write only the partitions their work needs
 * ({@code dynamodb:LeadingKeys}, docs/data-model.md): every statement of theirs that allows a write
 * to the entity table carries the condition, and it lets through the partitions they write and none of
 * the items nobody on the internet may touch (API keys, portals, sweep checkpoints, platform items).
 * Evaluated as IAM evaluates {@code ForAllValues:StringLike} (wildcards {@code *} and {@code ?}).
 */
class PublicFunctionWritesTest {
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    private static final Set<String> WRITES = Set.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
            "dynamodb:ConditionCheckItem", "dynamodb:BatchWriteItem", "dynamodb:*");
    /** Partitions of items no public function may write, one example each. */
    private static final List<String> PROTECTED = List.of("APIKEY#5e0c1d2f", "PORTAL#p-1", "SWEEP#EXPIRY",
            "SWEEP#REMINDERS", "PLATFORM#ALERTS", "SETTINGS#REMINDER_LEADS", "REMINDER#n-1", "RESELLERS");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "PortalFunction | RESELLER#r1 PAYREF#MPESA#ws_CO_1 RATELIMIT#portal-ip.5e0c",
            "PaymentWebhookFunction | RESELLER#r1 PAYREF#STRIPE#cs_1 EVENT#STRIPE#evt_1 VOUCHER#ABCDEFGHJK OUTBOX#3",
            "WhatsAppWebhookFunction | RESELLER#r1"
    })
    void writesAreNarrowedToThePartitionsTheFunctionNeeds(String function, String needed) {
        TemplateDocument.Resource resource = TemplateDocument.load(REPO.resolve("template.yaml")).resources().get(function);
        List<Map<?, ?>> writes = new ArrayList<>();
        for (Object policy : (List<?>) resource.properties().get("Policies")) {
            for (Object s : (List<?>) ((Map<?, ?>) policy).get("Statement")) {
                Map<?, ?> statement = (Map<?, ?>) s;
                List<?> actions = statement.get("Action") instanceof List<?> l ? l : List.of(statement.get("Action"));
                if (actions.stream().map(String::valueOf).anyMatch(WRITES::contains)) {
                    writes.add(statement);
                }
            }
        }
        assertFalse(writes.isEmpty(), function + " writes to DynamoDB");
        // Each write statement is narrowed and lets no protected item through; together (entity table and
        // the usage table's limit counters) they let through what the function writes.
        List<Pattern> allowedByAny = new ArrayList<>();
        for (Map<?, ?> statement : writes) {
            List<Pattern> allowed = leadingKeys(statement);
            assertFalse(allowed.isEmpty(), function + ": a DynamoDB write statement without a dynamodb:LeadingKeys condition");
            for (String partition : PROTECTED) {
                assertFalse(allowed.stream().anyMatch(p -> p.matcher(partition).matches()), function + " may write " + partition);
            }
            allowedByAny.addAll(allowed);
        }
        for (String partition : needed.strip().split(" ")) {
            assertTrue(allowedByAny.stream().anyMatch(p -> p.matcher(partition).matches()), function + " must write " + partition);
        }
    }

    private static List<Pattern> leadingKeys(Map<?, ?> statement) {
        if (!(statement.get("Condition") instanceof Map<?, ?> condition)
                || !(condition.get("ForAllValues:StringLike") instanceof Map<?, ?> like)
                || !(like.get("dynamodb:LeadingKeys") instanceof List<?> keys)) {
            return List.of();
        }
        return keys.stream().map(k -> Pattern.compile(String.valueOf(k).chars().mapToObj(c -> switch (c) {
            case '*' -> ".*";
            case '?' -> ".";
            default -> Pattern.quote(Character.toString(c));
        }).collect(Collectors.joining()))).toList();
    }
}
