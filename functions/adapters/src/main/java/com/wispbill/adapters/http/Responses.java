package com.wispbill.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.repository.Page;
import java.util.List;
import java.util.function.Function;

/** JSON success answers. */
public final class Responses {
    private Responses() {
    }

    /** A page of a listing: {@code items} and, while there may be more, the {@code nextCursor} to pass back. */
    public record PageBody<T>(List<T> items, String nextCursor) {
    }

    public static HttpResponse ok(Object body) {
        return json(200, body);
    }

    public static HttpResponse created(Object body, String location) {
        return json(201, body).withHeader("location", location);
    }

    public static HttpResponse accepted(Object body, String location) {
        return json(202, body).withHeader("location", location);
    }

    public static <T, R> HttpResponse page(Page<T> page, Function<T, R> view) {
        return ok(new PageBody<>(page.items().stream().map(view).toList(), page.nextCursor().orElse(null)));
    }

    public static HttpResponse json(int status, Object body) {
        try {
            return HttpResponse.json(status, Json.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response bodies are plain records and always serialise", e);
        }
    }
}
