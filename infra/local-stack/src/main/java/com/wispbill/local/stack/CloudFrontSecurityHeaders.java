package com.wispbill.local.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The response headers a CloudFront {@code ResponseHeadersPolicy}'s {@code SecurityHeadersConfig}
 * adds, so that a file server standing in for the distribution sends what viewers get on AWS (the
 * console served by {@code ./dev run}: its Content-Security-Policy is enforced locally too).
 */
final class CloudFrontSecurityHeaders {

    private CloudFrontSecurityHeaders() {
    }

    /** From the resolved {@code ResponseHeadersPolicyConfig}. */
    static Map<String, String> of(Map<String, Object> policyConfig) {
        Map<String, Object> security = ResourceProvisioner.map(policyConfig.get("SecurityHeadersConfig"));
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, Object> csp = ResourceProvisioner.map(security.get("ContentSecurityPolicy"));
        if (csp.get("ContentSecurityPolicy") != null) {
            headers.put("Content-Security-Policy", String.valueOf(csp.get("ContentSecurityPolicy")));
        }
        Map<String, Object> hsts = ResourceProvisioner.map(security.get("StrictTransportSecurity"));
        if (hsts.get("AccessControlMaxAgeSec") != null) {
            headers.put("Strict-Transport-Security", "max-age=" + hsts.get("AccessControlMaxAgeSec")
                    + (ResourceProvisioner.isTrue(hsts.get("IncludeSubdomains")) ? "; includeSubDomains" : "")
                    + (ResourceProvisioner.isTrue(hsts.get("Preload")) ? "; preload" : ""));
        }
        if (security.containsKey("ContentTypeOptions")) {
            headers.put("X-Content-Type-Options", "nosniff");
        }
        Map<String, Object> frame = ResourceProvisioner.map(security.get("FrameOptions"));
        if (frame.get("FrameOption") != null) {
            headers.put("X-Frame-Options", String.valueOf(frame.get("FrameOption")));
        }
        Map<String, Object> referrer = ResourceProvisioner.map(security.get("ReferrerPolicy"));
        if (referrer.get("ReferrerPolicy") != null) {
            headers.put("Referrer-Policy", String.valueOf(referrer.get("ReferrerPolicy")));
        }
        return headers;
    }
}
