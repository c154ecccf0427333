package dev.landfall.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryStoreTest extends AbstractStoreContractTest {
    private final Map<Path, MemoryStore> stores = new HashMap<>();

    @Override
    protected Store openStore(Path dir) {
        return stores.computeIfAbsent(dir, d -> new MemoryStore(d.getFileName().toString()))
                .reopen();
    }

    @Override
    protected Store crashAndReopen(Store store, Path dir) {
        return ((MemoryStore) store).reopen();
    }

    @AfterEach
    void forgetNamedStores() {
        MemoryStoreProvider.reset();
    }

    @Test
    void providerSharesStoresByName() throws Exception {
        MemoryStoreProvider provider = new MemoryStoreProvider();
        Store a = provider.open(StoreUri.parse("memory:shared"));
        Store b = provider.open(StoreUri.parse("memory:shared"));
        assertNotSame(a, b);
        write(a, KV, WriteMode.UPSERT, List.of(entry(KV, "k", "v")));
        a.close();
        assertSameEntries(List.of(entry(KV, "k", "v")), readAll(b, KV));
        assertEquals(List.of(), readAll(provider.open(StoreUri.parse("memory:other")), KV));
    }
}
