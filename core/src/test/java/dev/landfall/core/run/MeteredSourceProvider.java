package dev.landfall.core.run;

import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceProvider;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.store.MemoryStoreProvider;

/** {@code metered:NAME}: the memory store NAME read as a remote account would be (test only). */
public final class MeteredSourceProvider implements SourceProvider {
    @Override
    public String scheme() {
        return "metered";
    }

    @Override
    public String usage() {
        return "metered:NAME  a memory store read as a remote account (tests)";
    }

    @Override
    public Source open(StoreUri uri, SourceEnv env) {
        return new MeteredSource(MemoryStoreProvider.named(uri.rest()).reopen());
    }
}
