package com.wispbill.router.credentials;

import com.wispbill.router.routeros.RouterOsCredentials;
import java.util.Objects;
import java.util.Optional;

/**
 * What the secret {@code wispbill/routers/<resellerId>/<routerId>} holds:
 * {@code {"username": "...", "password": "...", "caCertificatePem": "-----BEGIN CERTIFICATE-----..."}}.
 * The optional CA certificate pins the router's api-ssl certificate (the setup script makes the router a
 * self-signed one whose PEM is stored here); without it the JDK's CAs and the host name are checked.
 * {@link #toString()} never shows the password.
 */
public record RouterSecret(RouterOsCredentials credentials, Optional<String> caCertificatePem) {
    public RouterSecret {
        Objects.requireNonNull(credentials, "credentials");
        caCertificatePem = Objects.requireNonNullElse(caCertificatePem, Optional.<String>empty())
                .filter(pem -> !pem.isBlank());
    }

    @Override
    public String toString() {
        return "RouterSecret[" + credentials + ", caCertificatePem=" + (caCertificatePem.isPresent() ? "pinned" : "none") + "]";
    }
}
