package com.wispbill.adapters.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.RateLimit;
import com.wispbill.domain.messages.Alert;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.messages.UsageSample;
import com.wispbill.domain.messages.VoucherBatchOrder;
import com.wispbill.domain.routercommand.DisableHotspotUser;
import com.wispbill.domain.routercommand.DisablePppSecret;
import com.wispbill.domain.routercommand.EnableHotspotUser;
import com.wispbill.domain.routercommand.EnablePppSecret;
import com.wispbill.domain.routercommand.EnsureHotspotProfile;
import com.wispbill.domain.routercommand.EnsureHotspotUser;
import com.wispbill.domain.routercommand.EnsurePppProfile;
import com.wispbill.domain.routercommand.EnsurePppSecret;
import com.wispbill.domain.routercommand.KickHotspotUser;
import com.wispbill.domain.routercommand.KickPppUser;
import com.wispbill.domain.routercommand.RemoveHotspotUser;
import com.wispbill.domain.routercommand.RemovePppSecret;
import com.wispbill.domain.routercommand.RouterCommand;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private static final Instant AT = Instant.parse("2026-11-22T14:05:00Z");

    @Test
    void everyRouterCommandSurvivesTheWire() {
        List<RouterCommand> commands = List.of(
                new EnsureHotspotUser("K7M2Q9XR4T", "", "1h-5M", Optional.of(Duration.ofHours(1)), OptionalLong.of(1_000_000_000L), "batch 01J"),
                new EnsureHotspotUser("K7M2Q9XR4T", "pw", "default", Optional.empty(), OptionalLong.empty(), ""),
                new EnsurePppSecret("cust-0042@home", "p'ss x", "pppoe-10M", "subscription 01J"),
                new EnsureHotspotProfile("10M-shared", Optional.of(RateLimit.parse("2M/10M")), 3),
                new EnsurePppProfile("pppoe-10M", Optional.empty()),
                new DisableHotspotUser("a"), new EnableHotspotUser("a"), new RemoveHotspotUser("a"), new KickHotspotUser("a"),
                new DisablePppSecret("b"), new EnablePppSecret("b"), new RemovePppSecret("b"), new KickPppUser("b"),
                new com.wispbill.domain.routercommand.IsolateUser(com.wispbill.domain.routercommand.UserService.PPP, "b"),
                new com.wispbill.domain.routercommand.RestoreUser(com.wispbill.domain.routercommand.UserService.HOTSPOT, "a",
                        "wb-plan"),
                new com.wispbill.domain.routercommand.ThrottleUser(com.wispbill.domain.routercommand.UserService.HOTSPOT, "a",
                        "wb-plan-fup", RateLimit.parse("1M/1M")));
        for (RouterCommand command : commands) {
            RouterCommandEnvelope envelope = new RouterCommandEnvelope("01JCMD", "01JRES", "01JRTR", AT, command);
            assertEquals(envelope, MessageCodec.decodeRouterCommand(MessageCodec.encode(envelope)));
        }
    }

    @Test
    void otherMessagesSurviveTheWire() {
        UsageSample sample = new UsageSample("01JRES", "01JRTR", UsageSample.SessionKind.HOTSPOT, "*1A", "K7M2Q9XR4T",
                12_345, 987_654_321_000L, Duration.ofMinutes(61), AT);
        assertEquals(sample, MessageCodec.decodeUsageSample(MessageCodec.encode(sample)));

        SmsRequest sms = new SmsRequest("01JPAY-SMS", "01JRES", "+254712345678", SmsRequest.SmsTemplate.VOUCHER_ISSUED,
                Map.of("code", "K7M2Q9XR4T", "plan", "1 hour"), AT);
        String smsJson = MessageCodec.encode(sms);
        assertEquals(MessageCodec.NotificationKind.SMS, MessageCodec.notificationKind(smsJson));
        assertEquals(sms, MessageCodec.decodeSms(smsJson));

        Alert alert = new Alert("01JALR", Optional.of("01JRES"), "ROUTER_DOWN#01JRTR", Alert.Severity.CRITICAL, false,
                "Router hs-1 is down", "no answer on 8729", AT);
        String alertJson = MessageCodec.encode(alert);
        assertEquals(MessageCodec.NotificationKind.ALERT, MessageCodec.notificationKind(alertJson));
        assertEquals(alert, MessageCodec.decodeAlert(alertJson));

        VoucherBatchOrder order = new VoucherBatchOrder("01JRES", "01JBAT");
        assertEquals(order, MessageCodec.decodeVoucherBatchOrder(MessageCodec.encode(order)));

        // usage-samples carries polls and the flush sweep's jobs; each decodes as what it is.
        com.wispbill.domain.messages.UsageFlushJob job = new com.wispbill.domain.messages.UsageFlushJob("01JRES", "01JRTR", AT);
        assertEquals(job, MessageCodec.decodeUsageMessage(MessageCodec.encode(job)));
        com.wispbill.domain.messages.RouterUsage poll = com.wispbill.domain.messages.RouterUsage.of(sample);
        assertEquals(poll, MessageCodec.decodeUsageMessage(MessageCodec.encode(poll)));
        assertThrows(MalformedMessageException.class, () -> MessageCodec.decodeUsageMessage(
                "{\"flush\":\"later\",\"resellerId\":\"01JRES\",\"routerId\":\"01JRTR\",\"unflushedSince\":\"2026-11-22T14:05:00Z\"}"));
        assertThrows(MalformedMessageException.class, () -> MessageCodec.decodeUsageMessage(
                "{\"flush\":\"due\",\"resellerId\":\"bad#id\",\"routerId\":\"01JRTR\",\"unflushedSince\":\"2026-11-22T14:05:00Z\"}"));
    }

    @Test
    void malformedMessagesAreRefusedClearly() {
        assertThrows(MalformedMessageException.class, () -> MessageCodec.decodeRouterCommand("not json"));
        assertThrows(MalformedMessageException.class, () -> MessageCodec.decodeRouterCommand("[]"));
        MalformedMessageException unknown = assertThrows(MalformedMessageException.class, () -> MessageCodec.decodeRouterCommand(
                "{\"commandId\":\"01JCMD\",\"resellerId\":\"01JRES\",\"routerId\":\"01JRTR\",\"issuedAt\":\"2026-11-22T14:05:00Z\","
                        + "\"command\":{\"type\":\"FormatDisk\",\"name\":\"x\"}}"));
        assertTrue(unknown.getMessage().contains("FormatDisk"));
        assertThrows(MalformedMessageException.class, () -> MessageCodec.decodeUsageSample(
                "{\"resellerId\":\"01JRES\",\"routerId\":\"01JRTR\",\"kind\":\"HOTSPOT\",\"sessionId\":\"*1\",\"username\":\"u\","
                        + "\"bytesIn\":-1,\"bytesOut\":0,\"uptimeSeconds\":0,\"sampledAt\":\"2026-11-22T14:05:00Z\"}"));
        assertThrows(MalformedMessageException.class, () -> MessageCodec.decodeSms(
                "{\"notificationId\":\"n\",\"resellerId\":\"01JRES\",\"phoneE164\":\"0712\",\"template\":\"EXPIRED\",\"requestedAt\":\"2026-11-22T14:05:00Z\"}"));
    }
}
