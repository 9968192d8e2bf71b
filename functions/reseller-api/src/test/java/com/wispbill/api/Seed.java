package com.wispbill.api;

import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.Customer;
import com.wispbill.domain.LedgerEntry;
import com.wispbill.domain.LedgerEntryType;
import com.wispbill.domain.Money;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.RouterHealth;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionKind;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherCodes;
import com.wispbill.domain.voucher.VoucherBatchLayout;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.wispbill.domain.paybill.PaybillPayment;

/**
 * One reseller with one of everything: a plan, router and batch made through the API, and what other
 * functions write (vouchers, a customer with a subscription, a payment, a ledger entry, router health)
 * stored through the repositories those functions use.
 */
record Seed(TestStack.Tenant tenant, String planId, String routerId, String batchId, List<String> voucherIds,
            String customerId, String phone, String subscriptionId, String paymentId, String ledgerEntryId, String portalId,
            String paybillTransId, String staffId) {

    /** The password of the seed's cashier ({@code cashier-<random>@<name>.example}). */
    static final String STAFF_PASSWORD = "correct horse battery";

    static final String PLAN_BODY = """
            {"name": "Daily 1 GB", "priceMinor": 5000, "validity": {"type": "FIXED", "duration": "PT24H"},
             "dataLimit": "1GB", "rateLimit": "2M/5M"}""";

    static Seed create(TestStack stack, ApiClient api, String name, String phone, int vouchers) {
        return create(stack, api, stack.onboard(name, ApiKeyRole.RESELLER), name, phone, vouchers);
    }

    /** The same for {@code tenant}, a reseller made already (e.g. with a chosen id). */
    static Seed create(TestStack stack, ApiClient api, TestStack.Tenant tenant, String name, String phone, int vouchers) {
        String key = tenant.key();
        String planId = api.call("POST", "/v1/plans", key, PLAN_BODY).expect(201).json().path("id").asText();
        String routerId = api.call("POST", "/v1/routers", key, """
                {"name": "Main street", "wifiName": "MainStreet-WiFi"}""").expect(201).json().path("id").asText();
        String portalId = api.call("POST", "/v1/portals", key, "{\"routerId\": \"" + routerId + "\"}")
                .expect(201).json().path("id").asText();
        String staffId = api.call("POST", "/v1/staff", key, "{\"email\": \"cashier-" + java.util.UUID.randomUUID()
                + "@" + name.toLowerCase().replaceAll("[^a-z]", "") + ".example\", \"name\": \"" + name
                + " cashier\", \"role\": \"CASHIER\", \"password\": \"" + STAFF_PASSWORD + "\"}")
                .expect(201).json().path("staffId").asText();
        String batchId = api.call("POST", "/v1/voucher-batches", key,
                "{\"planId\": \"" + planId + "\", \"routerIds\": [\"" + routerId + "\"], \"quantity\": " + vouchers + "}")
                .expect(202).json().path("id").asText();

        DynamoStore store = stack.store;
        Clock clock = Clock.systemUTC();
        String rid = tenant.resellerId();
        Reseller reseller = store.resellers().get(rid);
        Plan plan = store.plans().get(rid, planId);
        VoucherBatch queued = store.voucherBatches().get(rid, batchId);
        VoucherBatch generating = queued.startGenerating(clock);
        store.voucherBatches().update(queued, generating);
        // Stored as the generator stores them: part by part of the batch's layout, each with its record.
        VoucherCodes codes = new VoucherCodes();
        List<Voucher> made = new ArrayList<>();
        VoucherBatchLayout layout = VoucherBatchLayout.of(generating);
        for (VoucherBatchLayout.Part part : layout.parts()) {
            List<Voucher> partVouchers = new ArrayList<>();
            for (int i = 0; i < part.users(); i++) {
                partVouchers.add(Voucher.create(codes.generate(reseller.voucherCodeLength()), rid, batchId, planId,
                        part.routerId(), clock));
            }
            if (!store.vouchers().insertPart(generating, part.number(), partVouchers).stored()) {
                throw new IllegalStateException("a drawn code exists already; seed again");
            }
            made.addAll(partVouchers);
        }
        VoucherBatch counted = generating.progress(vouchers, clock);
        store.voucherBatches().update(generating, counted);
        // Generated, then every part confirmed by its router: READY.
        VoucherBatch pending = counted.pendingRouter(layout.parts().size(), "waiting for " + routerId, clock);
        store.voucherBatches().update(counted, pending);
        var confirmations = new com.wispbill.adapters.voucher.VoucherBatchConfirmations(store.voucherBatches(), clock);
        layout.parts().forEach(part -> confirmations.confirm(rid, batchId, part.number()));

        Customer customer = Customer.create(rid, phone, name + " customer", clock);
        store.customers().create(customer);
        Subscription subscription = Subscription.start(rid, customer.id(), plan, routerId, SubscriptionKind.HOTSPOT,
                "user-" + customer.id().toLowerCase(), reseller.calendar(), clock);
        store.subscriptions().create(subscription);
        Payment payment = Payment.forRenewal(rid, phone, plan, PaymentProvider.MPESA, subscription.id(), clock);
        store.payments().create(payment);
        LedgerEntry entry = LedgerEntry.manual(rid, LedgerEntryType.ADJUSTMENT, Money.of(700, "KES"), "opening", reseller.calendar(), clock);
        var ledgerTx = store.begin();
        store.ledger().appendAggregatedLater(entry, Optional.empty(), ledgerTx);
        ledgerTx.commit();
        store.routers().recordHealth(RouterHealth.reachable(rid, routerId, clock.instant(), "7.16.2", 4));
        // A paybill payment waiting for review, as the payment webhook keeps one whose account number is unknown.
        String transId = "TS" + payment.id().substring(payment.id().length() - 8);
        var tx = store.begin();
        store.paybill().create(new PaybillPayment(rid, transId, "Pay Bill", Optional.of(Money.of(700, "KES")), "unknown-account",
                "254700000000", "600100", Optional.empty(), clock.instant(), PaybillPayment.Status.REVIEW,
                Optional.of(PaybillPayment.Reason.UNKNOWN_ACCOUNT), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), tx);
        tx.commit();
        return new Seed(tenant, planId, routerId, batchId, made.stream().map(Voucher::id).toList(),
                customer.id(), phone, subscription.id(), payment.id(), entry.id(), portalId, transId, staffId);
    }

    String key() {
        return tenant.key();
    }

    /** The value for each path parameter of the tenant routes, naming this seed's objects. */
    Map<String, String> pathValues() {
        return Map.of("planId", planId, "routerId", routerId, "batchId", batchId, "voucherId", voucherIds.getFirst(),
                "customerId", customerId, "subscriptionId", subscriptionId, "paymentId", paymentId, "portalId", portalId,
                "transId", paybillTransId, "staffId", staffId);
    }

    /** Ids that identify this tenant's data; none may appear in another tenant's answers. */
    List<String> ids() {
        List<String> all = new ArrayList<>(List.of(tenant.resellerId(), planId, routerId, batchId, customerId, phone,
                subscriptionId, paymentId, ledgerEntryId, portalId, paybillTransId, staffId));
        all.addAll(voucherIds);
        return all;
    }
}
