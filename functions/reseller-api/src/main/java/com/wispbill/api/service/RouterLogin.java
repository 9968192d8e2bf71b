package com.wispbill.api.service;

import com.wispbill.domain.FieldError;
import com.wispbill.domain.Validation;
import java.util.List;
import java.util.Optional;
import com.wispbill.domain.routercommand.RouterOsValues;

/**
 * The RouterOS API user the router driver logs in as, and optionally the PEM CA certificate its API-SSL
 * certificate is pinned to. Secret: {@link #toString()} shows neither password nor certificate.
 */
public record RouterLogin(String username, String password, Optional<String> caCertificatePem, List<FieldError> inputErrors) {
    private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String PEM_END = "-----END CERTIFICATE-----";

    public RouterLogin {
        inputErrors = List.copyOf(inputErrors);
        caCertificatePem = caCertificatePem == null ? Optional.empty() : caCertificatePem;
    }

    void validate(Validation v) {
        v.addAll(inputErrors);
        if (username != null) {
            v.check(RouterOsValues.isValidApiUser(username), "username", RouterOsValues.API_USER_RULE);
        }
        if (password != null) {
            v.check(!password.isEmpty() && password.length() <= 256, "password", "must be 1-256 characters");
        }
        caCertificatePem.ifPresent(pem -> v.check(pem.strip().startsWith(PEM_BEGIN) && pem.strip().endsWith(PEM_END)
                && pem.length() <= 16_384, "caCertificatePem", "must be one PEM certificate (" + PEM_BEGIN + " ... "
                + PEM_END + "), at most 16 KiB"));
    }

    @Override
    public String toString() {
        return "RouterLogin[username=" + username + ", password=****, caCertificatePem="
                + (caCertificatePem.isPresent() ? "****" : "none") + "]";
    }
}
