package com.wispbill.adapters.repository;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** One page of a listing; {@code nextCursor} is present while there may be more. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    public Page {
        items = List.copyOf(items);
        nextCursor = Objects.requireNonNullElse(nextCursor, Optional.empty());
    }

    public boolean hasMore() {
        return nextCursor.isPresent();
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
