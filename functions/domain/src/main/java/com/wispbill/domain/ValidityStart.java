package com.wispbill.domain;

/** When a plan's validity period starts counting. */
public enum ValidityStart {
    /** At sale (a portal purchase, a renewal); printed vouchers sold offline count their first login as the sale. */
    AT_SALE,
    /** At the first login on a router: printed vouchers can sit in a drawer without losing time. */
    AT_FIRST_USE
}
