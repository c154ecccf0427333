package dev.landfall.core.spi;

import java.io.IOException;

/**
 * An optional ability of a {@link Sink}: makes everything flushed so far visible to readers as
 * one whole, now, rather than when the sink is closed. Callers check for it with {@code
 * instanceof}; a sink without it commits on close.
 */
public interface Committable {
    /** Commits all flushed writes; closes any open scope writers first. Idempotent. */
    void commit() throws IOException;
}
