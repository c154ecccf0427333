package dev.landfall.core.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.landfall.core.spi.Source;
import java.io.IOException;

/** The source contract for {@link MemoryStore}, the double that engine tests run against. */
class MemoryStoreSourceContractTest extends AbstractSourceContractTest {
    @Override
    protected Source openSource() throws IOException {
        return filled(new MemoryStore());
    }

    /** Nothing in memory can break the way a file or a server can. */
    @Override
    protected Broken broken() {
        assumeTrue(false, "a memory store has no failure to map");
        throw new AssertionError("unreachable");
    }
}
