package dev.landfall.store.redis;

import dev.landfall.core.spi.AbstractKvAccessInteropTest;
import dev.landfall.core.spi.StoreUri;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/** Import into Redis, serve it, read what serve wrote back as a Source. */
class RedisKvAccessInteropIT extends AbstractKvAccessInteropTest {
    private final List<String> prefixes = new ArrayList<>();

    @Override
    protected StoreUri emptyStore() {
        String prefix = RedisAdmin.prefixFor(UUID.randomUUID());
        prefixes.add(prefix);
        return StoreUri.parse(RedisAdmin.url(prefix));
    }

    @AfterEach
    void dropKeys() {
        try (RedisAdmin admin = RedisAdmin.connect()) {
            for (String prefix : prefixes) {
                admin.drop(prefix);
            }
        }
    }
}
