package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.dynamodb.DynamoPaybillRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.Customer;
import com.wispbill.domain.Payment;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionKind;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.paybill.PaybillPayment;
import com.wispbill.payment.PaymentFixture.Tenant;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A paybill renewal whose function stopped between its commit and its settlement is finished by the reconciler. */
class PaybillReconcileTest {
    private final PaymentFixture f = PaymentFixture.get();

    @Test
    void aConfirmedPaybillRenewalCutShortBeforeItsSettlementIsSettledByTheReconcilerNotQueriedAsAnStkPush() {
        Tenant t = f.kenyanTenant();
        Customer customer = Customer.create(t.id(), "+254733000044", "Otieno", f.clock);
        f.repos.customers().create(customer);
        Subscription subscription = Subscription.start(t.id(), customer.id(), t.plan(), t.routerId(), SubscriptionKind.PPPOE,
                "otieno-home", t.reseller().calendar(), f.clock);
        f.repos.subscriptions().create(subscription);

        // What Paybill.confirm commits for a matching confirmation, the function then stopping before it settles.
        String transId = "RKT" + Long.toString(System.nanoTime(), 36).toUpperCase();
        Payment payment = Payment.forPaybillRenewal(t.id(), customer.phone(), t.plan(), t.plan().price(), subscription.id(),
                transId, f.clock);
        PaybillPayment received = new PaybillPayment(t.id(), transId, "Pay Bill", Optional.of(t.plan().price()), "otieno-home",
                "254733000044", "600100", Optional.empty(), f.clock.instant(), PaybillPayment.Status.REVIEW,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        WriteTransaction tx = f.repos.transactions().begin();
        f.repos.payments().create(payment, tx);
        new DynamoPaybillRepository(f.dynamo, f.tables).create(received.renewed(subscription.id(), payment.id()), tx);
        tx.commit();

        f.clock.advance(Duration.ofMinutes(30));
        f.reconciler.run();

        assertEquals(PaymentStatus.SUCCEEDED, f.repos.payments().get(t.id(), payment.id()).status(), "the customer paid");
        assertEquals(subscription.expiresAt().plus(Duration.ofHours(24)),
                f.repos.subscriptions().get(t.id(), subscription.id()).expiresAt(), "renewed once");
        f.reconciler.run();
        assertEquals(subscription.expiresAt().plus(Duration.ofHours(24)),
                f.repos.subscriptions().get(t.id(), subscription.id()).expiresAt(), "and only once");
    }

    @Test
    void aConfirmationOfZeroOrLessIsRefusedAndNothingIsStored() {
        Tenant t = f.kenyanTenant();
        for (String amount : java.util.List.of("0.00", "-50.00")) {
            String transId = "RKZ" + Long.toString(System.nanoTime(), 36).toUpperCase();
            ValidationException refused = assertThrows(ValidationException.class, () -> f.paybill.confirm(t.id(),
                    new Paybill.C2bNotice("Pay Bill", transId, amount, "600100", "anyone", "254733000045", Optional.empty())));
            assertTrue(refused.getMessage().contains("TransAmount"), refused.getMessage());
            assertTrue(new DynamoPaybillRepository(f.dynamo, f.tables).find(t.id(), transId).isEmpty(), "nothing stored");
        }
    }
}
