package dev.landfall.cli.conformance;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.KvAccess;
import dev.landfall.serve.CacheSettings;
import dev.landfall.serve.KvService;
import dev.landfall.serve.ListenAddress;
import dev.landfall.serve.MountedRoutes;
import dev.landfall.serve.ServeConfig;
import dev.landfall.serve.ServeServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The KV conformance suite against {@code landfall serve} over one kind of store. Serve does not
 * create namespaces: it serves those the store holds, so the namespace is made in the store first
 * (a key written and deleted) as an import would make it.
 */
abstract class AbstractServeKvRestContractTest extends AbstractKvRestContractTest {
    /** The store to serve, open and empty of the test's namespace. */
    protected abstract KvAccess openStore() throws Exception;

    @Override
    protected final KvRestTarget start(Clock clock, String title) throws Exception {
        KvAccess store = openStore();
        String id = UUID.randomUUID().toString().replace("-", "");
        KvNamespace ns = new KvNamespace(id, title);
        store.put(new Entry(ns, Key.of("made-by-import"), new byte[] {1}, null, null));
        store.delete(ns, Key.of("made-by-import"));
        KvService kv = new KvService(store, new CacheSettings(64L << 20, Duration.ofSeconds(10)), clock);
        ServeConfig config = new ServeConfig(
                ListenAddress.parse("127.0.0.1:0"), Optional.empty(), kv.cacheSettings(), 8, Duration.ofSeconds(5));
        ServeServer server = ServeServer.start(config, kv, MountedRoutes.of(kv), clock);
        return new KvRestTarget(server.url() + "/client/v4/accounts/any/storage/kv/namespaces", id, Map.of(), () -> {
            server.close();
            kv.close();
        });
    }

    @Override
    protected final boolean listsSayListComplete() {
        return true;
    }
}
