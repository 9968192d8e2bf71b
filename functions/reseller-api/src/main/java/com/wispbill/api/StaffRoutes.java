package com.wispbill.api;

import com.wispbill.adapters.http.HttpResponse;
import com.wispbill.adapters.http.JsonInput;
import com.wispbill.adapters.http.Responses;
import com.wispbill.adapters.repository.ResellerRepository;
import com.wispbill.api.auth.RateLimiter;
import com.wispbill.api.auth.StaffSignIn;
import com.wispbill.api.http.Access;
import com.wispbill.api.http.ApiCall;
import com.wispbill.api.http.Route;
import com.wispbill.api.service.StaffDirectory;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Signatures;
import com.wispbill.domain.staff.StaffMember;
import com.wispbill.domain.staff.StaffRole;
import com.wispbill.sheets.QrCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Staff sign-in and accounts: signing in (password, TOTP, one-time links), signing out, a staff member's own
 * password and authenticator, and the owner's (or operator's) staff management. Registered by
 * {@link ResellerApiRoutes#all()}; {@code docs/api.md} and {@code openapi.json} list them too.
 */
final class StaffRoutes {
    private final StaffSignIn signIn;
    private final StaffDirectory directory;
    private final ResellerRepository resellers;
    private final RateLimiter perAddress;

    /** {@code perAddress}: sign-in attempts per source address ({@link ResellerApiHandler#SOURCE_IP_HEADER}). */
    StaffRoutes(StaffSignIn signIn, StaffDirectory directory, ResellerRepository resellers, RateLimiter perAddress) {
        this.signIn = signIn;
        this.directory = directory;
        this.resellers = resellers;
        this.perAddress = perAddress;
    }

    /** An account as the API shows it: never its password hash or TOTP secret. */
    record StaffView(String staffId, String resellerId, String email, String name, String role, String status,
                     boolean disabledByOperator, boolean totpEnabled, Instant lockedUntil, Instant createdAt) {
        static StaffView of(StaffMember m) {
            return new StaffView(m.staffId(), m.resellerId(), m.email(), m.name(), m.role().name(), m.status().name(),
                    m.disabledByOperator(), m.hasTotp(), m.lockedUntil().orElse(null), m.createdAt());
        }
    }

    record SignedInView(String token, Instant expiresAt, StaffView staff) {
        static SignedInView of(StaffSignIn.SignedIn s) {
            return new SignedInView(s.token(), s.expiresAt(), StaffView.of(s.staff()));
        }
    }

    record LinkView(String linkToken, Instant expiresAt) {
    }

    /**
     * An enrolment: the secret (to type in), its {@code otpauth://} URI, and that URI as a QR code to scan: {@code size}
     * modules a side, to be drawn with {@code quietZone} white modules around, the dark ones as the SVG path {@code path}
     * (strokes 1 module wide, {@link QrCode#svgPath}). The API draws the code so the console needs no QR encoder.
     */
    record TotpView(String secret, String otpauthUri, QrView qr) {
        static TotpView of(StaffSignIn.TotpEnrolment e) {
            QrCode code = QrCode.encode(e.otpauthUri());
            return new TotpView(e.secret(), e.otpauthUri(), new QrView(code.size(), QrCode.QUIET_ZONE, code.svgPath()));
        }
    }

    record QrView(int size, int quietZone, String path) {
    }

    List<Route> all() {
        List<Route> r = new ArrayList<>();
        // signing in and out
        r.add(new Route("POST", "/v1/auth/sign-in", Access.PUBLIC, call -> {
            limitAddress(call);
            JsonInput body = call.body();
            String email = body.string("email");
            String password = body.string("password");
            Optional<String> totp = body.optionalString("totp");
            body.finish();
            return Responses.ok(SignedInView.of(signIn.signIn(email, password, totp)));
        }));
        r.add(new Route("POST", "/v1/auth/sign-in-links/redeem", Access.PUBLIC, call -> {
            limitAddress(call);
            JsonInput body = call.body();
            String linkToken = body.string("linkToken");
            body.finish();
            return Responses.ok(SignedInView.of(signIn.redeemLink(linkToken)));
        }));
        r.add(new Route("POST", "/v1/auth/sign-out", Access.SIGNED_IN, call -> {
            signIn.signOut(call.caller());
            return noContent();
        }));
        r.add(new Route("POST", "/v1/auth/sign-out-everywhere", Access.SIGNED_IN, call -> {
            signIn.signOutEverywhere(call.caller());
            return noContent();
        }));

        // the caller's own account
        r.add(new Route("PUT", "/v1/auth/password", Access.SIGNED_IN, call -> {
            JsonInput body = call.body();
            String current = body.string("currentPassword");
            String next = body.string("newPassword");
            body.finish();
            signIn.changePassword(call.caller(), current, next);
            return noContent();
        }));
        r.add(new Route("POST", "/v1/auth/totp", Access.SIGNED_IN, call -> {
            call.body().finish();
            StaffSignIn.TotpEnrolment e = signIn.startTotp(call.caller());
            return Responses.ok(TotpView.of(e)).withHeader("cache-control", "no-store");
        }));
        r.add(new Route("POST", "/v1/auth/totp/confirm", Access.SIGNED_IN, call -> {
            signIn.confirmTotp(call.caller(), code(call));
            return noContent();
        }));
        r.add(new Route("DELETE", "/v1/auth/totp", Access.SIGNED_IN, call -> {
            signIn.removeTotp(call.caller(), code(call));
            return noContent();
        }));

        // the reseller's staff, managed by its owner (or the operator)
        r.add(new Route("GET", "/v1/staff", Access.OWN, call -> Responses.ok(new Responses.PageBody<>(
                directory.list(call.resellerId()).stream().map(StaffView::of).toList(), null))));
        r.add(new Route("POST", "/v1/staff", Access.OWN, call -> {
            StaffMember created = directory.create(call.caller(), call.resellerId(), newStaff(call.body(), null));
            return Responses.created(StaffView.of(created), "/v1/staff/" + created.staffId());
        }));
        r.add(new Route("POST", "/v1/staff/{staffId}/disable", Access.OWN, call -> Responses.ok(StaffView.of(
                directory.disable(call.caller(), call.resellerId(), call.path("staffId"))))));
        r.add(new Route("PUT", "/v1/staff/{staffId}/role", Access.OWN, call -> {
            JsonInput body = call.body();
            StaffRole role = role(body, null);
            return Responses.ok(StaffView.of(directory.changeRole(call.caller(), call.resellerId(), call.path("staffId"),
                    role, body.errors())));
        }));
        r.add(new Route("POST", "/v1/staff/{staffId}/enable", Access.OWN, call -> Responses.ok(StaffView.of(
                directory.enable(call.caller(), call.resellerId(), call.path("staffId"))))));
        r.add(new Route("POST", "/v1/staff/{staffId}/sessions/revoke", Access.OWN, call -> Responses.ok(StaffView.of(
                directory.revokeSessions(call.caller(), call.resellerId(), call.path("staffId"))))));
        r.add(new Route("POST", "/v1/staff/{staffId}/sign-in-links", Access.OWN, call -> {
            StaffSignIn.IssuedLink link = directory.issueLink(call.caller(), call.resellerId(), call.path("staffId"));
            return Responses.created(new LinkView(link.linkToken(), link.expiresAt()), "/v1/auth/sign-in-links/redeem")
                    .withHeader("cache-control", "no-store");
        }));
        // the operator makes a reseller's first account (its owner, unless the body names another role), and sees
        // and disables or enables any reseller's staff (a reseller's owner only its own, above)
        r.add(new Route("GET", "/v1/resellers/{resellerId}/staff", Access.OPERATOR, call -> Responses.ok(
                new Responses.PageBody<>(directory.list(resellerId(call)).stream().map(StaffView::of).toList(), null))));
        r.add(new Route("POST", "/v1/resellers/{resellerId}/staff/{staffId}/disable", Access.OPERATOR, call ->
                Responses.ok(StaffView.of(directory.disable(call.caller(), resellerId(call), call.path("staffId"))))));
        r.add(new Route("POST", "/v1/resellers/{resellerId}/staff/{staffId}/enable", Access.OPERATOR, call ->
                Responses.ok(StaffView.of(directory.enable(call.caller(), resellerId(call), call.path("staffId"))))));
        r.add(new Route("POST", "/v1/resellers/{resellerId}/staff", Access.OPERATOR, call -> {
            String resellerId = resellerId(call);
            StaffMember created = directory.create(call.caller(), resellerId, newStaff(call.body(), StaffRole.OWNER));
            return Responses.created(StaffView.of(created), "/v1/resellers/" + resellerId + "/staff");
        }));
        return r;
    }

    /** Counts the attempt against its source address (hashed: the counter's key tells nothing); 429 past the limit. */
    private void limitAddress(ApiCall call) {
        String address = call.request().header(ResellerApiHandler.SOURCE_IP_HEADER).orElse("unknown");
        perAddress.acquire("signin-ip." + HexFormat.of().formatHex(Signatures.sha256(address), 0, 16));
    }

    /** The reseller the path names; 404 if there is none. */
    private String resellerId(ApiCall call) {
        return resellers.find(call.path("resellerId"))
                .orElseThrow(() -> new NotFoundException("Reseller", call.path("resellerId"))).id();
    }

    private static String code(ApiCall call) {
        JsonInput body = call.body();
        String code = body.string("code");
        body.finish();
        return code;
    }

    /** {@code {email, name, role, password}}; {@code defaultRole} when the body has no role (null: required). */
    private static StaffDirectory.NewStaff newStaff(JsonInput body, StaffRole defaultRole) {
        String email = body.string("email");
        String name = body.string("name");
        String password = body.string("password");
        return new StaffDirectory.NewStaff(email, name, role(body, defaultRole), password, body.errors());
    }

    /** The body's {@code role}; {@code defaultRole} when it has none (null: required). A bad one is a field error. */
    private static StaffRole role(JsonInput body, StaffRole defaultRole) {
        Optional<String> roleText = defaultRole == null ? Optional.ofNullable(body.string("role"))
                : body.optionalString("role");
        if (roleText.isPresent()) {
            try {
                return StaffRole.valueOf(roleText.get().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                body.error("role", "must be OWNER, MANAGER, CASHIER or OPERATOR");
            }
        }
        return defaultRole;
    }

    private static HttpResponse noContent() {
        return new HttpResponse(204, Map.of(), "");
    }
}
