package com.wispbill.router.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.wispbill.local.routeros.CommandFault;
import com.wispbill.router.operations.SimulatedRouter.Mode;
import com.wispbill.router.routeros.MikrotikRouterOsConnector;
import com.wispbill.router.routeros.RouterOsCommand;
import com.wispbill.router.routeros.RouterOsSession;
import com.wispbill.router.routeros.RouterSessions;
import com.wispbill.router.routeros.RouterUnreachableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouterSessionsTest {
    private SimulatedRouter router;

    @AfterEach
    void stop() {
        if (router != null) {
            router.close();
        }
    }

    @Test
    void reusesOneSessionPerRouterReplacesABrokenOneAndClosesAll() throws Exception {
        router = SimulatedRouter.start(Mode.V7_19_PLAIN);
        RouterSessions sessions = new RouterSessions(new MikrotikRouterOsConnector());
        RouterOsSession first = sessions.sessionFor(router.endpoint(), SimulatedRouter.CREDENTIALS);
        assertSame(first, sessions.sessionFor(router.endpoint(), SimulatedRouter.CREDENTIALS));
        assertEquals(1, router.simulator.stats().logins());

        router.simulator.faults().failNext("/system/identity/print", CommandFault.APPLY_THEN_DISCONNECT);
        assertThrows(RouterUnreachableException.class, () -> first.execute(RouterOsCommand.of("/system/identity/print")));
        RouterOsSession second = sessions.sessionFor(router.endpoint(), SimulatedRouter.CREDENTIALS);
        assertNotSame(first, second);
        assertEquals(2, router.simulator.stats().logins());

        sessions.close();
        assertFalse(second.isUsable());
    }
}
