package com.wispbill.api.http;

import com.wispbill.adapters.http.JsonInput;
import com.wispbill.adapters.http.HttpRequest;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.api.auth.Caller;
import com.wispbill.domain.ValidationException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** A routed request: the request, its path parameters and, on authenticated routes, the caller. */
public record ApiCall(HttpRequest request, Map<String, String> pathParameters, Optional<Caller> callerIfAny) {
    /** Largest page a listing returns; more is a 400, not a silent cap. */
    public static final int MAX_PAGE_SIZE = 100;
    public static final int DEFAULT_PAGE_SIZE = 50;

    public ApiCall {
        pathParameters = Map.copyOf(pathParameters);
    }

    public Caller caller() {
        return callerIfAny.orElseThrow(() -> new IllegalStateException("route has no caller"));
    }

    public String resellerId() {
        return caller().resellerId();
    }

    /**
     * What a page cursor is bound to ({@link com.wispbill.adapters.CursorSeal}): the caller's reseller, so
     * a cursor issued to one reseller's key is refused with another's.
     */
    public String cursorContext() {
        return callerIfAny.map(c -> "reseller:" + c.resellerId()).orElse("public");
    }

    public String path(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return value;
    }

    public Optional<String> query(String name) {
        return request.queryParameter(name);
    }

    /**
     * {@code limit} (1-100, default 50) and the {@code cursor} of the previous page (already opened by
     * the dispatcher: what the listing issued, not what the client sent).
     */
    public PageRequest page() {
        return new PageRequest(limit(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE), query("cursor"));
    }

    /** The {@code limit} query parameter: 1 to {@code max}, {@code otherwise} when absent; more is a 400. */
    public int limit(int otherwise, int max) {
        return wholeNumber("limit", otherwise, 1, max);
    }

    /** A whole-number query parameter from {@code min} to {@code max}, {@code otherwise} when absent; else a 400. */
    public int wholeNumber(String name, int otherwise, int min, int max) {
        Optional<String> text = query(name);
        if (text.isEmpty()) {
            return otherwise;
        }
        int value;
        try {
            value = Integer.parseInt(text.get().strip());
        } catch (NumberFormatException e) {
            throw new ValidationException(name, "must be a whole number between " + min + " and " + max);
        }
        if (value < min || value > max) {
            throw new ValidationException(name, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /** A {@code YYYY-MM-DD} query parameter, or {@code otherwise}. */
    public LocalDate date(String name, LocalDate otherwise) {
        Optional<String> text = query(name);
        if (text.isEmpty()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(text.get().strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException(name, "must be a date like 2026-11-22");
        }
    }

    public JsonInput body() {
        return JsonInput.parse(request.body());
    }
}
