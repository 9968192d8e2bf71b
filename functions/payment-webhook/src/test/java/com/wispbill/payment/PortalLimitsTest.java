package com.wispbill.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.wispbill.adapters.Json;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.PaymentStatus;
import com.wispbill.payment.PaymentFixture.Tenant;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The purchase route's abuse limits on the embedded stack: counters in the usage table shared by two
 * handler instances (two Lambda execution environments), STK pushes counted at the Daraja stand-in.
 */
class PortalLimitsTest {
    private final PaymentFixture f = PaymentFixture.get();

    private PortalHandler instance(PortalLimits.Settings settings, ChallengeVerifier challenges) {
        PurchaseService service = new PurchaseService(f.repos, f.adapters, f.credentials, f.api,
                f.portalLimits(settings, challenges), f.clock);
        return new PortalHandler(service);
    }

    private static APIGatewayV2HTTPEvent purchase(Tenant t, String phone, String sourceIp, Map<String, String> headers) {
        String body = "{\"planId\":\"" + t.plan().id() + "\",\"phone\":\"" + phone + "\",\"provider\":\"mpesa\"}";
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey("POST /portal/{portalId}/purchases")
                .withRawPath("/portal/" + t.portalId() + "/purchases")
                .withPathParameters(Map.of("portalId", t.portalId()))
                .withHeaders(headers)
                .withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST")
                                .withPath("/portal/" + t.portalId() + "/purchases").withSourceIp(sourceIp).build())
                        .build())
                .build();
    }

    private static String someIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    /** A Kenyan mobile number no other test uses, as its 9 national digits after the 0. */
    private static String someNationalNumber() {
        return "7" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.LENIENT.readTree(response.getBody());
        } catch (IOException e) {
            throw new AssertionError(response.getBody(), e);
        }
    }

    @Test
    void twentyFivePurchasesToOneNumberInThreeSpellingsSendAtMostThePerPhoneLimitOfPrompts() {
        Tenant t = f.kenyanTenant();
        PortalLimits.Settings settings = new PortalLimits.Settings(Duration.ofMinutes(10), 1000, 1000, 3, 100, 0);
        List<PortalHandler> instances = List.of(instance(settings, new ProofOfWorkChallenge(8)),
                instance(settings, new ProofOfWorkChallenge(8)));
        String national = someNationalNumber();
        List<String> spellings = List.of("+254 " + national, "0" + national, "254" + national);
        long pushesBefore = f.simulator.requests("/stkpush/");

        int accepted = 0;
        List<APIGatewayV2HTTPResponse> refused = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            APIGatewayV2HTTPResponse response = instances.get(i % 2)
                    .handleRequest(purchase(t, spellings.get(i % 3), someIp(), Map.of()), null);
            if (response.getStatusCode() == 202) {
                accepted++;
            } else {
                refused.add(response);
            }
        }

        assertEquals(3, accepted);
        assertEquals(3, f.simulator.requests("/stkpush/") - pushesBefore, "three prompts reached Daraja, not 25");
        assertEquals(22, refused.size());
        for (APIGatewayV2HTTPResponse r : refused) {
            assertEquals(429, r.getStatusCode(), r.getBody());
            long retryAfter = Long.parseLong(r.getHeaders().get("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 600, "Retry-After " + retryAfter);
            assertEquals("application/problem+json", r.getHeaders().get("Content-Type"));
        }
        assertEquals(3, f.repos.payments().list(t.id(), PageRequest.firstPage()).items().size(),
                "refused requests wrote nothing");
        assertTrue(f.repos.payments().list(t.id(), PageRequest.firstPage()).items().stream()
                .allMatch(p -> p.customerPhone().equals("+254" + national)), "every spelling is stored as one E.164 number");
    }

    @Test
    void twentyFiveNumbersFromOneIpAreLimitedPerIp() {
        Tenant t = f.kenyanTenant();
        PortalLimits.Settings settings = new PortalLimits.Settings(Duration.ofMinutes(10), 5, 1000, 1000, 100, 0);
        PortalHandler portal = instance(settings, new ProofOfWorkChallenge(8));
        String ip = someIp();
        long pushesBefore = f.simulator.requests("/stkpush/");
        int accepted = 0;
        int limited = 0;
        for (int i = 0; i < 25; i++) {
            APIGatewayV2HTTPResponse r = portal.handleRequest(purchase(t, "0" + someNationalNumber(), ip, Map.of()), null);
            if (r.getStatusCode() == 202) {
                accepted++;
            } else if (r.getStatusCode() == 429 && r.getHeaders().containsKey("Retry-After")) {
                limited++;
            }
        }
        assertEquals(5, accepted);
        assertEquals(20, limited);
        assertEquals(5, f.simulator.requests("/stkpush/") - pushesBefore);
        assertEquals(202, portal.handleRequest(purchase(t, "0" + someNationalNumber(), someIp(), Map.of()), null).getStatusCode(),
                "another network is not limited by this one");
    }

    @Test
    void aPhoneWithTheMaximumOfPendingPaymentsGetsNoFurtherPrompt() {
        Tenant t = f.kenyanTenant();
        PortalHandler portal = instance(new PortalLimits.Settings(Duration.ofMinutes(10), 1000, 1000, 1000, 2, 0),
                new ProofOfWorkChallenge(8));
        String phone = "0" + someNationalNumber();
        assertEquals(202, portal.handleRequest(purchase(t, phone, someIp(), Map.of()), null).getStatusCode());
        assertEquals(202, portal.handleRequest(purchase(t, phone, someIp(), Map.of()), null).getStatusCode());
        long pushesBefore = f.simulator.requests("/stkpush/");
        APIGatewayV2HTTPResponse third = portal.handleRequest(purchase(t, phone, someIp(), Map.of()), null);
        assertEquals(429, third.getStatusCode(), third.getBody());
        assertTrue(third.getHeaders().containsKey("Retry-After"));
        assertEquals(pushesBefore, f.simulator.requests("/stkpush/"));

        // Once one is settled the phone may start another.
        var pending = f.repos.payments().list(t.id(), PageRequest.firstPage()).items().get(0);
        f.repos.payments().transition(pending, pending.fail("cancelled on the phone", f.clock));
        assertEquals(PaymentStatus.FAILED, f.repos.payments().get(t.id(), pending.id()).status());
        assertEquals(202, portal.handleRequest(purchase(t, phone, someIp(), Map.of()), null).getStatusCode());
    }

    @Test
    void pastTheChallengeThresholdOnlyARequestWithASolvedProofOfWorkGoesThrough() {
        Tenant t = f.kenyanTenant();
        PortalHandler portal = instance(new PortalLimits.Settings(Duration.ofMinutes(10), 1000, 1000, 1000, 100, 2),
                new ProofOfWorkChallenge(8));
        String ip = someIp();
        assertEquals(202, portal.handleRequest(purchase(t, "0" + someNationalNumber(), ip, Map.of()), null).getStatusCode());
        assertEquals(202, portal.handleRequest(purchase(t, "0" + someNationalNumber(), ip, Map.of()), null).getStatusCode());
        long pushesBefore = f.simulator.requests("/stkpush/");
        APIGatewayV2HTTPResponse asked = portal.handleRequest(purchase(t, "0" + someNationalNumber(), ip, Map.of()), null);
        assertEquals(429, asked.getStatusCode());
        JsonNode challenge = json(asked).path("challenge");
        assertEquals(8, challenge.path("difficulty").asInt());
        String subject = challenge.path("subject").asText();
        APIGatewayV2HTTPResponse wrong = portal.handleRequest(purchase(t, "0" + someNationalNumber(), ip,
                Map.of("x-portal-challenge", unsolved(subject))), null);
        assertEquals(429, wrong.getStatusCode());
        assertEquals(pushesBefore, f.simulator.requests("/stkpush/"));

        APIGatewayV2HTTPResponse solved = portal.handleRequest(purchase(t, "0" + someNationalNumber(), ip,
                Map.of("x-portal-challenge", solve(subject, 8))), null);
        assertEquals(202, solved.getStatusCode(), solved.getBody());
        assertEquals(pushesBefore + 1, f.simulator.requests("/stkpush/"));
    }

    /** What a login page does: count up until the hash has enough leading zero bits. */
    private static String solve(String subject, int bits) {
        ProofOfWorkChallenge pow = new ProofOfWorkChallenge(bits);
        for (long nonce = 0; ; nonce++) {
            if (pow.verify(subject, Long.toString(nonce))) {
                return Long.toString(nonce);
            }
        }
    }

    private static String unsolved(String subject) {
        ProofOfWorkChallenge pow = new ProofOfWorkChallenge(8);
        for (long nonce = 0; ; nonce++) {
            if (!pow.verify(subject, Long.toString(nonce))) {
                return Long.toString(nonce);
            }
        }
    }
}
