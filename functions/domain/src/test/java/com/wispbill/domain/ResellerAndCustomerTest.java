package com.wispbill.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResellerAndCustomerTest {

    @Test
    void newResellersGetTheDefaultCodeLength() {
        Reseller r = Reseller.create("  Kibera Net ", ZoneId.of("Africa/Nairobi"), Currency.getInstance("KES"), Fixtures.CLOCK);
        assertEquals("Kibera Net", r.name());
        assertEquals(VoucherCodes.DEFAULT_LENGTH, r.voucherCodeLength());
        assertTrue(r.voucherCodeLength() * VoucherCodes.BITS_PER_CHARACTER >= 50);
        assertTrue(r.isActive());
        assertEquals(ResellerStatus.SUSPENDED, r.withStatus(ResellerStatus.SUSPENDED).status());
        assertEquals(ZoneId.of("Africa/Nairobi"), r.calendar().zone());
    }

    @Test
    void resellerValidation() {
        var e = assertThrows(ValidationException.class, () -> new Reseller("", "", ZoneOffset.ofHours(3),
                null, null, 8, null));
        Set<String> fields = e.errors().stream().map(FieldError::field).collect(Collectors.toSet());
        assertEquals(Set.of("id", "name", "zone", "currency", "status", "voucherCodeLength", "createdAt"), fields);
        assertThrows(ValidationException.class, () -> new Reseller("r", "n", ZoneId.of("UTC+03:00"),
                Currency.getInstance("KES"), ResellerStatus.ACTIVE, 10, Fixtures.NOW));
        assertTrue(assertThrows(ValidationException.class, () -> Reseller.parseZone("Nairobi")).hasErrorFor("zone"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+254712345678", "+14155550123", "+4930123456", "+2547 1234-5678", "+1 (415) 555-0123"})
    void acceptsE164WithTypingPunctuation(String phone) {
        Customer c = Customer.create(Fixtures.RESELLER, phone, "Wanjiku", Fixtures.CLOCK);
        assertTrue(c.phone().matches("\\+\\d{8,15}"), c.phone());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0712345678", "254712345678", "+0712345678", "+1234567", "+1234567890123456", "+2547a2345678", ""})
    void rejectsNonE164(String phone) {
        var e = assertThrows(ValidationException.class, () -> Customer.create(Fixtures.RESELLER, phone, null, Fixtures.CLOCK));
        assertTrue(e.hasErrorFor("phone"));
    }

    @Test
    void blankNameMeansNoName() {
        assertEquals(Optional.empty(), Customer.create(Fixtures.RESELLER, "+254712345678", "  ", Fixtures.CLOCK).name());
        assertEquals("+254712345678", PhoneNumbers.requireE164(" +254 712 345 678 ", "phone"));
    }
}
