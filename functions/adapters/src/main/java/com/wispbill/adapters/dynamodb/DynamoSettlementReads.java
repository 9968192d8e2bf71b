package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.SettlementReads;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentProvider;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link SettlementReads} in two BatchGetItems. By provider reference: the reference claim
 * ({@code PAYREF#...}, which also names the payment's plan and subscription) with the reseller's profile,
 * then the payment with its plan and subscription. By payment id: the payment with the profile, then
 * plan and subscription. A claim written before it named the plan costs the settlement one more read.
 */
public final class DynamoSettlementReads extends DynamoSupport implements SettlementReads {

    public DynamoSettlementReads(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public Optional<SaleContext> byProviderReference(String resellerId, PaymentProvider provider, String reference) {
        if (reference == null || reference.isBlank() || reference.length() > Payment.MAX_REFERENCE_LENGTH) {
            return Optional.empty();
        }
        List<String> claimKey = List.of(Keys.providerReference(provider, reference), Keys.SINGLE);
        List<String> profileKey = List.of(Keys.reseller(resellerId), Keys.PROFILE);
        Map<List<String>, ItemReader> first = read(List.of(claimKey, profileKey));
        ItemReader claim = first.get(claimKey);
        if (claim == null || !claim.s("resellerId").equals(resellerId)) {
            return Optional.empty();
        }
        List<String> paymentKey = List.of(Keys.reseller(resellerId), Keys.paymentSk(claim.s("paymentId")));
        List<List<String>> keys = new ArrayList<>(List.of(paymentKey));
        Optional<List<String>> planKey = claim.optS("planId").map(planId -> List.of(Keys.reseller(resellerId), Keys.planSk(planId)));
        Optional<List<String>> subscriptionKey = claim.optS("subscriptionId")
                .map(id -> List.of(Keys.reseller(resellerId), Keys.subscriptionSk(id)));
        planKey.ifPresent(keys::add);
        subscriptionKey.ifPresent(keys::add);
        Map<List<String>, ItemReader> second = read(keys);
        return Optional.ofNullable(second.get(paymentKey)).map(DynamoPaymentRepository::fromItem).map(payment -> new SaleContext(payment,
                Optional.ofNullable(first.get(profileKey)).map(DynamoResellerRepository::fromItem),
                planKey.map(second::get).map(DynamoPlanRepository::fromItem),
                subscriptionKey.map(second::get).map(DynamoSubscriptionRepository::fromItem)));
    }

    @Override
    public Optional<SaleContext> byPaymentId(String resellerId, String paymentId) {
        List<String> paymentKey = List.of(Keys.reseller(resellerId), Keys.paymentSk(paymentId));
        List<String> profileKey = List.of(Keys.reseller(resellerId), Keys.PROFILE);
        Map<List<String>, ItemReader> first = read(List.of(paymentKey, profileKey));
        if (!first.containsKey(paymentKey)) {
            return Optional.empty();
        }
        Payment payment = DynamoPaymentRepository.fromItem(first.get(paymentKey));
        List<String> planKey = List.of(Keys.reseller(resellerId), Keys.planSk(payment.planId()));
        Optional<List<String>> subscriptionKey = payment.subscriptionId()
                .map(id -> List.of(Keys.reseller(resellerId), Keys.subscriptionSk(id)));
        List<List<String>> keys = new ArrayList<>(List.of(planKey));
        subscriptionKey.ifPresent(keys::add);
        Map<List<String>, ItemReader> second = read(keys);
        return Optional.of(new SaleContext(payment, Optional.ofNullable(first.get(profileKey)).map(DynamoResellerRepository::fromItem),
                Optional.ofNullable(second.get(planKey)).map(DynamoPlanRepository::fromItem),
                subscriptionKey.map(second::get).map(DynamoSubscriptionRepository::fromItem)));
    }

    private Map<List<String>, ItemReader> read(List<List<String>> keys) {
        Map<List<String>, ItemReader> found = new HashMap<>();
        batchGet(tables.entityTable(), keys, found::put);
        return found;
    }
}
