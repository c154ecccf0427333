package dev.landfall.core.store;

import dev.landfall.core.spi.StoreProvider;
import java.util.Objects;

/**
 * The part of a {@link StoreProvider} every store shares: its scheme and its line of {@code --help},
 * given once to the constructor. A subclass opens its store, and overrides {@link
 * #openForReading} when {@link #open} creates something.
 */
public abstract class AbstractStoreProvider implements StoreProvider {
    private final String scheme;
    private final String usage;

    /**
     * @param scheme the URI scheme served, such as {@code sqlite}
     * @param usage the URI form and what the store is for, in one line
     */
    protected AbstractStoreProvider(String scheme, String usage) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    @Override
    public final String scheme() {
        return scheme;
    }

    @Override
    public final String usage() {
        return usage;
    }
}
