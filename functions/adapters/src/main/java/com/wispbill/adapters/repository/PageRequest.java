package com.wispbill.adapters.repository;

import com.wispbill.domain.ValidationException;
import java.util.Objects;
import java.util.Optional;

/**
 * A page to fetch: at most {@code limit} items after the opaque {@code cursor} a previous {@link Page}
 * returned. Cursors are only valid for the listing that produced them; anything else is a 400.
 */
public record PageRequest(int limit, Optional<String> cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public PageRequest {
        cursor = Objects.requireNonNullElse(cursor, Optional.<String>empty()).filter(c -> !c.isBlank());
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }

    public static PageRequest firstPage() {
        return first(DEFAULT_LIMIT);
    }

    /** From API query parameters; either may be null. */
    public static PageRequest of(Integer limit, String cursor) {
        return new PageRequest(limit == null ? DEFAULT_LIMIT : limit, Optional.ofNullable(cursor));
    }

    public PageRequest next(Page<?> previous) {
        return new PageRequest(limit, previous.nextCursor());
    }
}
