package com.wispbill.adapters.dynamodb;

import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.routerdriver.DesiredObjectKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Every key format of both tables, in one place (documented in docs/data-model.md). Parts are joined
 * with '#', which ids, usernames, E.164 phones and voucher codes cannot contain (the domain validates
 * that), so keys cannot be forged by crafted ids.
 *
 * <p>Tenant rule: every item a reseller owns has a partition key starting {@code RESELLER#<id>} or, for
 * the few globally unique items (API key hash, voucher code, provider reference, provider event),
 * carries {@code resellerId}, which the repositories check on every read.
 */
final class Keys {
    // Attribute names of the key schema and indexes (fixed by template.yaml).
    static final String PK = "PK";
    static final String SK = "SK";
    static final String GSI1 = "GSI1";
    static final String GSI1PK = "GSI1PK";
    static final String GSI1SK = "GSI1SK";
    static final String GSI2 = "GSI2";
    static final String GSI2PK = "GSI2PK";
    static final String GSI2SK = "GSI2SK";
    static final String EXPIRY_INDEX = "ExpiryIndex";
    static final String EXPIRY_BUCKET = "expiryBucket";
    static final String EXPIRES_AT_KEY = "expiresAtKey";
    static final String TTL = "ttl";
    /** A partition no item ever has: SnapStart priming reads it (and its sort key) before the snapshot. */
    public static final String SNAPSTART_PRIMING = "SNAPSTART#PRIMING";
    /** Entity type on every item, for humans reading the table and for stream consumers. */
    static final String TYPE = "type";

    /** Larger than any character used in ids, so "prefix~" closes a begins-with range. */
    static final String HIGH = "~";

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private Keys() {
    }

    // --- EntityTable: reseller partition ---------------------------------------------------------

    static String reseller(String resellerId) {
        return "RESELLER#" + resellerId;
    }

    static final String PROFILE = "PROFILE";
    static final String RESELLERS = "RESELLERS";

    /** Sort-key prefixes of what a reseller partition lists with begins_with (plans, routers, ...). */
    static final String PLAN_PREFIX = "PLAN#";
    static final String ROUTER_PREFIX = "ROUTER#";
    static final String HEALTH_PREFIX = "HEALTH#";
    static final String BATCH_PREFIX = "BATCH#";
    static final String CUSTOMER_PREFIX = "CUSTOMER#";
    static final String PAYMENT_PREFIX = "PAYMENT#";
    static final String REVIEW_PREFIX = "REVIEW#";

    static String planSk(String planId) {
        return PLAN_PREFIX + planId;
    }

    static String routerSk(String routerId) {
        return ROUTER_PREFIX + routerId;
    }

    static String healthSk(String routerId) {
        return HEALTH_PREFIX + routerId;
    }

    /** The router's last connection test ({@code RouterConnectionTest}), apart from its configuration and health. */
    static String routerTestSk(String routerId) {
        return "ROUTERTEST#" + routerId;
    }

    /** GSI2 partition holding every active router, read by the scheduled poll. */
    static final String ACTIVE_ROUTERS = "ROUTERS#ACTIVE";

    static String activeRouterSortKey(String resellerId, String routerId) {
        return resellerId + "#" + routerId;
    }

    static String batchSk(String batchId) {
        return BATCH_PREFIX + batchId;
    }

    /**
     * The record of one stored provisioning part of a voucher batch: {@code BATCHPART#<batchId>#<part>}, the
     * part zero-padded so the parts list in order (not under {@link #BATCH_PREFIX}, which lists batches).
     */
    static String batchPartSk(String batchId, int part) {
        return batchPartsPrefix(batchId) + String.format(java.util.Locale.ROOT, "%05d", part);
    }

    static String batchPartsPrefix(String batchId) {
        return "BATCHPART#" + batchId + "#";
    }

    static String customerSk(String customerId) {
        return CUSTOMER_PREFIX + customerId;
    }

    static String phoneSk(String e164) {
        return "PHONE#" + e164;
    }

    static String subscriptionSk(String subscriptionId) {
        return "SUB#" + subscriptionId;
    }

    /** A customer's prepaid wallet: {@code WALLET#<customerId>}. */
    static String walletSk(String customerId) {
        return "WALLET#" + customerId;
    }

    /** An M-Pesa C2B payment by its transaction id: {@code PAYBILL#<transId>}. */
    static String paybillSk(String transId) {
        return "PAYBILL#" + transId;
    }

    /** GSI2 partition of the paybill payments waiting for review (sparse: only while REVIEW). */
    static String paybillReview(String resellerId) {
        return reseller(resellerId) + "#PAYBILLREVIEW";
    }

    static final String PAYBILL_SETTINGS_SK = "PAYBILLSETTINGS";

    /** A subscription's router login (password, static address, MAC binding): {@code SUBACCOUNT#<subscriptionId>}. */
    static String subscriptionAccountSk(String subscriptionId) {
        return "SUBACCOUNT#" + subscriptionId;
    }

    static String usernameSk(String username) {
        return "USERNAME#" + username;
    }

    /** A subscription's account number as matched ({@code Subscription.accountKey}: no spaces, case-folded). */
    static String accountSk(String accountKey) {
        return "ACCOUNT#" + accountKey;
    }

    static String customerSubscriptions(String resellerId, String customerId) {
        return reseller(resellerId) + "#CUSTOMER#" + customerId;
    }

    static String paymentSk(String paymentId) {
        return PAYMENT_PREFIX + paymentId;
    }

    static String phonePayments(String resellerId, String e164) {
        return reseller(resellerId) + "#PHONE#" + e164;
    }

    static String phonePaymentSortKey(Instant createdAt, String paymentId) {
        return PAYMENT_PREFIX + DynamoInstants.format(createdAt) + "#" + paymentId;
    }

    static String ledgerSk(String entryId) {
        return "LEDGER#" + entryId;
    }

    static String ledger(String resellerId) {
        return reseller(resellerId) + "#LEDGER";
    }

    static String ledgerSortKey(LocalDate businessDate, Instant at, String entryId) {
        return businessDate + "#" + DynamoInstants.format(at) + "#" + entryId;
    }

    /**
     * Shards of the pending ledger index: every cash transaction of every reseller writes an entry into it and out
     * again, so one partition would be a platform-wide write hotspot. The shard, not the time, spreads the writes,
     * so the sweep reads each shard with one range Query however far back it looks.
     */
    static final int PENDING_LEDGER_SHARDS = 16;

    /** The shard of a reseller's pending ledger entries. */
    static int pendingLedgerShard(String resellerId) {
        return Math.floorMod(resellerId.hashCode(), PENDING_LEDGER_SHARDS);
    }

    /** GSI1 partition of ledger entries not yet aggregated, by shard of the reseller (sparse: only while PENDING). */
    static String pendingLedgerBucket(int shard) {
        return "LEDGER#PENDING#" + shard;
    }

    static String pendingLedgerSortKey(Instant at, String resellerId, String entryId) {
        return DynamoInstants.format(at) + "#" + resellerId + "#" + entryId;
    }

    static String balanceSk(String currencyCode) {
        return "BALANCE#" + currencyCode;
    }

    static String revenueDaySk(LocalDate day) {
        return "REVDAY#" + day;
    }

    static String revenuePlanSk(LocalDate day, String planId) {
        return "REVPLAN#" + day + "#" + planId;
    }

    /** The reseller's outstanding-voucher counter ({@link DynamoVoucherQuota}). */
    static final String VOUCHER_QUOTA = "VOUCHERQUOTA";

    static String idempotencySk(String key) {
        return "IDEMPOTENCY#" + key;
    }

    static String apiKeysOf(String resellerId) {
        return reseller(resellerId) + "#APIKEYS";
    }

    static String batchVouchers(String resellerId, String batchId) {
        return reseller(resellerId) + "#BATCH#" + batchId;
    }

    static String voucherById(String resellerId, String voucherId) {
        return reseller(resellerId) + "#VOUCHER#" + voucherId;
    }

    /** A staff account in its reseller's partition: {@code RESELLER#<rid>} / {@code STAFF#<staffId>}. */
    static final String STAFF_PREFIX = "STAFF#";

    static String staffSk(String staffId) {
        return STAFF_PREFIX + staffId;
    }

    /** A staff member's sessions: {@code RESELLER#<rid>} / {@code STAFFSESSION#<staffId>#<sha256 of the token>}. */
    static String staffSessionsPrefix(String staffId) {
        return "STAFFSESSION#" + staffId + "#";
    }

    static String staffSessionSk(String staffId, String tokenHash) {
        return staffSessionsPrefix(staffId) + tokenHash;
    }

    // --- EntityTable: globally unique items ----------------------------------------------------

    static String apiKey(String keyHash) {
        return "APIKEY#" + keyHash;
    }

    /** A staff email, claimed by one account across the platform: {@code STAFFEMAIL#<email>} / {@code #}. */
    static String staffEmail(String email) {
        return "STAFFEMAIL#" + email;
    }

    /** A one-time sign-in link by the SHA-256 of its token: {@code SIGNINLINK#<hash>} / {@code #}. */
    static String signInLink(String tokenHash) {
        return "SIGNINLINK#" + tokenHash;
    }

    /** Partition-key prefix of a voucher's code item; the code is a secret ({@link Redaction}). */
    static final String VOUCHER_PREFIX = "VOUCHER#";

    static String voucher(String code) {
        return VOUCHER_PREFIX + code;
    }

    /** An M-Pesa receipt (STK {@code MpesaReceiptNumber} or C2B {@code TransID}) and the payment it settled. */
    static String mpesaReceipt(String receipt) {
        return "MPESARECEIPT#" + receipt;
    }

    static String providerReference(PaymentProvider provider, String reference) {
        return "PAYREF#" + provider.name() + "#" + reference;
    }

    static String providerEvent(PaymentProvider provider, String eventId) {
        return "EVENT#" + provider.name() + "#" + eventId;
    }

    /** Sort key of items that are alone in their partition. */
    static final String SINGLE = "#";

    /** A router tunnel address in use: at most one router holds each, whatever its reseller. */
    static String tunnelAddress(String address) {
        return "TUNNELADDR#" + address;
    }

    /** The counter of addresses handed out from one router tunnel network ({@code 10.41.0.0/16}). */
    static String tunnelPool(String cidr) {
        return "TUNNELPOOL#" + cidr;
    }

    // --- payments: grants, reviews, outbox, portals, pending-payment index ------------------------

    static String grantSk(String paymentId) {
        return "GRANT#" + paymentId;
    }

    static String reviewSk(PaymentProvider provider, String key) {
        return REVIEW_PREFIX + provider.name() + "#" + key;
    }

    static String portal(String portalId) {
        return "PORTAL#" + portalId;
    }

    /** GSI1 partition of a reseller's portals (on the portal items themselves), for listing. */
    static String resellerPortals(String resellerId) {
        return reseller(resellerId) + "#PORTALS";
    }

    /** Outbox shards: a fixed set of partitions, so the relay reads every pending message with a few Queries. */
    static final int OUTBOX_SHARDS = 4;

    static String outboxShard(int shard) {
        return "OUTBOX#" + shard;
    }

    static String outboxSk(Instant createdAt, String messageId) {
        return DynamoInstants.format(createdAt) + "#" + messageId;
    }

    /**
     * Shards of the pending-payments index (GSI2): the shard, not the time, spreads the writes, so the reconciler
     * reads each shard with one range Query however far back it looks (like {@link #PENDING_LEDGER_SHARDS}).
     */
    static final int PENDING_PAYMENT_SHARDS = 16;

    /** GSI2 partition of PENDING payments (sparse: only while PENDING), by shard of the payment id. */
    static String pendingPaymentsShardOf(String paymentId) {
        return pendingPaymentsShard(Math.floorMod(paymentId.hashCode(), PENDING_PAYMENT_SHARDS));
    }

    static String pendingPaymentsShard(int shard) {
        return "PAYMENTS#PENDING#" + shard;
    }

    /**
     * The former GSI2 partition of PENDING payments, by UTC creation hour ({@code PAYMENTS#PENDING#2026-11-22T14}):
     * read only by the one-time move of the payments still under it to the shards ({@code PENDING_INDEX_MOVE}).
     */
    static String pendingPaymentsHourBucket(Instant createdAt) {
        return "PAYMENTS#PENDING#" + HOUR.format(createdAt);
    }

    /** The record of the one-time move from the hour buckets to the shards: alone in its partition. */
    static final String PENDING_INDEX_MOVE = "INDEXMOVE#PAYMENTS#PENDING";

    /** A verified success nobody's payment matched, by payer: {@code UNMATCHED#<PROVIDER>#<phone>#<reference>}. */
    static String unmatchedCallbackSk(PaymentProvider provider, String phone, String reference) {
        return unmatchedCallbackPrefix(provider, phone) + reference;
    }

    static String unmatchedCallbackPrefix(PaymentProvider provider, String phone) {
        return "UNMATCHED#" + provider.name() + "#" + phone + "#";
    }

    static String pendingPaymentSortKey(Instant createdAt, String resellerId, String paymentId) {
        return DynamoInstants.format(createdAt) + "#" + resellerId + "#" + paymentId;
    }

    // --- ExpiryIndex -------------------------------------------------------------------------------

    static final String EXPIRY_KIND_SUBSCRIPTION = "SUB";
    static final String EXPIRY_KIND_VOUCHER = "VOUCHER";

    /** Hour bucket, e.g. "SUB#2026-11-22T14": a sweep queries the buckets between its last run and now. */
    static String expiryBucket(String kind, Instant expiresAt) {
        return kind + "#" + HOUR.format(expiresAt);
    }

    static Instant hourFloor(Instant instant) {
        return instant.truncatedTo(ChronoUnit.HOURS);
    }

    static String expiresAtKey(Instant expiresAt, String id) {
        return DynamoInstants.format(expiresAt) + "#" + id;
    }

    /** Upper bound (inclusive) for "expires at or before {@code dueBy}". */
    static String expiresAtUpperBound(Instant dueBy) {
        return DynamoInstants.format(dueBy) + "#" + HIGH;
    }

    // --- EntityTable: enforcement bookkeeping (expiry-sweeper) -------------------------------------

    static String sweepCheckpoint(String sweep) {
        return "SWEEP#" + sweep;
    }

    static String reminderMarker(String notificationId) {
        return "REMINDER#" + notificationId;
    }

    static final String ENFORCEMENT_SETTINGS_SK = "SETTINGS#ENFORCEMENT";
    static final String REMINDER_LEADS = "SETTINGS#REMINDER_LEADS";

    // --- UsageTable --------------------------------------------------------------------------------

    static String subscriberUsage(String resellerId, String username) {
        return reseller(resellerId) + "#USER#" + username;
    }

    static String resellerBandwidth(String resellerId) {
        return reseller(resellerId) + "#BANDWIDTH";
    }

    static String daySk(LocalDate day) {
        return "DAY#" + day;
    }

    static String quotaSk(String periodId) {
        return "QUOTA#" + periodId;
    }

    static String rateLimit(String keyId) {
        return "RATELIMIT#" + keyId;
    }

    static String rateWindowSk(Instant windowStart) {
        return "WINDOW#" + DynamoInstants.format(windowStart);
    }

    /** One router's usage state (session cursors, usage written behind, owner cache): one item per router. */
    static String routerUsage(String resellerId, String routerId) {
        return reseller(resellerId) + "#ROUTERUSAGE#" + routerId;
    }

    static final String ROUTER_USAGE_SK = "STATE";

    /** The reseller and router ids of a {@link #routerUsage} key. */
    static List<String> routerOfUsage(String pk) {
        int marker = pk.indexOf("#ROUTERUSAGE#");
        if (!pk.startsWith("RESELLER#") || marker < 0) {
            throw new IllegalArgumentException("not a router usage key: " + pk);
        }
        return List.of(pk.substring("RESELLER#".length(), marker), pk.substring(marker + "#ROUTERUSAGE#".length()));
    }

    /** UsageTable index of router states with usage not on the counters (sparse; keys only). */
    static final String UNFLUSHED_INDEX = "UnflushedIndex";

    /** Partition of {@link #UNFLUSHED_INDEX} of shard {@code shard} ({@code UsageRepository.unflushedShardOf}). */
    static String unflushedShard(int shard) {
        return "UNFLUSHED#" + shard;
    }

    /** Owner changes of a reseller's subscribers (from the entity table's stream), one item per minute they happened in. */
    static String ownerChanges(String resellerId) {
        return reseller(resellerId) + "#OWNERCHANGES";
    }

    static String ownerChangesSk(java.time.Instant minute) {
        return "AT#" + minute.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    }

    /** A router's share of the reseller's bandwidth on {@code day} (summed with the others when read). */
    static String bandwidthShardSk(LocalDate day, String routerId) {
        return daySk(day) + "#ROUTER#" + routerId;
    }


    // ---------------------------------------------------------------- router driver state

    /** The driver's record that a router command was applied (redelivery dedup). */
    static String appliedCommandSk(String commandId) {
        return "CMDDONE#" + commandId;
    }

    /** A router's circuit breaker, shared by every driver instance. */
    static String circuitSk(String routerId) {
        return "CIRCUIT#" + routerId;
    }

    /** A router's desired-state journal (one item per named object billing manages on it). */
    static String routerJournal(String resellerId, String routerId) {
        return reseller(resellerId) + "#ROUTER#" + routerId;
    }

    /** Sort key of one journal entry: the object's kind and its name on the router. */
    static String journalSk(DesiredObjectKind kind, String name) {
        return switch (kind) {
            case HOTSPOT_USER -> "HSUSER#";
            case PPP_SECRET -> "PPP#";
            case HOTSPOT_PROFILE -> "HSPROFILE#";
            case PPP_PROFILE -> "PPPPROFILE#";
        } + name;
    }

    // --- EntityTable: notifier (SMS settings, templates, deliveries, daily quota; WhatsApp; alerts) --

    static final String SMS_SETTINGS = "SMSSETTINGS";
    /** WhatsApp templates by event: {@code RESELLER#<rid>} / {@code WHATSAPPTEMPLATES}. */
    static final String WHATSAPP_TEMPLATES = "WHATSAPPTEMPLATES";
    /** Alert email addresses: {@code RESELLER#<rid>} or {@code PLATFORM#ALERTS} / {@code ALERTEMAILS}. */
    static final String ALERT_EMAILS = "ALERTEMAILS";
    static final String ALERT_PREFIX = "ALERT#";
    /** Partition of alerts that concern no single reseller. */
    static final String PLATFORM_ALERTS = "PLATFORM#ALERTS";
    static final String SMS_TEMPLATES_PREFIX = "SMSTEMPLATES#";

    static String smsTemplatesSk(String language) {
        return SMS_TEMPLATES_PREFIX + language;
    }

    static String smsDeliverySk(String notificationId) {
        return "SMS#" + notificationId;
    }

    static String smsDaySk(LocalDate day) {
        return "SMSDAY#" + day;
    }

    static String alertSk(String key) {
        return ALERT_PREFIX + key;
    }

    /** A customer's WhatsApp opt-in: {@code RESELLER#<rid>} / {@code WHATSAPPOPTIN#<E.164 phone>}. */
    static String whatsAppOptInSk(String phoneE164) {
        return "WHATSAPPOPTIN#" + phoneE164;
    }

    /** A WhatsApp message and its status: {@code RESELLER#<rid>} / {@code WAMSG#<E.164 phone>#<wamid>}. */
    static String whatsAppMessageSk(String phoneE164, String messageId) {
        return "WAMSG#" + phoneE164 + "#" + messageId;
    }

    /** An SMS and its delivery status: {@code RESELLER#<rid>} / {@code SMSMSG#<E.164 phone>#<SNS MessageId>}. */
    static String smsMessageSk(String phoneE164, String messageId) {
        return "SMSMSG#" + phoneE164 + "#" + messageId;
    }

    /**
     * Where SNS's MessageId leads (a delivery status names only that and the number):
     * {@code SNSMSG#<MessageId>} / {@code SNSMSG}, holding the reseller and the number.
     */
    static String snsMessage(String messageId) {
        return "SNSMSG#" + messageId;
    }

    static final String SNS_MESSAGE_SK = "SNSMSG";
}
