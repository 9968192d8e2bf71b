package com.wispbill.domain.voucher;

import com.wispbill.domain.Ids;
import com.wispbill.domain.Plan;
import com.wispbill.domain.PlanEnforcement;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.routercommand.EnsureHotspotProfile;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.RemoveHotspotUser;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.domain.routercommand.RouterCommand;
import com.wispbill.domain.routercommand.RouterCommandBulk;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The router commands that put a voucher on its router: the plan's hotspot user profile (speed,
 * devices per login) once per router, then one hotspot user per voucher whose name and password are
 * the voucher code ({@link HotspotCredentials}).
 *
 * <p>Command ids are derived from what the command acts on, never drawn at random: a batch that is
 * generated again after a crash (a redelivered order) sends the same ids, so the FIFO queue's
 * deduplication and the driver's record of executed commands recognise them.
 */
public final class VoucherProvisioning {
    /** Prefix of the hotspot user profiles WISPbill manages, so operators can tell them from their own. */
    public static final String PROFILE_PREFIX = "wb-";

    private VoucherProvisioning() {
    }

    /** The hotspot user profile of {@code plan}: {@code wb-<planId>}, or the plan id alone if that is too long. */
    public static String profileName(Plan plan) {
        String prefixed = PROFILE_PREFIX + plan.id();
        return prefixed.length() <= Ids.MAX_LENGTH ? prefixed : plan.id();
    }

    /** The profile a fair-use plan's users are moved to after the allowance: the plan's name with {@code -fup}. */
    public static String fairUseProfileName(Plan plan) {
        String base = profileName(plan);
        return (base.length() + 4 <= Ids.MAX_LENGTH ? base : base.substring(0, Ids.MAX_LENGTH - 4)) + "-fup";
    }

    /** The plan's profile: rate limit and shared users. */
    public static EnsureHotspotProfile profile(Plan plan) {
        return new EnsureHotspotProfile(profileName(plan), plan.rateLimit(), plan.sharedUsers());
    }

    /**
     * The voucher's hotspot user: name and password are the code (what the printed QR code logs in
     * with), uptime limit from the plan's time limit (rounded up to whole seconds, which is all
     * RouterOS counts), byte limit from its data limit, and the batch id as comment so an operator
     * can find a batch on the router.
     */
    public static EnsureHotspotUser user(Voucher voucher, Plan plan) {
        return user(voucher, plan, voucher.batchId());
    }

    /**
     * The voucher's hotspot user with another comment (a portal sale names its payment): the same
     * login ({@link HotspotCredentials#voucher}) and limits as a printed voucher of the plan.
     */
    public static EnsureHotspotUser user(Voucher voucher, Plan plan, String comment) {
        if (!plan.id().equals(voucher.planId())) {
            throw new IllegalArgumentException("voucher " + voucher.id() + " is for plan " + voucher.planId()
                    + ", not " + plan.id());
        }
        Optional<Duration> uptime = plan.timeLimit().map(VoucherProvisioning::wholeSecondsUp);
        // A fair-use plan's allowance only lowers the rate (usage-ingest throttles): the router must not log out.
        OptionalLong bytes = plan.enforcement() == PlanEnforcement.FUP ? OptionalLong.empty()
                : plan.dataLimit().map(d -> OptionalLong.of(d.bytes())).orElse(OptionalLong.empty());
        HotspotCredentials login = HotspotCredentials.voucher(voucher.code());
        return new EnsureHotspotUser(login.username(), login.password(), profileName(plan), uptime, bytes, comment);
    }

    /** Addresses the plan's profile to one router of a batch; one id per (batch, router). */
    public static RouterCommandEnvelope profileEnvelope(String resellerId, String batchId, String routerId, Plan plan,
                                                        Instant issuedAt) {
        EnsureHotspotProfile command = profile(plan);
        return new RouterCommandEnvelope(commandId(batchId + "/" + routerId, command), resellerId, routerId,
                issuedAt, command);
    }

    /** The voucher's hotspot user, addressed to the voucher's router; the id is derived from the voucher id. */
    public static RouterCommandEnvelope userEnvelope(Voucher voucher, Plan plan, Instant issuedAt) {
        EnsureHotspotUser command = user(voucher, plan);
        return new RouterCommandEnvelope(commandId(voucher.id(), command), voucher.resellerId(), voucher.routerId(),
                issuedAt, command);
    }

    /**
     * Removes the voucher's hotspot user, e.g. for a voucher revoked while its batch was being
     * provisioned: queued after the ensure in the router's FIFO group, so the router ends without it.
     */
    public static RouterCommandEnvelope removeUserEnvelope(Voucher voucher, Instant issuedAt) {
        RemoveHotspotUser command = new RemoveHotspotUser(voucher.code());
        return new RouterCommandEnvelope(commandId(voucher.id(), command), voucher.resellerId(), voucher.routerId(),
                issuedAt, command);
    }

    /**
     * One provisioning part of a batch ({@link VoucherBatchLayout}) as the bulk that carries it: the plan's
     * profile if it is its router's first part, then one command per voucher of the part in voucher id order
     * (an ensure, or a removal for a voucher revoked or expired before it reached the router). The bulk id
     * ({@code <batchId>-part-<n>}) and the command ids are derived, so a resumed run that sends the part again
     * sends the same bulk and the part is confirmed once.
     */
    public static RouterCommandBulk part(VoucherBatch batch, VoucherBatchLayout.Part part, Plan plan,
                                         List<Voucher> vouchers, Instant issuedAt) {
        if (vouchers.size() != part.users()) {
            throw new IllegalArgumentException("part " + part.number() + " of batch " + batch.id() + " carries "
                    + part.users() + " vouchers, not " + vouchers.size());
        }
        List<RouterCommandEnvelope> commands = new ArrayList<>();
        if (part.first()) {
            commands.add(profileEnvelope(batch.resellerId(), batch.id(), part.routerId(), plan, issuedAt));
        }
        for (Voucher v : vouchers.stream().sorted(Comparator.comparing(Voucher::id)).toList()) {
            if (!v.batchId().equals(batch.id()) || !v.routerId().equals(part.routerId())) {
                throw new IllegalArgumentException("voucher " + v.id() + " is not for part " + part.number()
                        + " of batch " + batch.id());
            }
            commands.add(v.status() == VoucherStatus.REVOKED || v.status() == VoucherStatus.EXPIRED
                    ? removeUserEnvelope(v, issuedAt) : userEnvelope(v, plan, issuedAt));
        }
        return new RouterCommandBulk(batch.id() + "-part-" + part.number(), batch.resellerId(), part.routerId(),
                commands, Optional.of(new RouterCommandBulk.ProvisioningReceipt(batch.id(), part.number())));
    }

    /**
     * {@code <subject>-<command type>} (e.g. {@code 01JD...-EnsureHotspotUser}) when that is a valid id,
     * else a name-based UUID of the same text; the same subject and type always give the same id.
     */
    public static String commandId(String subject, RouterCommand command) {
        String readable = subject + "-" + command.type();
        if (Ids.isValid(readable)) {
            return readable;
        }
        return UUID.nameUUIDFromBytes(readable.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Duration wholeSecondsUp(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(seconds);
    }
}
