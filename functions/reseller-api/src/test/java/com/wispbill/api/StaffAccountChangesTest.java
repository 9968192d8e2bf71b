package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.wispbill.api.auth.Caller;
import com.wispbill.api.auth.PasswordHashing;
import com.wispbill.api.auth.StaffSignIn;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.ConflictException;
import com.wispbill.testing.MutableClock;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What changes a staff account besides signing in, over the handler on the embedded stack: a new password ends
 * every other session of the account and keeps the one that changed it; the operator lists, disables and enables any
 * reseller's staff (an owner only its own); an owner changes roles, and a reseller keeps an active owner even when
 * two owners demote or disable each other at once; an operator account is only an operator's to change, and the
 * platform keeps an active one; the authenticator enrolment carries its URI as a QR code that scans.
 */
class StaffAccountChangesTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String NEW_PASSWORD = "a brand new passphrase 42";

    private static TestStack stack;
    private static ApiClient api;
    private static TestStack.Tenant operator;

    @BeforeAll
    static void setUp() {
        stack = TestStack.get();
        api = new ApiClient(new ResellerApiHandler(stack.api(TestStack.roomySettings(), new MutableClock(Instant.now()))));
        operator = stack.onboard("Staff platform operator", ApiKeyRole.OPERATOR);
    }

    /** A new account of {@code role} in {@code tenant}'s reseller; returns its staffId. */
    private static String staffMember(TestStack.Tenant tenant, String email, String role) {
        return api.call("POST", "/v1/staff", tenant.key(), "{\"email\": \"" + email + "\", \"name\": \"A " + role
                + "\", \"role\": \"" + role + "\", \"password\": \"" + PASSWORD + "\"}").expect(201).json()
                .path("staffId").asText();
    }

    private static String email(String role) {
        return role.toLowerCase() + "-" + UUID.randomUUID() + "@staff.example";
    }

    private static ApiClient.Reply signIn(String email, String password) {
        return api.call("POST", "/v1/auth/sign-in", null, "{\"email\": \"" + email + "\", \"password\": \"" + password + "\"}");
    }

    private static String session(String email) {
        return signIn(email, PASSWORD).expect(200).json().path("token").asText();
    }

    private static ApiClient.Reply changeRole(String credential, String staffId, String role) {
        return api.call("PUT", "/v1/staff/" + staffId + "/role", credential, "{\"role\": \"" + role + "\"}");
    }

    @Test
    void aNewPasswordEndsEveryOtherSessionOfTheAccountAtOnceAndKeepsThisOne() {
        TestStack.Tenant tenant = stack.onboard("Password Hotspots", ApiKeyRole.RESELLER);
        String email = email("MANAGER");
        staffMember(tenant, email, "MANAGER");
        String here = session(email);
        String elsewhere = session(email);
        String third = session(email);
        api.call("GET", "/v1/me", elsewhere).expect(200);

        assertEquals(List.of("currentPassword"), api.call("PUT", "/v1/auth/password", elsewhere, "{\"currentPassword\": \"wrong"
                + " password!!\", \"newPassword\": \"" + NEW_PASSWORD + "\"}").expect(400).errorFields());
        api.call("GET", "/v1/me", third).expect(200); // a refused change ends nothing

        api.call("PUT", "/v1/auth/password", here, "{\"currentPassword\": \"" + PASSWORD + "\", \"newPassword\": \""
                + NEW_PASSWORD + "\"}").expect(204);
        assertEquals(email, api.call("GET", "/v1/me", here).expect(200).json().path("staff").path("email").asText());
        api.call("GET", "/v1/plans", here).expect(200);
        assertEquals("Unauthorized", api.call("GET", "/v1/me", elsewhere).expect(401).json().path("title").asText());
        api.call("GET", "/v1/plans", third).expect(401);

        signIn(email, PASSWORD).expect(401);
        String fresh = signIn(email, NEW_PASSWORD).expect(200).json().path("token").asText();
        api.call("GET", "/v1/me", fresh).expect(200);
        api.call("GET", "/v1/me", here).expect(200);
    }

    /**
     * A session revoked between its request's authentication and the password change (the account disabled, or
     * signed out everywhere) is not carried into the new epoch: the change is refused and the session stays ended,
     * also once the account is enabled again. The sign-in use case is called directly to revoke in between.
     */
    @Test
    void aPasswordChangeDoesNotReviveASessionRevokedWhileItsRequestRuns() {
        StaffSignIn signIn = new StaffSignIn(stack.store.staff(), new PasswordHashing(), Clock.systemUTC());
        TestStack.Tenant tenant = stack.onboard("Revoked Midway Hotspots", ApiKeyRole.RESELLER);
        String email = email("MANAGER");
        String manager = staffMember(tenant, email, "MANAGER");

        String disabledMidway = session(email);
        Caller authenticated = signIn.authenticate(disabledMidway);
        api.call("POST", "/v1/staff/" + manager + "/disable", tenant.key()).expect(200);
        assertThrows(ConflictException.class, () -> signIn.changePassword(authenticated, PASSWORD, NEW_PASSWORD));
        api.call("POST", "/v1/staff/" + manager + "/enable", tenant.key()).expect(200);
        api.call("GET", "/v1/me", disabledMidway).expect(401);

        String signedOutMidway = session(email); // the password did not change
        Caller stillAuthenticated = signIn.authenticate(signedOutMidway);
        api.call("POST", "/v1/auth/sign-out-everywhere", session(email)).expect(204);
        assertThrows(ConflictException.class, () -> signIn.changePassword(stillAuthenticated, PASSWORD, NEW_PASSWORD));
        api.call("GET", "/v1/me", signedOutMidway).expect(401);
        signIn(email, NEW_PASSWORD).expect(401);
        api.call("GET", "/v1/me", session(email)).expect(200);
    }

    @Test
    void theOperatorListsDisablesAndEnablesAnyResellersStaffAndAnOwnerOnlyItsOwn() {
        TestStack.Tenant tenant = stack.onboard("Operated Hotspots", ApiKeyRole.RESELLER);
        TestStack.Tenant neighbour = stack.onboard("Neighbour Hotspots", ApiKeyRole.RESELLER);
        String email = email("CASHIER");
        String cashier = staffMember(tenant, email, "CASHIER");
        String token = session(email);
        String staffPath = "/v1/resellers/" + tenant.resellerId() + "/staff";

        JsonNode listed = api.call("GET", staffPath, operator.key()).expect(200).json();
        assertEquals(List.of(email), listed.path("items").findValuesAsText("email"));
        assertTrue(listed.path("items").get(0).path("passwordHash").isMissingNode());

        assertEquals("DISABLED", api.call("POST", staffPath + "/" + cashier + "/disable", operator.key()).expect(200).json()
                .path("status").asText());
        api.call("GET", "/v1/me", token).expect(401);
        signIn(email, PASSWORD).expect(401);
        assertEquals("ACTIVE", api.call("POST", staffPath + "/" + cashier + "/enable", operator.key()).expect(200).json()
                .path("status").asText());
        api.call("GET", "/v1/me", session(email)).expect(200);

        // an owner: its own staff through /v1/staff only; another reseller's staff are not found there
        api.call("GET", staffPath, neighbour.key()).expect(403);
        api.call("POST", staffPath + "/" + cashier + "/disable", neighbour.key()).expect(403);
        api.call("POST", "/v1/staff/" + cashier + "/disable", neighbour.key()).expect(404);
        api.call("GET", "/v1/resellers/NOSUCH/staff", operator.key()).expect(404);
        api.call("POST", staffPath + "/NOSUCH/disable", operator.key()).expect(404);
    }

    @Test
    void anAccountTheOperatorDisabledIsEnabledAgainOnlyByTheOperator() {
        TestStack.Tenant tenant = stack.onboard("Suspended Staff Hotspots", ApiKeyRole.RESELLER);
        String ownerEmail = email("OWNER");
        staffMember(tenant, ownerEmail, "OWNER");
        String cashierEmail = email("CASHIER");
        String cashier = staffMember(tenant, cashierEmail, "CASHIER");
        String operatorPath = "/v1/resellers/" + tenant.resellerId() + "/staff/" + cashier;

        JsonNode disabled = api.call("POST", operatorPath + "/disable", operator.key()).expect(200).json();
        assertEquals("DISABLED", disabled.path("status").asText());
        assertTrue(disabled.path("disabledByOperator").asBoolean());
        String ownerSession = session(ownerEmail);
        TestStack.Snapshot before = stack.snapshot();
        for (String owner : List.of(tenant.key(), ownerSession)) {
            assertTrue(api.call("POST", "/v1/staff/" + cashier + "/enable", owner).expect(409).json().path("detail")
                    .asText().contains("operator"));
        }
        assertEquals(before, stack.snapshot(), "a refused enable writes nothing");
        signIn(cashierEmail, PASSWORD).expect(401);
        // the owner disabling it too keeps the operator's mark
        api.call("POST", "/v1/staff/" + cashier + "/disable", tenant.key()).expect(200);
        api.call("POST", "/v1/staff/" + cashier + "/enable", tenant.key()).expect(409);

        JsonNode enabled = api.call("POST", operatorPath + "/enable", operator.key()).expect(200).json();
        assertEquals("ACTIVE", enabled.path("status").asText());
        assertEquals(false, enabled.path("disabledByOperator").asBoolean());
        // the operator's mark is lifted: the owner's own disabling is again the owner's to undo
        api.call("POST", "/v1/staff/" + cashier + "/disable", tenant.key()).expect(200);
        assertEquals(false, api.call("POST", "/v1/staff/" + cashier + "/enable", tenant.key()).expect(200).json()
                .path("disabledByOperator").asBoolean());
        api.call("GET", "/v1/me", session(cashierEmail)).expect(200);
    }

    /**
     * An OPERATOR account is an operator's to change: the platform reseller's owner gets a 403 problem for each of
     * disabling, enabling, changing the role, ending the sessions and a sign-in link (which would let it in as the
     * operator), and nothing changes; an operator does each.
     */
    @Test
    void onlyAnOperatorChangesAnOperatorAccountAndTheOwnerOfThePlatformGetsA403ThatChangesNothing() {
        String ownerEmail = email("OWNER");
        staffMember(operator, ownerEmail, "OWNER");
        String colleagueEmail = email("OPERATOR");
        String colleague = staffMember(operator, colleagueEmail, "OPERATOR");
        String spareEmail = email("OPERATOR");
        staffMember(operator, spareEmail, "OPERATOR"); // so the colleague is not the last operator account
        String platformOwner = session(ownerEmail);
        String colleagueSession = session(colleagueEmail);
        String staffPath = "/v1/staff/" + colleague;

        TestStack.Snapshot before = stack.snapshot();
        List<ApiClient.Reply> refused = List.of(changeRole(platformOwner, colleague, "MANAGER"),
                changeRole(platformOwner, colleague, "OWNER"),
                api.call("POST", staffPath + "/disable", platformOwner),
                api.call("POST", staffPath + "/enable", platformOwner),
                api.call("POST", staffPath + "/sessions/revoke", platformOwner),
                api.call("POST", staffPath + "/sign-in-links", platformOwner));
        for (ApiClient.Reply reply : refused) {
            JsonNode problem = reply.expect(403).json();
            assertEquals("Forbidden", problem.path("title").asText());
            assertTrue(problem.path("detail").asText().contains("only an operator changes an operator's account"),
                    problem.toString());
        }
        assertEquals(before, stack.snapshot(), "refused changes write nothing");
        assertEquals("OPERATOR", api.call("GET", "/v1/me", colleagueSession).expect(200).json().path("role").asText());
        // making an operator stays a field error of the request
        assertEquals(List.of("role"), changeRole(platformOwner, colleague, "OPERATOR").expect(400).errorFields());

        // an operator, by key or signed in, does each
        api.call("POST", staffPath + "/sign-in-links", operator.key()).expect(201);
        api.call("POST", staffPath + "/sessions/revoke", session(spareEmail)).expect(200);
        api.call("GET", "/v1/me", colleagueSession).expect(401);
        assertEquals("DISABLED", api.call("POST", staffPath + "/disable", operator.key()).expect(200).json().path("status")
                .asText());
        assertEquals("ACTIVE", api.call("POST", staffPath + "/enable", operator.key()).expect(200).json().path("status")
                .asText());
        assertEquals("MANAGER", changeRole(operator.key(), colleague, "MANAGER").expect(200).json().path("role").asText());
        // no longer an operator account: the platform's owner manages it like any other
        api.call("POST", staffPath + "/disable", platformOwner).expect(200);
    }

    /**
     * A sign-in link is good only for the role its account had when it was made: the platform's owner may make one for
     * a manager, but once an operator has made that manager an operator the owner's link no longer signs anyone in
     * (it would be an operator's session issued by someone who may not issue one); a link for an unchanged account does.
     */
    @Test
    void aSignInLinkMadeBeforeItsAccountBecameAnOperatorNoLongerSignsIn() {
        String ownerEmail = email("OWNER");
        staffMember(operator, ownerEmail, "OWNER");
        String platformOwner = session(ownerEmail);
        String promoted = staffMember(operator, email("MANAGER"), "MANAGER");
        String unchanged = staffMember(operator, email("MANAGER"), "MANAGER");
        String promotedLink = link(platformOwner, promoted);
        String unchangedLink = link(platformOwner, unchanged);

        assertEquals("OPERATOR", changeRole(operator.key(), promoted, "OPERATOR").expect(200).json().path("role").asText());

        redeem(promotedLink).expect(401);
        assertEquals("MANAGER", redeem(unchangedLink).expect(200).json().path("staff").path("role").asText());
    }

    private static String link(String credential, String staffId) {
        return api.call("POST", "/v1/staff/" + staffId + "/sign-in-links", credential).expect(201).json().path("linkToken").asText();
    }

    private static ApiClient.Reply redeem(String linkToken) {
        return api.call("POST", "/v1/auth/sign-in-links/redeem", null, "{\"linkToken\": \"" + linkToken + "\"}");
    }

    /** The platform's last active operator account is neither disabled nor given another role (409), like the last owner. */
    @Test
    void thePlatformsLastActiveOperatorAccountStaysEnabledAndAnOperator() {
        TestStack.Tenant platform = stack.onboard("Last operator platform", ApiKeyRole.OPERATOR);
        String first = staffMember(platform, email("OPERATOR"), "OPERATOR");
        String firstPath = "/v1/staff/" + first;

        TestStack.Snapshot before = stack.snapshot();
        JsonNode problem = api.call("POST", firstPath + "/disable", platform.key()).expect(409).json();
        assertTrue(problem.path("detail").asText().contains("last active operator"), problem.toString());
        changeRole(platform.key(), first, "OWNER").expect(409);
        assertEquals(before, stack.snapshot(), "refused changes write nothing");

        String second = staffMember(platform, email("OPERATOR"), "OPERATOR");
        api.call("POST", firstPath + "/disable", platform.key()).expect(200);
        // a disabled operator account does not count: the second is now the last active one
        changeRole(platform.key(), second, "OWNER").expect(409);
        api.call("POST", "/v1/staff/" + second + "/disable", platform.key()).expect(409);
        api.call("POST", firstPath + "/enable", platform.key()).expect(200);
        assertEquals("OWNER", changeRole(platform.key(), second, "OWNER").expect(200).json().path("role").asText());
        changeRole(platform.key(), first, "MANAGER").expect(409);
    }

    @Test
    void anOwnerChangesRolesButTheLastActiveOwnerKeepsTheRoleAndStaysEnabled() {
        TestStack.Tenant tenant = stack.onboard("Role Hotspots", ApiKeyRole.RESELLER);
        String ownerEmail = email("OWNER");
        String owner = staffMember(tenant, ownerEmail, "OWNER");
        String cashierEmail = email("CASHIER");
        String cashier = staffMember(tenant, cashierEmail, "CASHIER");
        String cashierSession = session(cashierEmail);
        String ownerSession = session(ownerEmail);
        api.call("GET", "/v1/ledger", cashierSession).expect(403);

        assertEquals("MANAGER", changeRole(ownerSession, cashier, "MANAGER").expect(200).json().path("role").asText());
        api.call("GET", "/v1/ledger", cashierSession).expect(200); // from the next request on, no new sign-in
        assertEquals("MANAGER", api.call("GET", "/v1/me", cashierSession).expect(200).json().path("role").asText());
        changeRole(cashierSession, owner, "CASHIER").expect(403); // a manager changes no roles

        TestStack.Snapshot before = stack.snapshot();
        assertEquals(409, changeRole(ownerSession, owner, "MANAGER").status(), "the last active owner");
        assertEquals(List.of("role"), changeRole(ownerSession, cashier, "BOSS").expect(400).errorFields());
        assertEquals(List.of("role"), changeRole(ownerSession, cashier, "OPERATOR").expect(400).errorFields());
        assertEquals(List.of("role"), api.call("PUT", "/v1/staff/" + cashier + "/role", ownerSession, "{}").expect(400)
                .errorFields());
        changeRole(ownerSession, "NOSUCH", "MANAGER").expect(404);
        assertEquals(before, stack.snapshot(), "refused changes write nothing");

        // with a second owner, either may step down; the other is then the last one
        changeRole(ownerSession, cashier, "OWNER").expect(200);
        assertEquals("MANAGER", changeRole(ownerSession, owner, "MANAGER").expect(200).json().path("role").asText());
        api.call("GET", "/v1/staff", ownerSession).expect(403);
        changeRole(tenant.key(), cashier, "CASHIER").expect(409);
        // a disabled owner does not count
        changeRole(tenant.key(), owner, "OWNER").expect(200);
        api.call("POST", "/v1/staff/" + owner + "/disable", tenant.key()).expect(200);
        changeRole(tenant.key(), cashier, "CASHIER").expect(409);
        // nor is the last active owner disabled, by its reseller or by the operator
        api.call("POST", "/v1/staff/" + cashier + "/disable", tenant.key()).expect(409);
        api.call("POST", "/v1/resellers/" + tenant.resellerId() + "/staff/" + cashier + "/disable", operator.key()).expect(409);
        api.call("POST", "/v1/staff/" + owner + "/enable", tenant.key()).expect(200);
        api.call("POST", "/v1/staff/" + cashier + "/disable", tenant.key()).expect(200);
    }

    @Test
    void twoOwnersDemotingOrDisablingEachOtherAtOnceLeaveTheResellerAnOwner() throws Exception {
        for (int round = 0; round < 5; round++) {
            TestStack.Tenant tenant = stack.onboard("Race Hotspots " + round, ApiKeyRole.RESELLER);
            String first = staffMember(tenant, email("OWNER"), "OWNER");
            String second = staffMember(tenant, email("OWNER"), "OWNER");
            // the reseller's key for both, so neither request is refused for its caller's own new role
            List<Callable<Integer>> demotions = List.of(() -> changeRole(tenant.key(), second, "MANAGER").status(),
                    round % 2 == 0 ? () -> changeRole(tenant.key(), first, "MANAGER").status()
                            : () -> api.call("POST", "/v1/staff/" + first + "/disable", tenant.key()).status());
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Integer> statuses = new ArrayList<>();
            try {
                for (Future<Integer> f : pool.invokeAll(demotions)) {
                    statuses.add(f.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(statuses.contains(200), statuses.toString());
            JsonNode staff = api.call("GET", "/v1/staff", tenant.key()).expect(200).json().path("items");
            long activeOwners = 0;
            for (JsonNode member : staff) {
                activeOwners += member.path("role").asText().equals("OWNER") && member.path("status").asText().equals("ACTIVE") ? 1 : 0;
            }
            assertEquals(1, activeOwners, staff + " after " + statuses);
            assertEquals(List.of(200, 409), statuses.stream().sorted().toList());
        }
    }

    @Test
    void theAuthenticatorEnrolmentCarriesItsUriAsAQrCodeThatScans() throws Exception {
        TestStack.Tenant tenant = stack.onboard("Totp Hotspots", ApiKeyRole.RESELLER);
        String email = email("OWNER");
        staffMember(tenant, email, "OWNER");
        JsonNode enrolment = api.call("POST", "/v1/auth/totp", session(email)).expect(200).json();
        String uri = enrolment.path("otpauthUri").asText();
        assertTrue(uri.startsWith("otpauth://totp/") && uri.contains("secret=" + enrolment.path("secret").asText()), uri);
        JsonNode qr = enrolment.path("qr");
        assertEquals(uri, scan(qr.path("size").asInt(), qr.path("quietZone").asInt(), qr.path("path").asText()));
    }

    private static final Pattern PATH_STEP = Pattern.compile("([Mm])(-?\\d+) (-?\\d+)(?:\\.5)?h(\\d+)");

    /** Paints the path's strokes (each one module high through the middle of its row) and reads the code like a scanner. */
    private static String scan(int size, int quietZone, String path) throws Exception {
        int scale = 4;
        int side = (size + 2 * quietZone) * scale;
        int[] pixels = new int[side * side];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher m = PATH_STEP.matcher(path);
        int x = 0;
        int y = 0;
        int matched = 0;
        while (m.find()) {
            matched += m.group().length();
            if (m.group(1).equals("M")) {
                x = Integer.parseInt(m.group(2));
                y = Integer.parseInt(m.group(3));
            } else {
                x += Integer.parseInt(m.group(2));
            }
            int length = Integer.parseInt(m.group(4));
            for (int px = (x + quietZone) * scale; px < (x + length + quietZone) * scale; px++) {
                for (int py = (y + quietZone) * scale; py < (y + 1 + quietZone) * scale; py++) {
                    pixels[py * side + px] = 0xFF000000;
                }
            }
            x += length;
        }
        assertEquals(path.length(), matched, "the path is only moves and horizontal runs: " + path);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side, pixels))),
                Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
