package com.wispbill.domain.routercommand;

import com.wispbill.domain.Validation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One message of {@code router-commands.fifo}: up to {@link #MAX_COMMANDS} commands for one router of one
 * reseller, applied in order over one session, so provisioning a batch costs one queue message, one
 * journal read and one login per hundred users instead of per user. Any {@link RouterCommand} kind may be
 * carried; each keeps its own command id (the driver's per-command record).
 *
 * @param bulkId   the message's deduplication id: derived from the command ids (or given by a producer
 *                 that re-sends the same bulk, e.g. {@code <batchId>-part-<n>}), never random
 * @param commands in the order they are applied; all for {@code resellerId}/{@code routerId}
 * @param receipt  what to confirm once every command is on the router (a voucher batch's part), if anything
 */
public record RouterCommandBulk(String bulkId, String resellerId, String routerId, List<RouterCommandEnvelope> commands,
                                Optional<ProvisioningReceipt> receipt) {
    /** About 20 KB of JSON for hotspot users: well inside SQS's message size. */
    public static final int MAX_COMMANDS = 100;

    public RouterCommandBulk {
        receipt = Objects.requireNonNullElse(receipt, Optional.empty());
        Validation v = new Validation();
        v.id(bulkId, "bulkId");
        v.id(resellerId, "resellerId");
        v.id(routerId, "routerId");
        if (v.notNull(commands, "commands")) {
            v.check(!commands.isEmpty() && commands.size() <= MAX_COMMANDS, "commands",
                    "must hold 1 to " + MAX_COMMANDS + " commands");
            for (int i = 0; i < commands.size(); i++) {
                RouterCommandEnvelope c = commands.get(i);
                v.check(c != null && c.resellerId().equals(resellerId) && c.routerId().equals(routerId),
                        "commands[" + i + "]", "must be for the bulk's reseller and router");
            }
        }
        v.throwIfInvalid();
        commands = List.copyOf(commands);
    }

    /**
     * A voucher batch's part: once every command of the bulk is applied, the driver adds {@code part} to
     * the batch's confirmed parts (a set, so a redelivery confirms nothing twice).
     */
    public record ProvisioningReceipt(String batchId, int part) {
        public ProvisioningReceipt {
            Validation v = new Validation();
            v.id(batchId, "batchId");
            v.check(part >= 0, "part", "must not be negative");
            v.throwIfInvalid();
        }
    }

    /** One command alone: the bulk id is its command id (what a single-command message always used). */
    public static RouterCommandBulk of(RouterCommandEnvelope command) {
        return new RouterCommandBulk(command.commandId(), command.resellerId(), command.routerId(), List.of(command),
                Optional.empty());
    }

    /** Commands of one router with an id derived from theirs, so re-sending the same commands deduplicates. */
    public static RouterCommandBulk of(List<RouterCommandEnvelope> commands, Optional<ProvisioningReceipt> receipt) {
        if (commands.size() == 1 && receipt.isEmpty()) {
            return of(commands.getFirst());
        }
        StringBuilder ids = new StringBuilder();
        commands.forEach(c -> ids.append(c.commandId()).append('\n'));
        receipt.ifPresent(r -> ids.append(r.batchId()).append('#').append(r.part()));
        String bulkId = "bulk-" + UUID.nameUUIDFromBytes(ids.toString().getBytes(StandardCharsets.UTF_8));
        RouterCommandEnvelope first = commands.getFirst();
        return new RouterCommandBulk(bulkId, first.resellerId(), first.routerId(), commands, receipt);
    }

    /**
     * Groups commands into bulks: per router (and reseller) in the order given, at most
     * {@link #MAX_COMMANDS} each. Order between routers does not matter (each router is its own FIFO group).
     */
    public static List<RouterCommandBulk> group(List<RouterCommandEnvelope> commands) {
        Map<String, List<RouterCommandEnvelope>> byRouter = new LinkedHashMap<>();
        for (RouterCommandEnvelope c : commands) {
            byRouter.computeIfAbsent(c.resellerId() + "\n" + c.routerId(), k -> new ArrayList<>()).add(c);
        }
        List<RouterCommandBulk> bulks = new ArrayList<>();
        for (List<RouterCommandEnvelope> routerCommands : byRouter.values()) {
            for (int from = 0; from < routerCommands.size(); from += MAX_COMMANDS) {
                bulks.add(of(routerCommands.subList(from, Math.min(routerCommands.size(), from + MAX_COMMANDS)),
                        Optional.empty()));
            }
        }
        return bulks;
    }

    @Override
    public String toString() {
        return "RouterCommandBulk[bulkId=" + bulkId + ", router=" + routerId + ", commands=" + commands.size()
                + receipt.map(r -> ", receipt=" + r.batchId() + "#" + r.part()).orElse("") + "]";
    }
}
