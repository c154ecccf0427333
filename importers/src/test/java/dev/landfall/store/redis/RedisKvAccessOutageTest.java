package dev.landfall.store.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.KvAccess;
import dev.landfall.core.spi.StoreUri;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server that cannot be reached: serve still opens, and each call is an IOException, not a hang. */
class RedisKvAccessOutageTest {
    private static final KvNamespace KV = new KvNamespace("ns", "NS");

    @Test
    void callsToAClosedPortFailWithAnIoExceptionNamingTheStoreWithoutThePassword() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        StoreUri uri = StoreUri.parse("redis://app:s3cret-pw@127.0.0.1:" + port + "/0");

        try (KvAccess access = new RedisStoreProvider().openKvAccess(uri)) {
            IOException get = assertThrows(IOException.class, () -> access.get(KV, Key.of("k"), 0));
            assertThrows(IOException.class, () -> access.put(new Entry(KV, Key.of("k"), new byte[0], null, null)));
            assertThrows(IOException.class, () -> access.list(KV, "", null, 10, 0));
            assertThrows(IOException.class, access::namespaces);

            assertTrue(get.getMessage().contains("127.0.0.1:" + port), get.getMessage());
            assertFalse(get.getMessage().contains("s3cret-pw"), get.getMessage());
            assertTrue(access.describe().contains("****"), access.describe());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hang, far above the 2 s timeouts
    void aServerThatAcceptsButNeverAnswersIsAnIoExceptionNotAHang() throws IOException {
        // The kernel completes connections into the backlog of a socket that never accepts or reads.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                KvAccess access = new RedisStoreProvider()
                        .openKvAccess(StoreUri.parse("redis://app:s3cret-pw@127.0.0.1:{port}/0"
                                .replace("{port}", String.valueOf(silent.getLocalPort()))))) {
            IOException get = assertThrows(IOException.class, () -> access.get(KV, Key.of("k"), 0));

            assertFalse(get.getMessage().contains("s3cret-pw"), get.getMessage());
        }
    }
}
