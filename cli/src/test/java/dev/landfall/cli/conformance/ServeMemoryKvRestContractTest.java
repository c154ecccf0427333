package dev.landfall.cli.conformance;

import dev.landfall.core.spi.KvAccess;
import dev.landfall.core.spi.MemoryKvAccess;

/** The KV conformance suite against {@code landfall serve} over the in-memory store. */
class ServeMemoryKvRestContractTest extends AbstractServeKvRestContractTest {
    @Override
    protected KvAccess openStore() {
        return new MemoryKvAccess();
    }
}
