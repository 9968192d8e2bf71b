package com.wispbill.local.routeros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Query words as MikroTik's API manual defines them, evaluated over a small interface-like table. */
class QueryTest {
    private static final Function<String, ValueKind> KINDS = name -> switch (name) {
        case "distance", "mtu" -> ValueKind.NUMBER;
        case "uptime" -> ValueKind.DURATION;
        case "disabled" -> ValueKind.BOOLEAN;
        default -> ValueKind.TEXT;
    };

    private static final List<Map<String, String>> ROWS = List.of(
        row("name", "ether1", "type", "ether", "mtu", "1500", "disabled", "false", "comment", "uplink"),
        row("name", "ether2", "type", "ether", "mtu", "9000", "disabled", "true"),
        row("name", "vlan10", "type", "vlan", "mtu", "1500", "disabled", "false", "comment", ""),
        row("name", "wlan1", "type", "wlan", "mtu", "1500", "disabled", "false", "uptime", "1h30m"),
        row("name", "wlan2", "type", "wlan", "mtu", "1500", "disabled", "false", "uptime", "45m"));

    private static Map<String, String> row(String... keyValues) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            row.put(keyValues[i], keyValues[i + 1]);
        }
        return row;
    }

    private static List<String> names(String... queryWords) throws ApiTrap {
        Query query = Query.compile(List.of(queryWords), KINDS);
        return ROWS.stream().filter(query).map(r -> r.get("name")).toList();
    }

    @Test
    void noQueryMatchesEverything() throws ApiTrap {
        assertEquals(List.of("ether1", "ether2", "vlan10", "wlan1", "wlan2"), names());
    }

    @Test
    void equalityHasAndLacks() throws ApiTrap {
        assertEquals(List.of("ether1", "ether2"), names("type=ether"));
        assertEquals(List.of("ether1", "ether2"), names("=type=ether"));
        assertEquals(List.of("ether1", "vlan10"), names("comment"));
        assertEquals(List.of("ether2", "wlan1", "wlan2"), names("-comment"));
        assertEquals(List.of("ether2"), names("disabled=yes"), "a query value is read like a command value");
        assertEquals(List.of(), names("type=bridge"));
    }

    @Test
    void successiveWordsAreAndedBecauseEveryValueOnTheStackMustBeTrue() throws ApiTrap {
        assertEquals(List.of("ether1"), names("type=ether", "mtu=1500"));
    }

    @Test
    void lessAndGreaterCompareByKind() throws ApiTrap {
        assertEquals(List.of("ether2"), names(">mtu=1500"));
        assertEquals(List.of("ether1", "vlan10", "wlan1", "wlan2"), names("<mtu=2000"));
        assertEquals(List.of("wlan1"), names(">uptime=1h"), "1h30m > 1h > 45m as durations, not as text");
        assertEquals(List.of("ether1"), names(">comment="), "the manual's 'non-empty comment' query");
    }

    @Test
    void orOfTwoTypesLikeTheManualsExample() throws ApiTrap {
        assertEquals(List.of("vlan10", "wlan1", "wlan2"), names("type=vlan", "type=wlan", "#|"));
    }

    @Test
    void notOfAndLikeTheManualsRouteExample() throws ApiTrap {
        // where !(mtu>1500 && type=ether)
        assertEquals(List.of("ether1", "vlan10", "wlan1", "wlan2"), names(">mtu=1500", "type=ether", "#&!"));
    }

    @Test
    void indexFollowedByACharacterPushesACopy() throws ApiTrap {
        // stack: [type=ether, disabled=true]; "1" copies type=ether to the top, "|" ors it with the copy's
        // neighbour: the stack ends [type=ether, disabled=true || type=ether] -> type=ether rows only.
        assertEquals(List.of("ether1", "ether2"), names("type=ether", "disabled=true", "#1|"));
    }

    @Test
    void indexAtTheEndReplacesTheWholeStack() throws ApiTrap {
        // stack: [type=ether, type=vlan]; "#1" keeps only the value at index 1 (type=ether).
        assertEquals(List.of("ether1", "ether2"), names("type=ether", "type=vlan", "#1"));
        // "#0" keeps the top (type=vlan).
        assertEquals(List.of("vlan10"), names("type=ether", "type=vlan", "#0"));
    }

    @Test
    void dotAfterAnIndexDoesNothingAndElsewhereDuplicatesTheTop() throws ApiTrap {
        // "0." pushes a copy of the top and the dot does nothing: [a, b, b] -> same result as a && b.
        assertEquals(List.of("ether1"), names("type=ether", "mtu=1500", "#0."));
        // "!." negates the top then duplicates it: [type=ether, !disabled, !disabled].
        assertEquals(List.of("ether1"), names("type=ether", "disabled=true", "#!."));
    }

    @Test
    void belowTheBottomTheStackHoldsTrueValues() throws ApiTrap {
        // "|" with one real value ors it with an implicit true: everything matches.
        assertEquals(5, names("type=ether", "#|").size());
        // "!" on an empty stack negates an implicit true: nothing matches.
        assertEquals(List.of(), names("#!"));
        // An index far below the bottom reads true.
        assertEquals(5, names("type=bridge", "#99").size());
    }

    @Test
    void unknownOperationCharacterIsAnArgumentTrap() {
        ApiTrap trap = assertThrows(ApiTrap.class, () -> names("type=ether", "#~"));
        assertEquals(ApiTrap.CATEGORY_ARGUMENT, trap.category());
    }

    @Test
    void queriesWorkOverTheWireOnPrint() throws IOException {
        try (RouterOsSimulator router = RouterOsSimulator.builder().start();
             RawApiClient client = RawApiClient.loggedIn(router)) {
            router.state().addHotspotUserProfile(Map.of("name", "1h"));
            router.state().addHotspotUser(Map.of("name", "a", "profile", "1h", "limit-uptime", "1h"));
            router.state().addHotspotUser(Map.of("name", "b", "profile", "default", "comment", "vip"));
            router.state().addHotspotUser(Map.of("name", "c", "profile", "1h", "disabled", "yes"));
            List<List<String>> reply = client.call("/ip/hotspot/user/print", "=.proplist=.id,name",
                "?profile=1h", "?comment", "?#|", "?disabled=false");
            assertEquals(List.of(Map.of(".id", "*1", "name", "a"), Map.of(".id", "*2", "name", "b")),
                RawApiClient.rows(reply));
            assertEquals(List.of(Map.of("name", "c")),
                RawApiClient.rows(client.call("/ip/hotspot/user/print", "=.proplist=name", "?>.id=*2")));
        }
    }
}
