package com.wispbill.domain.staff;

public enum StaffStatus {
    ACTIVE,
    /** Cannot sign in; every session it had stopped working when it was disabled. */
    DISABLED
}
