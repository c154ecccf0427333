package dev.landfall.store.redis;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.store.AbstractSourceContractTest;
import dev.landfall.store.TestServers;
import java.io.IOException;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/**
 * The source contract against a real Redis (skipped without one, as {@link RedisStoreIT}), each test
 * under a key prefix of its own that is dropped after it; the broken fixture is a wrong password.
 */
class RedisStoreSourceContractIT extends AbstractSourceContractTest {
    private String prefix;

    @Override
    protected Source openSource() throws IOException {
        if (prefix == null) {
            prefix = RedisAdmin.prefixFor(tempDir.toAbsolutePath());
            filled(open(RedisAdmin.url(prefix))).close();
        }
        return open(RedisAdmin.url(prefix));
    }

    @Override
    protected Broken broken() {
        RedisStoreUri server = RedisStoreUri.parse(StoreUri.parse(TestServers.redisUrl()));
        String wrong;
        try (RedisAdmin admin = RedisAdmin.connect()) {
            wrong = admin.url(
                    server.username().orElse("default"),
                    "not-the-password",
                    server.database(),
                    RedisAdmin.prefixFor("broken"));
        }
        return new Broken(ErrorKind.REJECTED, () -> open(wrong));
    }

    private static RedisStore open(String url) {
        return RedisStore.open(RedisStoreUri.parse(StoreUri.parse(url)), Clock.systemUTC());
    }

    @AfterEach
    void dropKeys() {
        if (prefix != null) {
            try (RedisAdmin admin = RedisAdmin.connect()) {
                admin.drop(prefix);
            }
        }
    }
}
