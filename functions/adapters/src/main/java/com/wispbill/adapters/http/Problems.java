package com.wispbill.adapters.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wispbill.adapters.Json;
import com.wispbill.domain.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem documents: {@code type}, {@code title}, {@code status}, {@code detail} and field
 * {@code errors}, for every HTTP answer that reports a failure (the reseller API and the portal).
 */
public final class Problems {
    private Problems() {
    }

    /** One invalid field as the API reports it. */
    public record FieldProblem(String field, String message) {
    }

    /** {@code errors}: absent when null (the portal sends it only for invalid fields), else always written. */
    public record Problem(String type, String title, int status, String detail,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<FieldProblem> errors) {
    }

    /**
     * The document as a JSON object, for answers that add extension members; {@code errors} null leaves
     * the member out.
     */
    public static ObjectNode document(int status, String title, String detail, List<FieldError> errors) {
        return Json.MAPPER.valueToTree(problem(status, title, detail, errors));
    }

    private static Problem problem(int status, String title, String detail, List<FieldError> errors) {
        return new Problem("about:blank", title, status, detail, errors == null ? null
                : errors.stream().map(e -> new FieldProblem(e.field(), e.message())).toList());
    }

    public static HttpResponse response(int status, String title, String detail, List<FieldError> errors,
                                        Map<String, String> headers) {
        Problem problem = problem(status, title, detail, errors);
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("content-type", HttpResponse.PROBLEM_JSON);
        try {
            return new HttpResponse(status, all, Json.MAPPER.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document always serialises", e);
        }
    }

    /** With extension members ({@code code}, {@code retryAfterSeconds}, ...) after the standard ones. */
    public static HttpResponse response(int status, String title, String detail, List<FieldError> errors,
                                        Map<String, String> headers, Map<String, Object> extensions) {
        if (extensions.isEmpty()) {
            return response(status, title, detail, errors, headers);
        }
        ObjectNode document = document(status, title, detail, errors);
        extensions.forEach((name, value) -> document.set(name, Json.MAPPER.valueToTree(value)));
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("content-type", HttpResponse.PROBLEM_JSON);
        return new HttpResponse(status, all, document.toString());
    }

    public static HttpResponse response(int status, String title, String detail) {
        return response(status, title, detail, List.of(), Map.of());
    }
}
