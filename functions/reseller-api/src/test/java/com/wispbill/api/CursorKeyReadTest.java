package com.wispbill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wispbill.adapters.CursorSeal;
import com.wispbill.adapters.MissingConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

/**
 * The reseller API reads its cursor key on a thread of its own while its clients are built: a read that fails still
 * stops the start with the failure as it was thrown (a missing secret names its variable), not wrapped in the
 * future's exception, and says where it was awaited.
 */
class CursorKeyReadTest {

    @Test
    void aMissingCursorSecretStopsTheStartNamingTheVariable() {
        FutureTask<CursorSeal> read = new FutureTask<>(() -> {
            throw new MissingConfigurationException("CURSOR_KEY_SECRET_ARN");
        });
        Thread.ofVirtual().start(read);

        MissingConfigurationException failure = assertThrows(MissingConfigurationException.class,
                () -> ResellerApiWiring.readCursorSeal(read));

        assertTrue(failure.getMessage().contains("CURSOR_KEY_SECRET_ARN"), failure.getMessage());
        assertTrue(Arrays.stream(failure.getSuppressed()).anyMatch(s -> s.getMessage().contains("building the reseller API")),
                "says where it was awaited");
    }

    @Test
    void anErrorOnTheReadingThreadIsThrownAsItself() {
        NoClassDefFoundError broken = new NoClassDefFoundError("com/wispbill/adapters/aws/SecretsManagerApi");
        FutureTask<CursorSeal> read = new FutureTask<>(() -> {
            throw broken;
        });
        Thread.ofVirtual().start(read);

        assertSame(broken, assertThrows(NoClassDefFoundError.class, () -> ResellerApiWiring.readCursorSeal(read)));
    }

    @Test
    void theKeyReadIsTheKeyUsed() {
        CursorSeal seal = new CursorSeal("a cursor key of the platform, 32 bytes or more".getBytes(StandardCharsets.UTF_8));
        FutureTask<CursorSeal> read = new FutureTask<>(() -> seal);
        Thread.ofVirtual().start(read);

        assertSame(seal, ResellerApiWiring.readCursorSeal(read));
        assertEquals("listing-cursor", seal.open(seal.seal("listing-cursor", "plans"), "plans"));
    }
}
