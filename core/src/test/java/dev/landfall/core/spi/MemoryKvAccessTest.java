package dev.landfall.core.spi;

/** The KvAccess contract against its reference, so the suite itself is known to pass where it should. */
class MemoryKvAccessTest extends AbstractKvAccessContractTest {
    @Override
    protected KvAccess openAccess() {
        return new MemoryKvAccess();
    }
}
