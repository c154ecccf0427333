package dev.landfall.cli.conformance;

import dev.landfall.core.spi.KvAccess;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;

/**
 * The KV conformance suite against {@code landfall serve} over Redis ({@code
 * LANDFALL_REDIS_URL}); each case has a namespace of its own, so runs never see each other's keys.
 */
class ServeRedisKvRestContractIT extends AbstractServeKvRestContractTest {
    @Override
    protected KvAccess openStore() throws Exception {
        return StoreRegistry.openKvAccess("--store", StoreUri.parse(TestStoreServer.url("LANDFALL_REDIS_URL")));
    }
}
