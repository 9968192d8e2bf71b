package com.wispbill.local.routeros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tags, interleaved replies and /cancel. Slowness is a {@link ReplyGate}, so nothing here depends on timing. */
class TagsAndCancelTest {
    private RouterOsSimulator router;
    private RawApiClient client;

    @BeforeEach
    void start() throws IOException {
        router = RouterOsSimulator.builder().start();
        router.addHotspotUserBehindBillingsBack("alice", "a", "default");
        router.addHotspotUserBehindBillingsBack("bob", "b", "default");
        client = RawApiClient.loggedIn(router);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        router.close();
    }

    @Test
    void everyReplySentenceCarriesItsCommandsTag() throws IOException {
        List<List<String>> print = client.call("/ip/hotspot/user/print", "=.proplist=name", ".tag=p1");
        assertEquals(List.of(
            List.of("!re", "=name=alice", ".tag=p1"),
            List.of("!re", "=name=bob", ".tag=p1"),
            List.of("!done", ".tag=p1")), print);
        assertEquals(List.of(List.of("!trap", "=message=no such item", ".tag=r1"), List.of("!done", ".tag=r1")),
            client.call("/ip/hotspot/user/remove", "=.id=*99", ".tag=r1"));
        assertEquals(List.of(List.of("!done", "=ret=*3", ".tag=a1")),
            client.call("/ip/hotspot/user/add", "=name=carol", ".tag=a1"));
    }

    @Test
    void anEmptyTagIsNoTag() throws IOException {
        assertEquals(List.of(List.of("!re", "=name=MikroTik"), List.of("!done")),
            client.call("/system/identity/print", ".tag="));
    }

    @Test
    void aFastCommandAnswersBeforeASlowOneSentEarlier() throws IOException {
        ReplyGate slowPrint = router.faults().holdReplies("/ip/hotspot/user/print");
        client.send("/ip/hotspot/user/print", "=.proplist=name", ".tag=slow");
        client.send("/ip/hotspot/user/add", "=name=carol", ".tag=fast");

        assertEquals(List.of("!done", "=ret=*3", ".tag=fast"), client.readSentence());
        assertEquals(1, slowPrint.heldCommands());
        slowPrint.release();
        assertEquals(List.of(
            List.of("!re", "=name=alice", ".tag=slow"),
            List.of("!re", "=name=bob", ".tag=slow"),
            List.of("!done", ".tag=slow")), client.readUntilDone(),
            "the print ran when it arrived, so it does not list the user added after it");
    }

    @Test
    void cancelInterruptsTheTaggedCommandInTheManualsOrder() throws IOException {
        ReplyGate gate = router.faults().holdReplies("/ip/hotspot/user/print");
        client.send("/ip/hotspot/user/print", ".tag=long");
        client.send("/cancel", "=tag=long", ".tag=c");

        assertEquals(List.of("!trap", "=category=2", "=message=interrupted", ".tag=long"), client.readSentence());
        assertEquals(List.of("!done", ".tag=c"), client.readSentence());
        assertEquals(List.of("!done", ".tag=long"), client.readSentence());
        gate.release();
        assertEquals(List.of(List.of("!re", "=name=MikroTik", ".tag=after"), List.of("!done", ".tag=after")),
            client.call("/system/identity/print", ".tag=after"),
            "nothing of the cancelled print comes after its !done");
    }

    @Test
    void cancelWithoutTagInterruptsEveryRunningCommand() throws IOException {
        try (ReplyGate users = router.faults().holdReplies("/ip/hotspot/user/print");
             ReplyGate secrets = router.faults().holdReplies("/ppp/secret/print")) {
            client.send("/ip/hotspot/user/print", ".tag=one");
            client.send("/ppp/secret/print", ".tag=two");
            client.send("/cancel", ".tag=c");
            List<List<String>> traps = List.of(client.readSentence(), client.readSentence());
            assertEquals(Set.of(
                    List.of("!trap", "=category=2", "=message=interrupted", ".tag=one"),
                    List.of("!trap", "=category=2", "=message=interrupted", ".tag=two")),
                Set.copyOf(traps));
            assertEquals(List.of("!done", ".tag=c"), client.readSentence());
            assertEquals(Set.of(List.of("!done", ".tag=one"), List.of("!done", ".tag=two")),
                Set.of(client.readSentence(), client.readSentence()));
            assertEquals(1, users.heldCommands());
            assertEquals(1, secrets.heldCommands());
        }
    }

    @Test
    void cancelOfACommandThatAlreadyFinishedOnlyAnswersDone() throws IOException {
        client.call("/system/identity/print", ".tag=quick");
        assertEquals(List.of(List.of("!done", ".tag=c")), client.call("/cancel", "=tag=quick", ".tag=c"));
    }

    @Test
    void untaggedRepliesKeepTheOrderOfTheirCommandsEvenWhenPipelined() throws IOException {
        router.faults().replyDelay("/ip/hotspot/user/print", Duration.ofMillis(50));
        client.send("/ip/hotspot/user/print", "=.proplist=name");
        client.send("/system/identity/print");
        List<List<String>> first = client.readUntilDone();
        List<List<String>> second = client.readUntilDone();
        assertEquals(List.of(Map.of("name", "alice"), Map.of("name", "bob")), RawApiClient.rows(first));
        assertEquals(List.of(Map.of("name", "MikroTik")), RawApiClient.rows(second));
    }

    @Test
    void repliesOfManyConcurrentTaggedCommandsAreNeverMixedWithinASentence() throws IOException {
        int commands = 50;
        for (int i = 0; i < commands; i++) {
            client.send("/ip/hotspot/user/print", "=.proplist=name,password", ".tag=t" + i);
        }
        int done = 0;
        int rows = 0;
        while (done < commands) {
            List<String> sentence = client.readSentence();
            String tag = RawApiClient.tag(sentence);
            assertTrue(tag != null && tag.startsWith("t"), sentence.toString());
            if (sentence.getFirst().equals("!done")) {
                done++;
            } else {
                assertEquals(4, sentence.size(), sentence.toString());
                rows++;
            }
        }
        assertEquals(2 * commands, rows);
    }
}
