package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.http.HttpResponse;
import com.wispbill.api.auth.Totp;
import com.wispbill.api.http.Route;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Staff sign-in over the handler on the embedded stack: passwords, progressive lockout (on a clock the test
 * moves), TOTP, sessions that end at once when signed out, revoked or disabled, idle and absolute limits,
 * one-time links, the role-to-route table as {@code /v1/me} reports it and the dispatcher enforces it, and email
 * uniqueness under concurrent creates.
 */
class StaffAccessTest {
    private static final String PASSWORD = "correct horse battery staple";

    private static TestStack stack;
    private static MutableClock clock;
    private static ApiClient api;
    private static TestStack.Tenant owner;
    private static List<Route> routes;

    @BeforeAll
    static void setUp() {
        stack = TestStack.get();
        clock = new MutableClock(Instant.now());
        ResellerApi resellerApi = stack.api(TestStack.roomySettings(), clock);
        routes = resellerApi.routes().routes();
        api = new ApiClient(new ResellerApiHandler(resellerApi));
        owner = stack.onboard("Staff Hotspots", ApiKeyRole.RESELLER);
    }

    /** A new account of {@code role} in the owner's reseller; returns its email. */
    private static String staffMember(String role) {
        String email = role.toLowerCase() + "-" + UUID.randomUUID() + "@staff.example";
        api.call("POST", "/v1/staff", owner.key(), "{\"email\": \"" + email + "\", \"name\": \"A " + role
                + "\", \"role\": \"" + role + "\", \"password\": \"" + PASSWORD + "\"}").expect(201);
        return email;
    }

    private static ApiClient.Reply signIn(String email, String password) {
        return api.call("POST", "/v1/auth/sign-in", null, "{\"email\": \"" + email + "\", \"password\": \"" + password + "\"}");
    }

    private static ApiClient.Reply signIn(String email, String password, String totp) {
        return api.call("POST", "/v1/auth/sign-in", null, "{\"email\": \"" + email + "\", \"password\": \"" + password
                + "\", \"totp\": \"" + totp + "\"}");
    }

    private static String session(String email) {
        return signIn(email, PASSWORD).expect(200).json().path("token").asText();
    }

    @Test
    void staffSignInWithTheirPasswordAndMeShowsTheirRoleAccountAndRoutes() {
        String email = staffMember("MANAGER");
        JsonNode signedIn = signIn(email.toUpperCase(), PASSWORD).expect(200).json();
        String token = signedIn.path("token").asText();
        assertTrue(token.startsWith("wbs_"), token);
        assertEquals(clock.instant().plus(Duration.ofHours(12)), Instant.parse(signedIn.path("expiresAt").asText()));
        assertEquals(email, signedIn.path("staff").path("email").asText());
        assertEquals("MANAGER", signedIn.path("staff").path("role").asText());
        assertEquals(owner.resellerId(), signedIn.path("staff").path("resellerId").asText());

        // a token of the right shape with another secret, or naming another account, is nobody's
        String secret = token.substring(token.lastIndexOf('~') + 1);
        api.call("GET", "/v1/me", token.replace(secret, new StringBuilder(secret).reverse().toString())).expect(401);
        api.call("GET", "/v1/me", token.replace("~" + signedIn.path("staff").path("staffId").asText() + "~", "~NOSUCH~"))
                .expect(401);
        JsonNode me = api.call("GET", "/v1/me", token).expect(200).json();
        assertEquals("MANAGER", me.path("role").asText());
        assertEquals(signedIn.path("staff").path("staffId").asText(), me.path("staff").path("staffId").asText());
        assertTrue(me.path("keyId").isNull());
        assertTrue(me.path("routes").toString().contains("\"GET /v1/ledger\""), me.toString());
        assertFalse(me.path("routes").toString().contains("\"GET /v1/staff\""), me.toString());

        JsonNode keyMe = api.call("GET", "/v1/me", owner.key()).expect(200).json();
        assertEquals("OWNER", keyMe.path("role").asText(), "a reseller's API key acts as its owner");
        assertEquals(owner.keyId(), keyMe.path("keyId").asText());
        assertTrue(keyMe.path("staff").isNull());
    }

    @Test
    void anUnknownEmailAndAWrongPasswordGetTheSameAnswer() {
        String email = staffMember("CASHIER");
        ApiClient.Reply wrong = signIn(email, "not the password at all").expect(401);
        ApiClient.Reply unknown = signIn("nobody-" + UUID.randomUUID() + "@staff.example", PASSWORD).expect(401);
        assertEquals(wrong.json(), unknown.json());
        assertEquals(wrong.headers(), unknown.headers());
        assertEquals(HttpResponse.PROBLEM_JSON, wrong.contentType());
    }

    @Test
    void fiveWrongPasswordsLockTheAccountForAWhileLongerEachTimeAndASuccessResets() {
        String email = staffMember("CASHIER");
        for (int i = 1; i < 5; i++) {
            signIn(email, "wrong password " + i).expect(401);
        }
        ApiClient.Reply locked = signIn(email, "wrong password 5").expect(429);
        assertEquals("locked", locked.json().path("code").asText());
        assertEquals(300, locked.json().path("retryAfterSeconds").asLong());
        assertEquals("300", locked.headers().get("retry-after"));
        // while locked even the right password is refused
        assertEquals("locked", signIn(email, PASSWORD).expect(429).json().path("code").asText());

        clock.advance(Duration.ofMinutes(5));
        for (int i = 1; i < 5; i++) {
            signIn(email, "wrong again " + i).expect(401);
        }
        assertEquals(600, signIn(email, "wrong again 5").expect(429).json().path("retryAfterSeconds").asLong(),
                "the second lockout in a row lasts twice as long");
        clock.advance(Duration.ofMinutes(9));
        signIn(email, PASSWORD).expect(429);
        clock.advance(Duration.ofMinutes(1));
        signIn(email, PASSWORD).expect(200);

        // a success forgets failures and lockouts: four more wrong ones do not lock, and the next lockout is short again
        for (int i = 1; i < 5; i++) {
            signIn(email, "wrong after success " + i).expect(401);
        }
        signIn(email, PASSWORD).expect(200);
        for (int i = 1; i < 5; i++) {
            signIn(email, "wrong once more " + i).expect(401);
        }
        assertEquals(300, signIn(email, "wrong once more 5").expect(429).json().path("retryAfterSeconds").asLong());
    }

    @Test
    void anAuthenticatorIsRequiredOnceConfirmedAndEachCodeWorksOnce() {
        String email = staffMember("OWNER");
        String token = session(email);
        JsonNode enrolment = api.call("POST", "/v1/auth/totp", token).expect(200).json();
        String secret = enrolment.path("secret").asText();
        assertTrue(enrolment.path("otpauthUri").asText().startsWith("otpauth://totp/WISPbill:"), enrolment.toString());
        signIn(email, PASSWORD).expect(200); // not required until confirmed

        String wrongCode = Totp.code(secret, Totp.step(clock.instant()) + 5);
        assertEquals(List.of("code"), api.call("POST", "/v1/auth/totp/confirm", token, "{\"code\": \"" + wrongCode + "\"}")
                .expect(400).errorFields());
        String confirmCode = Totp.code(secret, Totp.step(clock.instant()));
        api.call("POST", "/v1/auth/totp/confirm", token, "{\"code\": \"" + confirmCode + "\"}").expect(204);

        assertEquals("totp_required", signIn(email, PASSWORD).expect(401).json().path("code").asText());
        assertEquals("totp_invalid", signIn(email, PASSWORD, wrongCode).expect(401).json().path("code").asText());
        assertEquals("totp_invalid", signIn(email, PASSWORD, confirmCode).expect(401).json().path("code").asText(),
                "the code used to confirm cannot sign in");
        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        String next = Totp.code(secret, Totp.step(clock.instant()));
        signIn(email, PASSWORD, next).expect(200);
        assertEquals("totp_invalid", signIn(email, PASSWORD, next).expect(401).json().path("code").asText(),
                "a code is accepted once");
        assertTrue(signIn(email, "a wrong password!", next).expect(401).json().path("code").isMissingNode(),
                "a wrong password says nothing about the code");

        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        String removeCode = Totp.code(secret, Totp.step(clock.instant()));
        api.call("DELETE", "/v1/auth/totp", token, "{\"code\": \"" + wrongCode + "\"}").expect(400);
        api.call("DELETE", "/v1/auth/totp", token, "{\"code\": \"" + removeCode + "\"}").expect(204);
        signIn(email, PASSWORD).expect(200);
    }

    @Test
    void signOutSignOutEverywhereAndAnOwnerRevokingEndSessionsOnTheNextRequest() {
        String email = staffMember("CASHIER");
        String first = session(email);
        String second = session(email);
        api.call("POST", "/v1/auth/sign-out", first).expect(204);
        api.call("GET", "/v1/me", first).expect(401);
        api.call("GET", "/v1/me", second).expect(200);

        String third = session(email);
        api.call("POST", "/v1/auth/sign-out-everywhere", second).expect(204);
        api.call("GET", "/v1/me", second).expect(401);
        api.call("GET", "/v1/me", third).expect(401);

        String fourth = session(email);
        String staffId = api.call("GET", "/v1/me", fourth).expect(200).json().path("staff").path("staffId").asText();
        api.call("POST", "/v1/staff/" + staffId + "/sessions/revoke", owner.key()).expect(200);
        assertEquals("Unauthorized", api.call("GET", "/v1/plans", fourth).expect(401).json().path("title").asText());
        api.call("GET", "/v1/plans", session(email)).expect(200);
        // an API key has no session to end
        api.call("POST", "/v1/auth/sign-out", owner.key()).expect(409);
    }

    @Test
    void aDisabledStaffMemberIsSignedOutAtOnceAndCannotSignInUntilEnabled() {
        String email = staffMember("MANAGER");
        String token = session(email);
        String staffId = api.call("GET", "/v1/me", token).expect(200).json().path("staff").path("staffId").asText();
        assertEquals("DISABLED", api.call("POST", "/v1/staff/" + staffId + "/disable", owner.key()).expect(200)
                .json().path("status").asText());
        api.call("GET", "/v1/me", token).expect(401);
        assertEquals(signIn("nobody-" + UUID.randomUUID() + "@staff.example", PASSWORD).expect(401).json(),
                signIn(email, PASSWORD).expect(401).json());
        api.call("POST", "/v1/staff/" + staffId + "/enable", owner.key()).expect(200);
        api.call("GET", "/v1/me", session(email)).expect(200);
        api.call("GET", "/v1/me", token).expect(401);
    }

    @Test
    void sessionsEndAfterHalfAnHourIdleAndTwelveHoursAtMost() {
        String token = session(staffMember("CASHIER"));
        clock.advance(Duration.ofMinutes(29));
        api.call("GET", "/v1/me", token).expect(200);
        clock.advance(Duration.ofMinutes(29));
        api.call("GET", "/v1/me", token).expect(200);
        clock.advance(Duration.ofMinutes(31));
        api.call("GET", "/v1/me", token).expect(401);

        String busy = session(staffMember("CASHIER"));
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofMinutes(29));
            api.call("GET", "/v1/me", busy).expect(200);
        }
        clock.advance(Duration.ofMinutes(29));
        api.call("GET", "/v1/me", busy).expect(401);
    }

    @Test
    void aCashierSellsButNeverSeesTheBooksSettingsOrStaff() {
        String cashier = session(staffMember("CASHIER"));
        for (String forbidden : List.of("GET /v1/ledger", "GET /v1/balance", "GET /v1/payments", "GET /v1/exports/ledger",
                "GET /v1/dashboard/today", "GET /v1/settings/sms", "GET /v1/staff", "GET /v1/providers",
                "PUT /v1/routers/some-router/credentials", "POST /v1/routers")) {
            String[] r = forbidden.split(" ");
            TestStack.Snapshot before = stack.snapshot();
            ApiClient.Reply reply = api.call(r[0], r[1], cashier, "{}").expect(403);
            assertEquals(before, stack.snapshot(), forbidden);
            assertEquals("Forbidden", reply.json().path("title").asText());
        }
        String planId = api.call("POST", "/v1/plans", owner.key(), Seed.PLAN_BODY).expect(201).json().path("id").asText();
        api.call("GET", "/v1/plans", cashier).expect(200);
        api.call("GET", "/v1/plans/" + planId, cashier).expect(200);
        api.call("GET", "/v1/voucher-batches", cashier).expect(200);
        api.call("GET", "/v1/customers", cashier).expect(200);
        api.call("GET", "/v1/dashboard/router-health", cashier).expect(200);
        String customerId = api.call("POST", "/v1/customers", cashier, "{\"phone\": \"+254700300"
                + String.format("%03d", (int) (Math.random() * 1000)) + "\", \"name\": \"Walk-in\"}").expect(201)
                .json().path("id").asText();
        api.call("GET", "/v1/customers/" + customerId, cashier).expect(200);
    }

    /** Every route, for each role: 403 exactly when the route is not among the routes /v1/me lists for it. */
    @Test
    void theRoutesMeListsAreExactlyTheRoutesTheDispatcherLetsThrough() {
        Set<String> signOuts = Set.of("POST /v1/auth/sign-out", "POST /v1/auth/sign-out-everywhere");
        List<Executable> checks = new ArrayList<>();
        Set<String> seenRoles = new HashSet<>();
        for (String role : List.of("CASHIER", "MANAGER", "OWNER")) {
            String token = session(staffMember(role));
            JsonNode me = api.call("GET", "/v1/me", token).expect(200).json();
            seenRoles.add(me.path("role").asText());
            Set<String> allowed = new HashSet<>();
            me.path("routes").forEach(n -> allowed.add(n.asText()));
            for (Route route : routes) {
                String name = route.method() + " " + route.template();
                if (signOuts.contains(name)) {
                    continue;
                }
                String path = route.template().replace("{provider}", "mpesa").replace("{language}", "en")
                        .replace("{template}", "PURCHASE").replaceAll("\\{[A-Za-z]+}", "NOSUCH");
                int status = api.call(route.method(), path, token, "{}").status();
                checks.add(() -> assertEquals(allowed.contains(name), status != 403, role + " " + name + ": " + status));
            }
            for (String signOut : signOuts) {
                assertTrue(allowed.contains(signOut), role + " may " + signOut);
            }
        }
        assertEquals(Set.of("CASHIER", "MANAGER", "OWNER"), seenRoles);
        assertAll(checks);
    }

    @Test
    void anEmailIsTakenOnceEvenByConcurrentCreates() throws Exception {
        String email = "twice-" + UUID.randomUUID() + "@staff.example";
        TestStack.Tenant other = stack.onboard("Other Hotspots", ApiKeyRole.RESELLER);
        List<Callable<Integer>> creates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String key = i % 2 == 0 ? owner.key() : other.key();
            String body = "{\"email\": \"" + (i % 3 == 0 ? email.toUpperCase() : email) + "\", \"name\": \"Twin " + i
                    + "\", \"role\": \"CASHIER\", \"password\": \"" + PASSWORD + "\"}";
            creates.add(() -> api.call("POST", "/v1/staff", key, body).status());
        }
        ExecutorService pool = Executors.newFixedThreadPool(creates.size());
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> f : pool.invokeAll(creates)) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(5, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        long accounts = Stream.of(owner, other).mapToLong(t -> api.call("GET", "/v1/staff", t.key()).expect(200).json()
                .path("items").findValuesAsText("email").stream().filter(email::equals).count()).sum();
        assertEquals(1, accounts);
    }

    @Test
    void aSignInLinkWorksOnceWithinFifteenMinutes() {
        String email = staffMember("OWNER");
        String staffId = signIn(email, PASSWORD).expect(200).json().path("staff").path("staffId").asText();
        Function<String, ApiClient.Reply> redeem = link -> api.call("POST", "/v1/auth/sign-in-links/redeem", null,
                "{\"linkToken\": \"" + link + "\"}");
        JsonNode link = api.call("POST", "/v1/staff/" + staffId + "/sign-in-links", owner.key()).expect(201).json();
        assertEquals(clock.instant().plus(Duration.ofMinutes(15)), Instant.parse(link.path("expiresAt").asText()));
        String token = redeem.apply(link.path("linkToken").asText()).expect(200).json().path("token").asText();
        assertEquals(staffId, api.call("GET", "/v1/me", token).expect(200).json().path("staff").path("staffId").asText());
        redeem.apply(link.path("linkToken").asText()).expect(401);

        String late = api.call("POST", "/v1/staff/" + staffId + "/sign-in-links", owner.key()).expect(201).json()
                .path("linkToken").asText();
        clock.advance(Duration.ofMinutes(15));
        redeem.apply(late).expect(401);
        redeem.apply("wbl_NOTALINK").expect(401);
        api.call("POST", "/v1/staff/NOSUCH/sign-in-links", owner.key()).expect(404);
    }

    @Test
    void signInAttemptsAreLimitedPerSourceAddressWhateverTheAccount() {
        ApiClient limited = new ApiClient(new ResellerApiHandler(stack.api(new ApiSettings(ApiSettings.DEFAULT_MAX_BODY_BYTES,
                100_000, ApiSettings.DEFAULT_RATE_WINDOW, 50_000, 3), new MutableClock(Instant.parse("2031-01-01T00:00:00Z")))));
        String email = staffMember("CASHIER");
        Function<String, ApiClient.Reply> fromAddress = address -> {
            var event = ApiClient.load("reseller-api-get.json");
            event.getRequestContext().getHttp().setMethod("POST");
            event.setRawPath("/v1/auth/sign-in");
            event.getRequestContext().getHttp().setPath("/v1/auth/sign-in");
            event.getRequestContext().getHttp().setSourceIp(address);
            event.getHeaders().remove("authorization");
            event.getHeaders().put(ResellerApiHandler.SOURCE_IP_HEADER, "198.51.100.99"); // a client's own value is replaced
            event.setBody("{\"email\": \"nobody-" + UUID.randomUUID() + "@staff.example\", \"password\": \"guess\"}");
            return limited.send(event);
        };
        for (int i = 0; i < 3; i++) {
            fromAddress.apply("198.51.100.7").expect(401);
        }
        ApiClient.Reply refused = fromAddress.apply("198.51.100.7").expect(429);
        assertTrue(Long.parseLong(refused.headers().get("retry-after")) > 0, refused.headers().toString());
        fromAddress.apply("198.51.100.8").expect(401);
        // what counted was the address: the accounts guessed at are not locked, and this one signs in
        signIn(email, PASSWORD).expect(200);
    }

    @Test
    void badStaffInputIsRefusedWithFieldErrorsAndChangesNothing() {
        TestStack.Snapshot before = stack.snapshot();
        ApiClient.Reply reply = api.call("POST", "/v1/staff", owner.key(),
                "{\"email\": \"not-an-email\", \"name\": \"\", \"role\": \"BOSS\", \"password\": \"short\"}").expect(400);
        assertTrue(reply.errorFields().containsAll(List.of("name", "role")), reply.body());
        ApiClient.Reply second = api.call("POST", "/v1/staff", owner.key(),
                "{\"email\": \"not-an-email\", \"name\": \"Ann\", \"role\": \"CASHIER\", \"password\": \"short\"}").expect(400);
        assertTrue(second.errorFields().containsAll(List.of("email", "password")), second.body());
        assertEquals(List.of("role"), api.call("POST", "/v1/staff", owner.key(), "{\"email\": \"op-" + UUID.randomUUID()
                + "@staff.example\", \"name\": \"Op\", \"role\": \"OPERATOR\", \"password\": \"" + PASSWORD + "\"}")
                .expect(400).errorFields(), "only the operator makes operators");
        assertEquals(List.of("email", "password"), api.call("POST", "/v1/auth/sign-in", null, "{}").expect(400).errorFields());
        assertEquals(before, stack.snapshot());
    }
}
