package dev.landfall.cli.conformance;

import dev.landfall.cli.TlsRedis;
import dev.landfall.core.spi.KvAccess;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KV conformance suite against {@code landfall serve} over Redis that speaks only TLS ({@code
 * rediss://…?cacert=}): a {@code redis-server --tls-port} on loopback with a throwaway CA, started
 * and stopped here ({@link TlsRedis}); skipped with the reason when {@code redis-server} or {@code
 * openssl} is missing or the server was built without TLS.
 */
class ServeRedissKvRestContractIT extends AbstractServeKvRestContractTest {
    @TempDir
    static Path dir;

    private static TlsRedis redis;

    @BeforeAll
    static void startTheServer() throws IOException, InterruptedException {
        redis = TlsRedis.start(dir);
    }

    @AfterAll
    static void stopTheServer() throws InterruptedException {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected KvAccess openStore() throws IOException {
        return StoreRegistry.openKvAccess("--store", StoreUri.parse(redis.uri("cacert=" + redis.ca())));
    }
}
