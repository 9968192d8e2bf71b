package com.wispbill.router.routeros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouterOsCommandTest {

    @Test
    void rendersEveryValueQuotedForTheClient() {
        RouterOsCommand command = RouterOsCommand.builder("/ip/hotspot/user/print")
                .properties(".id", "name", ".id")
                .where("name", "a b").where("comment", "x\"y")
                .build();
        assertEquals(List.of(".id", "name"), command.properties());
        assertEquals("/ip/hotspot/user/print .proplist=\".id,name\" where name=\"a b\" and comment='x\"y'",
                MikrotikCommandLine.render(command));
        assertEquals("/system/resource/print", MikrotikCommandLine.render(RouterOsCommand.of("/system/resource/print")));
        assertEquals("/ppp/secret/set .id=\"*1\" comment=\"\"", MikrotikCommandLine.render(
                RouterOsCommand.builder("/ppp/secret/set").attribute(".id", "*1").attribute("comment", "").build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ip/hotspot", "/IP/hotspot", "/ip hotspot", "/ip/hotspot/", "", "/ip//user"})
    void rejectsMalformedPaths(String path) {
        assertThrows(IllegalArgumentException.class, () -> RouterOsCommand.builder(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"where", "and", "Name", "a b", "a=b", "", "=x", "-x"})
    void rejectsAttributeNamesTheClientWouldMisread(String name) {
        assertThrows(IllegalArgumentException.class, () -> RouterOsCommand.builder("/ppp/secret/add").attribute(name, "v"));
    }

    @Test
    void toStringShowsStructureAndMasksOnlySensitiveValues() {
        RouterOsCommand command = RouterOsCommand.builder("/ip/hotspot/active/print")
                .properties(".id").sensitiveWhere("user", "K7M2Q9XR4T").build();
        assertEquals("/ip/hotspot/active/print ?user=**** =.proplist=.id", command.toString());
    }
}
