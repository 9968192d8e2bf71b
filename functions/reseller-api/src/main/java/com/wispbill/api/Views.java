package com.wispbill.api;

import java.util.Map;
import java.util.LinkedHashMap;
import com.wispbill.domain.notify.WhatsAppTemplate;
import com.wispbill.domain.messages.SmsRequest.SmsTemplate;
import com.wispbill.adapters.repository.DashboardCounters;
import com.wispbill.adapters.repository.UsageRepository;
import com.wispbill.adapters.repository.VoucherQuota;
import com.wispbill.domain.ApiKey;
import com.wispbill.domain.ApiKeys;
import com.wispbill.domain.Customer;
import com.wispbill.domain.DataSize;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.Money;
import com.wispbill.domain.Payment;
import com.wispbill.domain.Plan;
import com.wispbill.domain.RateLimit;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Router;
import com.wispbill.domain.RouterConnectionTest;
import com.wispbill.domain.RouterHealth;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.Validity;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.api.service.SettingsService;
import com.wispbill.api.service.MoneyService;
import com.wispbill.api.service.VoucherService;
import com.wispbill.domain.messages.Alert;
import com.wispbill.api.service.MessageService;
import com.wispbill.domain.notify.SmsApprovals;
import com.wispbill.adapters.repository.EnforcementStateRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The JSON shapes of the API's answers, as plain records: domain types never go to JSON directly, so
 * a domain change cannot silently change the API. Absent optional values are {@code null}.
 */
final class Views {
    private Views() {
    }

    record MoneyView(long amountMinor, String currency, String formatted) {
        static MoneyView of(Money m) {
            return new MoneyView(m.minorUnits(), m.currency().getCurrencyCode(), m.format());
        }
    }

    record ResellerView(String id, String name, String zone, String currency, String status, int voucherCodeLength,
                        Instant createdAt) {
        static ResellerView of(Reseller r) {
            return new ResellerView(r.id(), r.name(), r.zone().getId(), r.currency().getCurrencyCode(), r.status().name(),
                    r.voucherCodeLength(), r.createdAt());
        }
    }

    record QuotaView(long outstandingVouchers, long limit, long remaining) {
        static QuotaView of(VoucherQuota.Usage u) {
            return new QuotaView(u.outstanding(), u.limit(), u.remaining());
        }
    }

    /** {@code keyId} for an API key, {@code staff} for a session; {@code routes}: every "METHOD /template" it may call. */
    record MeView(ResellerView reseller, String keyId, String role, QuotaView voucherQuota, StaffRoutes.StaffView staff,
                  List<String> routes) {
    }

    record ApiKeyView(String keyId, String resellerId, String role, String visiblePrefix, String status,
                      Instant createdAt) {
        static ApiKeyView of(ApiKey k) {
            return new ApiKeyView(k.keyId(), k.resellerId(), k.role().name(), k.visiblePrefix(), k.status().name(),
                    k.createdAt());
        }
    }

    /** A new key with its secret: the only answer that ever contains one. */
    record IssuedKeyView(ApiKeyView key, String secret, String note) {
        static IssuedKeyView of(ApiKeys.Issued issued) {
            return new IssuedKeyView(ApiKeyView.of(issued.key()), issued.secret(),
                    "store this secret now: it is shown once and only its hash is kept");
        }
    }

    record OnboardedView(ResellerView reseller, QuotaView voucherQuota) {
    }

    record ValidityView(String type, Duration duration, Integer days, Integer months) {
        static ValidityView of(Validity v) {
            return switch (v) {
                case Validity.Fixed f -> new ValidityView("FIXED", f.duration(), null, null);
                case Validity.UntilEndOfDay d -> new ValidityView("UNTIL_END_OF_DAY", null, d.days(), null);
                case Validity.Monthly m -> new ValidityView("MONTHLY", null, null, m.months());
            };
        }
    }

    record DataSizeView(long bytes, String decimal, String binary) {
        static DataSizeView of(DataSize d) {
            return new DataSizeView(d.bytes(), d.formatDecimal(), d.formatBinary());
        }
    }

    record PlanView(String id, String name, MoneyView price, ValidityView validity, String validityStart,
                    Duration timeLimit, DataSizeView dataLimit, String rateLimit, int sharedUsers, boolean active,
                    Instant createdAt, String enforcement, String fairUseRate) {
        static PlanView of(Plan p) {
            return new PlanView(p.id(), p.name(), MoneyView.of(p.price()), ValidityView.of(p.validity()),
                    p.validityStart().name(), p.timeLimit().orElse(null), p.dataLimit().map(DataSizeView::of).orElse(null),
                    p.rateLimit().map(RateLimit::toRouterOs).orElse(null), p.sharedUsers(), p.active(), p.createdAt(),
                    p.enforcement().name(), p.fairUseRate().map(RateLimit::toRouterOs).orElse(null));
        }
    }

    record HealthView(String routerId, Instant checkedAt, boolean reachable, Instant lastSeenAt, int consecutiveFailures,
                      String routerOsVersion, Integer activeSessions, String lastError) {
        static HealthView of(RouterHealth h) {
            return new HealthView(h.routerId(), h.checkedAt(), h.reachable(), h.lastSeenAt().orElse(null),
                    h.consecutiveFailures(), h.routerOsVersion().orElse(null),
                    h.activeSessions().isPresent() ? h.activeSessions().getAsInt() : null, h.lastError().orElse(null));
        }
    }

    record RouterView(String id, String name, String host, String tunnelAddress, int apiPort, boolean useTls,
                      boolean allowPlainApi, String hotspotServer, String site, String zone, String wifiName,
                      String status, Instant createdAt, HealthView health,
                      OnboardingViews.ConnectionTestView connectionTest) {
        static RouterView of(Router r, Optional<RouterHealth> health) {
            return of(r, health, Optional.empty());
        }

        static RouterView of(Router r, Optional<RouterHealth> health, Optional<RouterConnectionTest> test) {
            return new RouterView(r.id(), r.name(), r.host(), r.tunnelAddress().orElse(null), r.apiPort(), r.useTls(),
                    r.allowPlainApi(), r.hotspotServer().orElse(null), r.site().orElse(null),
                    r.zone().map(ZoneId::getId).orElse(null), r.wifiName().orElse(null), r.status().name(), r.createdAt(),
                    health.map(HealthView::of).orElse(null), test.map(OnboardingViews.ConnectionTestView::of).orElse(null));
        }
    }

    /** {@code pendingReason}: while PENDING_ROUTER, why the vouchers are not sellable yet. */
    record BatchView(String id, String planId, List<String> routerIds, int quantity, String status, int generatedCount,
                     String failureReason, String pendingReason, int provisioningParts, int confirmedParts,
                     Instant createdAt, Instant updatedAt) {
        static BatchView of(VoucherBatch b) {
            return new BatchView(b.id(), b.planId(), b.routerIds(), b.quantity(), b.status().name(), b.generatedCount(),
                    b.failureReason().orElse(null), b.pendingReason().orElse(null), b.provisioningParts(),
                    b.confirmedParts(), b.createdAt(), b.updatedAt());
        }
    }

    /** The code is the reseller's own secret to hand out: shown to its owner, never logged. */
    /** {@code pendingReason}: on the single voucher's view, why a NEW voucher is not on its router yet. */
    record VoucherView(String id, String code, String displayCode, String batchId, String planId, String routerId,
                       String status, Instant createdAt, Instant soldAt, Instant firstUsedAt, Instant expiresAt,
                       String revokeReason, String pendingReason) {
        static VoucherView of(Voucher v) {
            return of(new VoucherService.SeenVoucher(v, Optional.empty()));
        }

        static VoucherView of(VoucherService.SeenVoucher seen) {
            Voucher v = seen.voucher();
            return new VoucherView(v.id(), v.code(), v.displayCode(), v.batchId(), v.planId(), v.routerId(),
                    v.status().name(), v.createdAt(), v.soldAt().orElse(null), v.firstUsedAt().orElse(null),
                    v.expiresAt().orElse(null), v.revokeReason().orElse(null), seen.pendingReason().orElse(null));
        }
    }

    record CustomerView(String id, String phone, String name, String email, String location, Instant createdAt) {
        static CustomerView of(Customer c) {
            return new CustomerView(c.id(), c.phone(), c.name().orElse(null), c.email().orElse(null),
                    c.location().orElse(null), c.createdAt());
        }
    }

    /** An M-Pesa C2B payment: what M-Pesa confirmed and what became of it. */
    record PaybillPaymentView(String transId, String transactionType, MoneyView amount, String accountNumber, String msisdn,
                              String shortCode, String payerName, Instant receivedAt, String status, String reason,
                              String subscriptionId, String paymentId, String note, String problem, String raw) {
        /** {@code amount} null: M-Pesa's amount could not be read ({@code raw} is the confirmation as received). */
        static PaybillPaymentView of(com.wispbill.domain.paybill.PaybillPayment p) {
            return new PaybillPaymentView(p.transId(), p.transactionType(), p.amount().map(MoneyView::of).orElse(null),
                    p.billRef(), p.msisdn(), p.shortCode(), p.payerName().orElse(null), p.receivedAt(), p.status().name(),
                    p.reason().map(Enum::name).orElse(null), p.subscriptionId().orElse(null), p.paymentId().orElse(null),
                    p.note().orElse(null), p.problem().orElse(null), p.raw().orElse(null));
        }
    }

    /** A cash renewal; {@code repeated}: the Idempotency-Key had renewed it already, nothing was written now. */
    record CashRenewalView(SubscriptionView subscription, String ledgerEntryId, boolean routerCommandQueued, boolean repeated) {
    }

    /** An STK push sent for a renewal: the PENDING payment, and what M-Pesa told the customer (null: its answer was lost). */
    record StkPushView(PaymentView payment, String customerMessage) {
    }

    /** A wallet's balance; after a top-up its ledger entry and whether the Idempotency-Key had topped up already. */
    record WalletView(MoneyView balance, String ledgerEntryId, boolean repeated) {
    }

    /** A renewal from the wallet: {@code debited} null when that period was paid already (nothing written). */
    record WalletRenewalView(SubscriptionView subscription, MoneyView debited, MoneyView balance, boolean routerCommandQueued) {
    }

    record PaybillSettingsView(boolean refuseUnknownAccounts) {
    }

    record PaybillRegistrationView(String shortCode, String confirmationUrl, String validationUrl) {
    }

    /** A subscription after a change, and whether its router commands reached the queue (else the outbox relay sends them). */
    record SubscriptionChangeView(SubscriptionView subscription, boolean routerCommandQueued) {
    }

    record SubscriptionView(String id, String customerId, String planId, String routerId, String kind, String username,
                            Instant startsAt, Instant expiresAt, String status, boolean autoRenew) {
        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.id(), s.customerId(), s.planId(), s.routerId(), s.kind().name(), s.username(),
                    s.startsAt(), s.expiresAt(), s.status().name(), s.autoRenew());
        }
    }

    record LedgerEntryView(String id, String type, MoneyView amount, String paymentId, Instant at, LocalDate businessDate,
                           String memo) {
        static LedgerEntryView of(LedgerEntry e) {
            return new LedgerEntryView(e.id(), e.type().name(), MoneyView.of(e.amount()), e.paymentId().orElse(null),
                    e.at(), e.businessDate(), e.memo());
        }
    }

    record ExtensionView(SubscriptionView subscription, LedgerEntryView ledgerEntry, boolean routerCommandQueued) {
    }

    /**
     * {@code grantStatus} (PENDING_ROUTER until the router takes what was paid for, then ACTIVE) and
     * {@code pendingReason}: on the single payment's view once it SUCCEEDED.
     */
    record PaymentView(String id, String customerPhone, String planId, MoneyView amount, String provider,
                       String providerReference, String status, Instant createdAt, Instant updatedAt,
                       String failureReason, String subscriptionId, String routerId, String grantStatus,
                       String pendingReason) {
        static PaymentView of(Payment p) {
            return of(new MoneyService.PaymentWithGrant(p, Optional.empty(), Optional.empty()));
        }

        static PaymentView of(MoneyService.PaymentWithGrant withGrant) {
            Payment p = withGrant.payment();
            return new PaymentView(p.id(), p.customerPhone(), p.planId(), MoneyView.of(p.amount()), p.provider().name(),
                    p.providerReference().orElse(null), p.status().name(), p.createdAt(), p.updatedAt(),
                    p.failureReason().orElse(null), p.subscriptionId().orElse(null), p.routerId().orElse(null),
                    withGrant.grant().map(g -> g.status().name()).orElse(null), withGrant.pendingReason().orElse(null));
        }
    }

    record BalanceView(MoneyView balance) {
    }

    record RevenueView(LocalDate day, MoneyView gross, long sales, MoneyView refunds, long refundCount, MoneyView net) {
        static RevenueView of(DashboardCounters.DailyRevenue r) {
            return new RevenueView(r.day(), MoneyView.of(r.gross()), r.sales(), MoneyView.of(r.refunds()), r.refundCount(),
                    MoneyView.of(r.net()));
        }
    }

    record RevenueDaysView(LocalDate from, LocalDate to, String zone, List<RevenueView> days) {
    }

    record TodayView(LocalDate date, String zone, RevenueView revenue, List<LedgerEntryView> transactions,
                     String nextCursor) {
    }

    record PopularPlanView(String planId, String planName, long sales, MoneyView gross) {
    }

    record PopularPlansView(LocalDate from, LocalDate to, List<PopularPlanView> plans) {
    }

    record ActiveSessionsView(long activeSessions, int routersReporting, int routersUnreachable,
                              List<HealthView> routers) {
    }

    record BandwidthDayView(LocalDate day, long bytesIn, long bytesOut, long totalBytes) {
        static BandwidthDayView of(UsageRepository.DailyUsage d) {
            return new BandwidthDayView(d.day(), d.bytesIn(), d.bytesOut(), d.totalBytes());
        }
    }

    record BandwidthView(LocalDate from, LocalDate to, List<BandwidthDayView> days) {
    }

    record RouterHealthView(List<HealthView> routers) {
    }

    record AlertView(String alertId, String key, String severity, String subject, String detail, Instant raisedAt) {
        static AlertView of(Alert a) {
            return new AlertView(a.alertId(), a.key(), a.severity().name(), a.subject(), a.detail(), a.raisedAt());
        }
    }

    record AlertsView(List<AlertView> alerts) {
    }

    /**
     * One message to a customer and the latest status: WhatsApp as Meta reported it (SENT, DELIVERED, READ,
     * FAILED), SMS as SNS logged it (SENT, DELIVERED, FAILED; {@code providerResponse} the carrier's answer).
     */
    record MessageView(String messageId, String notificationId, String channel, String event, String status, Instant sentAt,
                       Instant statusAt, String providerResponse) {
        static MessageView of(MessageService.Sent sent) {
            return switch (sent) {
                case MessageService.ByWhatsApp w -> new MessageView(w.message().messageId(), w.message().notificationId(),
                        "WHATSAPP", w.message().template().name(), w.message().status().name(), w.message().sentAt(),
                        w.message().statusAt(), null);
                case MessageService.BySms s -> new MessageView(s.message().messageId(), s.message().notificationId(), "SMS",
                        s.message().template().name(), s.message().status().name(), s.message().sentAt(), s.message().statusAt(),
                        s.message().providerResponse().orElse(null));
            };
        }
    }

    record MessagesView(List<MessageView> items) {
    }

    record SmsTemplateView(String template, String language, String text, boolean override, List<String> placeholders) {
        static SmsTemplateView of(SettingsService.TemplateText t) {
            return new SmsTemplateView(t.template().name(), t.language(), t.text(), t.override(),
                    t.placeholders().stream().sorted().toList());
        }
    }

    /** {@code senderId} null: the platform's sender id is used. */
    record SmsSettingsView(String language, String senderId, List<String> approvedSenderIds, boolean linksAllowed,
                           List<SmsTemplateView> templates) {
        static SmsSettingsView of(SettingsService.Sms sms) {
            return new SmsSettingsView(sms.settings().language(), sms.settings().senderId().orElse(null),
                    sms.approvals().senderIds(), sms.approvals().linksAllowed(),
                    sms.templates().stream().map(SmsTemplateView::of).toList());
        }
    }

    /** What the operator approved for a reseller's SMS. */
    record SmsApprovalsView(String resellerId, List<String> senderIds, boolean linksAllowed) {
        static SmsApprovalsView of(String resellerId, SmsApprovals a) {
            return new SmsApprovalsView(resellerId, a.senderIds(), a.linksAllowed());
        }
    }

    record ReminderSettingsView(long reminderLeadMinutes, long defaultReminderLeadMinutes, long maxReminderLeadMinutes) {
        static ReminderSettingsView of(Duration lead) {
            return new ReminderSettingsView(lead.toMinutes(), EnforcementStateRepository.DEFAULT_REMINDER_LEAD.toMinutes(),
                    EnforcementStateRepository.MAX_REMINDER_LEAD.toMinutes());
        }
    }

    record WhatsAppTemplateView(String name, String language) {
    }

    /** Every event the notifier sends, with its approved template or null (that event goes by SMS). */
    record WhatsAppTemplatesView(Map<String, WhatsAppTemplateView> templates) {
        static WhatsAppTemplatesView of(Map<SmsTemplate, WhatsAppTemplate> templates) {
            Map<String, WhatsAppTemplateView> out = new LinkedHashMap<>();
            for (SmsTemplate event : SmsTemplate.values()) {
                WhatsAppTemplate t = templates.get(event);
                out.put(event.name(), t == null ? null : new WhatsAppTemplateView(t.name(), t.language()));
            }
            return new WhatsAppTemplatesView(out);
        }
    }

    /** Whether a number is connected and its phone number id; the credentials are write-only. */
    record WhatsAppSettingsView(boolean connected, String phoneNumberId) {
        static WhatsAppSettingsView of(Optional<String> phoneNumberId) {
            return new WhatsAppSettingsView(phoneNumberId.isPresent(), phoneNumberId.orElse(null));
        }
    }

    record WhatsAppOptInView(String customerId, boolean optedIn) {
    }

    record AlertEmailsView(List<String> addresses) {
    }
}
