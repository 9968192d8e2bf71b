package com.wispbill.domain;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * A tenant: a WISP or hotspot business. Its zone decides what "today" means in reports and calendar
 * validity; its currency is the one every plan price, payment and ledger entry of it uses.
 */
public record Reseller(
        String id,
        String name,
        ZoneId zone,
        Currency currency,
        ResellerStatus status,
        int voucherCodeLength,
        Instant createdAt) {

    /** "UTC+03:00", "GMT-5", "+03:00": offsets, not regions. */
    private static final Pattern FIXED_OFFSET_ID = Pattern.compile("(UTC|GMT|UT)?[+-].*");

    public Reseller {
        Validation v = new Validation();
        v.id(id, "id");
        v.text(name, "name", 100);
        if (v.notNull(zone, "zone")) {
            // A fixed offset ("+03:00") has no DST rules, so the calendar would silently drift for
            // resellers in DST zones; require a region id like Africa/Nairobi.
            v.check(!(zone instanceof ZoneOffset) && !FIXED_OFFSET_ID.matcher(zone.getId()).matches(),
                    "zone", "must be an IANA region id like Africa/Nairobi, not a fixed offset");
        }
        if (v.notNull(currency, "currency")) {
            v.check(currency.getDefaultFractionDigits() >= 0, "currency", "has no minor unit");
        }
        v.notNull(status, "status");
        v.check(voucherCodeLength >= VoucherCodes.MIN_LENGTH && voucherCodeLength <= VoucherCodes.MAX_LENGTH,
                "voucherCodeLength", "must be between " + VoucherCodes.MIN_LENGTH + " and " + VoucherCodes.MAX_LENGTH
                        + " (" + VoucherCodes.MIN_LENGTH + " characters give 50 bits of randomness)");
        v.notNull(createdAt, "createdAt");
        v.throwIfInvalid();
        name = name.strip();
    }

    /** A new active reseller with the default voucher code length. */
    public static Reseller create(String name, ZoneId zone, Currency currency, Clock clock) {
        return new Reseller(Ids.newId(clock), name, zone, currency, ResellerStatus.ACTIVE,
                VoucherCodes.DEFAULT_LENGTH, clock.instant());
    }

    /** Parses an IANA zone id with a field error (not a DateTimeException) for bad input. */
    public static ZoneId parseZone(String zoneId) {
        if (zoneId == null || zoneId.isBlank()) {
            throw new ValidationException("zone", "is required, e.g. Africa/Nairobi");
        }
        try {
            return ZoneId.of(zoneId.strip());
        } catch (DateTimeException e) {
            throw new ValidationException("zone", "'" + zoneId.strip() + "' is not an IANA time zone id");
        }
    }

    public ResellerCalendar calendar() {
        return new ResellerCalendar(zone);
    }

    public boolean isActive() {
        return status == ResellerStatus.ACTIVE;
    }

    public Reseller withStatus(ResellerStatus newStatus) {
        return new Reseller(id, name, zone, currency, newStatus, voucherCodeLength, createdAt);
    }
}
