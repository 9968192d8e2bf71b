package com.wispbill.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.wispbill.adapters.Json;
import com.wispbill.domain.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 9457 problem documents: {@code type}, {@code title}, {@code status}, {@code detail} and field {@code errors}. */
public final class Problems {
    private Problems() {
    }

    /** One invalid field as the API reports it. */
    public record FieldProblem(String field, String message) {
    }

    public record Problem(String type, String title, int status, String detail, List<FieldProblem> errors) {
    }

    public static HttpResponse response(int status, String title, String detail, List<FieldError> errors,
                                        Map<String, String> headers) {
        Problem problem = new Problem("about:blank", title, status, detail,
                errors.stream().map(e -> new FieldProblem(e.field(), e.message())).toList());
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("content-type", HttpResponse.PROBLEM_JSON);
        try {
            return new HttpResponse(status, all, Json.MAPPER.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document always serialises", e);
        }
    }

    public static HttpResponse response(int status, String title, String detail) {
        return response(status, title, detail, List.of(), Map.of());
    }
}
