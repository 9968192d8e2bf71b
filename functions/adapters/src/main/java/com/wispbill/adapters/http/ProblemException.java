package com.wispbill.adapters.http;

import com.wispbill.domain.FieldError;
import java.util.List;
import java.util.Map;

/**
 * An error answer decided by the HTTP layer itself (authentication, roles, limits, routing), carried
 * to the one place that writes problem documents. Domain errors keep their own exception types.
 */
public final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    @SuppressWarnings("serial")
    private final List<FieldError> errors;
    @SuppressWarnings("serial")
    private final Map<String, String> headers;
    @SuppressWarnings("serial")
    private final Map<String, Object> extensions;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of(), Map.of());
    }

    public ProblemException(int status, String title, String detail, List<FieldError> errors, Map<String, String> headers) {
        this(status, title, detail, errors, headers, Map.of());
    }

    /** {@code extensions}: members added to the problem document, e.g. a machine-readable {@code code}. */
    public ProblemException(int status, String title, String detail, List<FieldError> errors, Map<String, String> headers,
                            Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
        this.extensions = Map.copyOf(extensions);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail, List.of(), Map.of("www-authenticate", "Bearer"));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
