package com.wispbill.adapters.repository;

import com.wispbill.domain.paybill.PaybillPayment;
import java.util.Optional;

/** M-Pesa C2B payments, one per M-Pesa transaction id, and each reseller's paybill setting. */
public interface PaybillRepository {
    /** Stores it in {@code tx}; a transaction id seen before is a {@link com.wispbill.domain.ConflictException} at commit. */
    void create(PaybillPayment payment, WriteTransaction tx);

    Optional<PaybillPayment> find(String resellerId, String transId);

    /** Stores {@code next} in {@code tx} only if the stored status is still {@code current}'s. */
    void replace(PaybillPayment current, PaybillPayment next, WriteTransaction tx);

    /** The payments waiting for the reseller, oldest first. */
    Page<PaybillPayment> listForReview(String resellerId, PageRequest page);

    /** Whether the validation URL refuses account numbers that name no subscriber (off until the reseller turns it on). */
    boolean refusesUnknownAccounts(String resellerId);

    void setRefusesUnknownAccounts(String resellerId, boolean refuse);
}
