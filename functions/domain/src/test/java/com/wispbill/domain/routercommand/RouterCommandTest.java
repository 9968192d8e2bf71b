package com.wispbill.domain.routercommand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.domain.RateLimit;
import com.wispbill.domain.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouterCommandTest {

    private static final String CODE = "K7M2Q9XR4T";
    private static final String PASSWORD = "s3cret pass=word";

    private static EnsureHotspotUser hotspotUser(String name, String password) {
        return new EnsureHotspotUser(name, password, "1h-5M", Optional.of(Duration.ofHours(1)),
                OptionalLong.of(1_000_000_000L), "batch 01J");
    }

    @Test
    void acceptsTypicalValues() {
        EnsureHotspotUser user = hotspotUser(CODE, PASSWORD);
        assertEquals(Optional.of(Duration.ofHours(1)), user.limitUptime());
        assertEquals("EnsureHotspotUser", user.type());
        new EnsurePppSecret("cust-0042@home", "p'ss x", "pppoe-10M", "subscription 01J");
        new EnsureHotspotUser("+254712345678", "", "default", Optional.empty(), OptionalLong.empty(), "");
        new EnsureHotspotUser("AA:BB:CC:DD:EE:FF", "", "mac-users", null, null, null);
        new EnsureHotspotProfile("10M-shared", Optional.of(RateLimit.parse("2M/10M")), 3);
        new EnsurePppProfile("pppoe-10M", Optional.empty());
    }

    @Test
    void nullOptionalsAndCommentMeanNone() {
        EnsureHotspotUser user = new EnsureHotspotUser(CODE, "", "p", null, null, null);
        assertEquals(Optional.empty(), user.limitUptime());
        assertEquals(OptionalLong.empty(), user.limitBytesTotal());
        assertEquals("", user.comment());
        assertEquals(Optional.empty(), new EnsureHotspotProfile("p", null, 1).rateLimit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "two words", "a=b", "quote\"d", "it's", "line\nbreak", "tab\there", "*1",
            "-dash-first", ".hidden", "question?", "bang!", "slash/path", "ünïcode", "comma,list"})
    void rejectsNamesRouterOsOrTheClientWouldMisread(String name) {
        ValidationException e = assertThrows(ValidationException.class, () -> new RemoveHotspotUser(name));
        assertTrue(e.hasErrorFor("name"), e.getMessage());
    }

    @Test
    void nameErrorsSayWhatIsWrong() {
        assertMessage("name: must not contain line breaks or control characters", () -> new KickPppUser("a\nb"));
        assertMessage("name: must not contain spaces (allowed: letters, digits and . _ @ + - :)",
                () -> new KickPppUser("a b"));
        assertMessage("name: must not contain '=' (allowed: letters, digits and . _ @ + - :)",
                () -> new KickPppUser("a=b"));
        assertMessage("name: must start with a letter, a digit or '+'", () -> new KickPppUser("-x"));
        assertMessage("name: must be at most 64 characters", () -> new KickPppUser("a".repeat(65)));
        assertMessage("name: must not be blank", () -> new KickPppUser(" "));
        assertMessage("name: is required", () -> new KickPppUser(null));
    }

    @Test
    void passwordsMayContainSpacesEqualsAndOneKindOfQuote() {
        hotspotUser(CODE, "a b=c 'd'");
        hotspotUser(CODE, "x\"y\"=");
    }

    @Test
    void passwordErrorsSayWhatIsWrong() {
        assertMessage("password: must not contain both a single quote (') and a double quote (\"): the router API "
                + "client cannot transmit such a value", () -> hotspotUser(CODE, "a'b\"c"));
        assertMessage("password: must not contain line breaks or control characters", () -> hotspotUser(CODE, "a\r\nb"));
        assertMessage("password: must contain only printable ASCII characters (letters, digits, punctuation, space)",
                () -> hotspotUser(CODE, "pässword"));
        assertMessage("password: must not start or end with a space", () -> hotspotUser(CODE, " secret"));
        assertMessage("password: must be at most 64 characters", () -> hotspotUser(CODE, "x".repeat(65)));
        assertMessage("password: must not be empty", () -> new EnsurePppSecret("cust", "", "p", ""));
        assertMessage("password: is required", () -> hotspotUser(CODE, null));
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        ValidationException e = assertThrows(ValidationException.class, () -> new EnsureHotspotUser(
                "bad name", "a'\"", "", Optional.of(Duration.ofMillis(1500)), OptionalLong.of(0), "x\ny"));
        for (String field : List.of("name", "password", "profile", "limitUptime", "limitBytesTotal", "comment")) {
            assertTrue(e.hasErrorFor(field), field + " missing from " + e.getMessage());
        }
    }

    @Test
    void limitsMustBePositiveWholeSeconds() {
        assertMessage("limitUptime: must be a whole number of seconds", () -> new EnsureHotspotUser(CODE, "", "p",
                Optional.of(Duration.ofMillis(60_500)), OptionalLong.empty(), ""));
        assertMessage("limitUptime: must be positive", () -> new EnsureHotspotUser(CODE, "", "p",
                Optional.of(Duration.ZERO), OptionalLong.empty(), ""));
        assertMessage("limitBytesTotal: must be positive", () -> new EnsureHotspotUser(CODE, "", "p",
                Optional.empty(), OptionalLong.of(-1), ""));
    }

    @Test
    void commentsAreLimitedPrintableAscii() {
        assertMessage("comment: must be at most 255 characters", () -> new EnsurePppSecret("c", "p", "p", "x".repeat(256)));
        assertMessage("comment: must not contain line breaks or control characters",
                () -> new EnsurePppSecret("c", "p", "p", "x\ny"));
    }

    @Test
    void sharedUsersBounds() {
        assertMessage("sharedUsers: must be between 1 and 1000", () -> new EnsureHotspotProfile("p", Optional.empty(), 0));
        assertMessage("sharedUsers: must be between 1 and 1000",
                () -> new EnsureHotspotProfile("p", Optional.empty(), 1001));
    }

    @Test
    void toStringNeverShowsPasswordsOrWholeVoucherCodes() {
        List<RouterCommand> commands = List.of(
                hotspotUser(CODE, PASSWORD),
                new DisableHotspotUser(CODE), new EnableHotspotUser(CODE), new RemoveHotspotUser(CODE),
                new KickHotspotUser(CODE),
                new EnsurePppSecret("cust-1", PASSWORD, "p", ""));
        for (RouterCommand command : commands) {
            String shown = command.toString();
            assertFalse(shown.contains(CODE), shown);
            assertFalse(shown.contains(PASSWORD), shown);
            assertFalse(shown.contains("s3cret"), shown);
        }
        assertEquals("DisableHotspotUser[name=K7******4T]", new DisableHotspotUser(CODE).toString());
        assertTrue(new EnsurePppSecret("cust-1", PASSWORD, "p", "").toString().contains("password=****"));
        RouterCommandEnvelope envelope = new RouterCommandEnvelope("01JCMD", "res-1", "rtr-1",
                Instant.parse("2025-01-01T00:00:00Z"), hotspotUser(CODE, PASSWORD));
        assertFalse(envelope.toString().contains(CODE), envelope.toString());
        assertFalse(envelope.toString().contains("s3cret"), envelope.toString());
    }

    @Test
    void logSafeMasksCodesLikeTheRestOfTheSystemAndPasswordsCompletely() {
        assertEquals("******", LogSafe.maskCode("ABC123"));
        assertEquals("AB****34", LogSafe.maskCode("ABCD1234"));
        assertEquals("****", LogSafe.maskPassword(""));
        assertEquals("****", LogSafe.maskPassword("a much longer password"));
    }

    @Test
    void envelopeRequiresIdsAndCommand() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> new RouterCommandEnvelope("", "res#1", null, null, null));
        for (String field : List.of("commandId", "resellerId", "routerId", "issuedAt", "command")) {
            assertTrue(e.hasErrorFor(field), field + " missing from " + e.getMessage());
        }
    }

    @Test
    void issueDrawsAFreshCommandIdAtTheClocksTime() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
        RouterCommand command = new KickHotspotUser(CODE);
        RouterCommandEnvelope first = RouterCommandEnvelope.issue("res-1", "rtr-1", command, clock);
        RouterCommandEnvelope second = RouterCommandEnvelope.issue("res-1", "rtr-1", command, clock);
        assertEquals(Instant.parse("2025-03-01T10:00:00Z"), first.issuedAt());
        assertEquals(command, first.command());
        assertFalse(first.commandId().equals(second.commandId()));
    }

    @Test
    void isValidNameMatchesConstructorRules() {
        assertTrue(RouterOsValues.isValidName("user.name_1@x+y-z:0"));
        assertFalse(RouterOsValues.isValidName("user name"));
        assertFalse(RouterOsValues.isValidName(null));
    }

    private static void assertMessage(String expectedFieldError, Runnable construct) {
        ValidationException e = assertThrows(ValidationException.class, construct::run);
        assertTrue(e.errors().stream().anyMatch(error -> error.toString().equals(expectedFieldError)),
                () -> "expected '" + expectedFieldError + "' in " + e.getMessage());
    }
}
