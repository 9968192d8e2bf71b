package com.wispbill.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One answer with every error: what a request already had wrong plus what building the object finds. */
class ValidationTest {
    @Test
    void buildAddsTheObjectsErrorsRenamedButNotForAFieldAlreadyReported() {
        Validation v = new Validation();
        v.add(new FieldError("validity.duration", "must be an ISO-8601 duration"));
        ValidationException e = assertThrows(ValidationException.class, () -> v.build(() -> {
            throw new ValidationException(List.of(new FieldError("validity", "is required"),
                    new FieldError("price", "must be positive"), new FieldError("price", "must have a currency")));
        }, field -> field.equals("price") ? "priceMinor" : field));
        assertEquals(List.of(new FieldError("validity.duration", "must be an ISO-8601 duration"),
                new FieldError("priceMinor", "must be positive"), new FieldError("priceMinor", "must have a currency")),
                e.errors());
    }

    @Test
    void buildReturnsTheObjectWhenNothingIsWrong() {
        assertEquals("plan", new Validation().build(() -> "plan", field -> field));
    }

    @Test
    void anErrorOnAPartCountsForTheWhole() {
        Validation v = new Validation();
        v.add(new FieldError("routerIds[2]", "there is no router r9"));
        assertTrue(v.hasErrorFor("routerIds"));
        assertFalse(v.hasErrorFor("router"));
    }
}
