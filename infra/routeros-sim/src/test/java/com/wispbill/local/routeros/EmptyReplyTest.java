package com.wispbill.local.routeros;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code !empty}: RouterOS 7.18 and later send it before {@code !done} when a print finds nothing. */
class EmptyReplyTest {

    private static List<List<String>> emptyPrint(RouterOsVersion version) throws IOException {
        try (RouterOsSimulator router = RouterOsSimulator.builder().version(version).start();
             RawApiClient client = RawApiClient.loggedIn(router)) {
            return client.call("/ip/hotspot/user/print", "?name=nobody", ".tag=q");
        }
    }

    @Test
    void sevenEighteenAndLaterSendEmptyThenDone() throws IOException {
        assertEquals(List.of(List.of("!empty", ".tag=q"), List.of("!done", ".tag=q")), emptyPrint(RouterOsVersion.V7_19));
        assertEquals(List.of(List.of("!empty", ".tag=q"), List.of("!done", ".tag=q")),
            emptyPrint(RouterOsVersion.parse("7.18")));
    }

    @Test
    void earlierVersionsSendOnlyDone() throws IOException {
        assertEquals(List.of(List.of("!done", ".tag=q")), emptyPrint(RouterOsVersion.V7_17));
        assertEquals(List.of(List.of("!done", ".tag=q")), emptyPrint(RouterOsVersion.V6_49));
        assertEquals(List.of(List.of("!done", ".tag=q")), emptyPrint(RouterOsVersion.V6_40));
    }

    @Test
    void printsWithRowsAndOtherCommandsNeverSendEmpty() throws IOException {
        try (RouterOsSimulator router = RouterOsSimulator.builder().version(RouterOsVersion.V7_19).start();
             RawApiClient client = RawApiClient.loggedIn(router)) {
            assertEquals(List.of(List.of("!done", "=ret=*1")), client.call("/ip/hotspot/user/add", "=name=v-1"));
            assertEquals(List.of(List.of("!re", "=name=v-1"), List.of("!done")),
                client.call("/ip/hotspot/user/print", "=.proplist=name"));
            assertEquals(List.of(List.of("!done")), client.call("/ip/hotspot/user/remove", "=.id=*1"));
            assertEquals(List.of(List.of("!done", "=ret=0")),
                client.call("/ip/hotspot/user/print", "=count-only="), "count-only answers a count, even zero");
        }
    }

    @Test
    void switchingTheVersionAtRunTimeChangesTheReply() throws IOException {
        try (RouterOsSimulator router = RouterOsSimulator.builder().version(RouterOsVersion.V6_49).start();
             RawApiClient client = RawApiClient.loggedIn(router)) {
            assertEquals(List.of(List.of("!done")), client.call("/ppp/active/print"));
            router.setVersion(RouterOsVersion.V7_19);
            assertEquals(List.of(List.of("!empty"), List.of("!done")), client.call("/ppp/active/print"));
        }
    }
}
