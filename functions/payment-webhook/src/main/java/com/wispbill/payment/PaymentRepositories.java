package com.wispbill.payment;

import com.wispbill.adapters.repository.SettlementReads;

import com.wispbill.adapters.repository.CustomerRepository;
import com.wispbill.adapters.repository.DashboardCounters;
import com.wispbill.adapters.repository.LedgerRepository;
import com.wispbill.adapters.repository.OutboxRepository;
import com.wispbill.adapters.repository.PaymentGrantRepository;
import com.wispbill.adapters.repository.PaymentRepository;
import com.wispbill.adapters.repository.PaymentReviewRepository;
import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.adapters.repository.PortalRepository;
import com.wispbill.adapters.repository.ProviderEventRepository;
import com.wispbill.adapters.repository.ResellerRepository;
import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.adapters.repository.SmsTemplateRepository;
import com.wispbill.adapters.repository.SubscriptionRepository;
import com.wispbill.adapters.repository.Transactions;
import com.wispbill.adapters.repository.VoucherRepository;

/** The repositories the payment functions use, over one store (built by {@link com.wispbill.payment.adapters.DynamoPaymentRepositories}). */
public record PaymentRepositories(
        Transactions transactions,
        ResellerRepository resellers,
        PlanRepository plans,
        CustomerRepository customers,
        SubscriptionRepository subscriptions,
        VoucherRepository vouchers,
        PaymentRepository payments,
        ProviderEventRepository providerEvents,
        LedgerRepository ledger,
        DashboardCounters counters,
        PaymentGrantRepository grants,
        PaymentReviewRepository reviews,
        OutboxRepository outbox,
        PortalRepository portals,
        SmsTemplateRepository smsSettings,
        SettlementReads settlementReads,
        RouterRepository routers) {
}
