package com.wispbill.local.routeros;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The word encoding as the simulator reads and writes it on a real socket. */
class WireProtocolTest {
    private RouterOsSimulator router;

    @BeforeEach
    void start() throws IOException {
        router = RouterOsSimulator.builder().credentials("api", "secret").start();
    }

    @AfterEach
    void stop() {
        router.close();
    }

    /**
     * A comment of each size goes in with the shortest prefix and comes back out of print with the
     * shortest prefix for the whole {@code =comment=...} word: 1, 2, 3 and 4 bytes. (A word needing the
     * 5-byte form is 256 MiB; that range is covered by the codec tests and the non-minimal test below.)
     */
    @ParameterizedTest(name = "comment word of {0} bytes")
    @ValueSource(ints = {0x7F, 0x80, 0x3FFF, 0x4000, 0x1FFFFF, 0x200000})
    void wordsOfEveryLengthRangeRoundTripWithMinimalPrefixes(int wordLength) throws IOException {
        String comment = "c".repeat(wordLength - "=comment=".length());
        try (RawApiClient client = RawApiClient.loggedIn(router)) {
            client.call("/ip/hotspot/user/add", "=name=v-1", "=comment=" + comment);
            client.send("/ip/hotspot/user/print", "=.proplist=comment");
            List<RawApiClient.Word> row = client.readWords();
            assertEquals("!re", row.getFirst().text());
            RawApiClient.Word commentWord = row.get(1);
            assertEquals(wordLength, commentWord.text().getBytes(StandardCharsets.UTF_8).length);
            assertEquals("=comment=" + comment, commentWord.text());
            assertArrayEquals(ApiWireFormat.encodeLength(wordLength), commentWord.prefix());
            int expectedPrefixLength = wordLength < 0x80 ? 1 : wordLength < 0x4000 ? 2 : wordLength < 0x200000 ? 3 : 4;
            assertEquals(expectedPrefixLength, commentWord.prefix().length);
            assertEquals(List.of("!done"), client.readSentence());
        }
    }

    @Test
    void acceptsNonMinimalPrefixesLikeMikrotikJavaWrites() throws IOException {
        String comment = "x".repeat(0x20000 - "=comment=".length());
        ByteArrayOutputStream sentence = new ByteArrayOutputStream();
        writeWord(sentence, new byte[] {(byte) 0xF0, 0, 0, 0, 20}, "/ip/hotspot/user/add"); // 5-byte prefix for 20
        writeWord(sentence, new byte[] {(byte) 0x80, 10}, "=name=v-42");                     // 2-byte prefix for 10
        writeWord(sentence, new byte[] {(byte) 0xE0, 0x02, 0, 0}, "=comment=" + comment);    // 4-byte prefix for 0x20000
        writeWord(sentence, new byte[] {(byte) 0xC0, 0, 7}, ".tag=t1");                      // 3-byte prefix for 7
        sentence.write(new byte[] {(byte) 0xE0, 0, 0, 0});                                   // zero length, 4 bytes
        try (RawApiClient client = RawApiClient.loggedIn(router)) {
            client.sendBytes(sentence.toByteArray());
            assertEquals(List.of("!done", "=ret=*1", ".tag=t1"), client.readSentence());
        }
        assertEquals(comment, router.state().hotspotUser("v-42").orElseThrow().comment().orElseThrow());
    }

    private static void writeWord(ByteArrayOutputStream out, byte[] prefix, String word) {
        out.writeBytes(prefix);
        out.writeBytes(word.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "first byte 0x{0}")
    @ValueSource(ints = {0xF8, 0xFF})
    void reservedControlByteGetsFatalAndTheConnectionCloses(int controlByte) throws IOException {
        try (RawApiClient client = RawApiClient.loggedIn(router)) {
            client.sendBytes(new byte[] {(byte) controlByte, 0, 0, 0, 0});
            List<String> fatal = client.readSentence();
            assertEquals("!fatal", fatal.getFirst());
            assertEquals(String.format("reserved control byte 0x%02X", controlByte), fatal.get(1));
            assertTrue(client.isClosedByPeer());
        }
    }

    @Test
    void emptySentencesAreIgnored() throws IOException {
        try (RawApiClient client = RawApiClient.loggedIn(router)) {
            client.sendBytes(new byte[] {0, 0, 0});
            assertEquals(List.of("!re", "=name=MikroTik"), client.call("/system/identity/print").getFirst());
        }
    }

    @Test
    void beforeLoginAWordLongerThanTheSmallLimitEndsTheConnection() throws IOException {
        try (RawApiClient client = RawApiClient.connect(router)) {
            client.sendBytes(ApiWireFormat.encodeLength(ClientConnection.MAX_WORD_LENGTH_BEFORE_LOGIN + 1));
            List<String> fatal = client.readSentence();
            assertEquals("!fatal", fatal.getFirst());
            assertTrue(client.isClosedByPeer());
        }
    }

    @Test
    void attributeValuesMayContainEqualsSignsAndBeEmpty() throws IOException {
        try (RawApiClient client = RawApiClient.loggedIn(router)) {
            client.call("/ip/hotspot/user/add", "=name=v-1", "=password=a=b=c", "=comment=");
            var row = RawApiClient.rows(client.call("/ip/hotspot/user/print")).getFirst();
            assertEquals("a=b=c", row.get("password"));
            assertTrue(!row.containsKey("comment"), "an empty comment is no comment");
        }
    }
}
