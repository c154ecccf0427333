package dev.landfall.core.spi;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import java.io.Closeable;
import java.io.IOException;

/**
 * Anything that holds entries and can read them in key order: the Cloudflare API, a bundle, a
 * store. Export, import, plan, migrate and verify are compositions of sources and sinks.
 *
 * <p>Used from one thread; {@link #close()} is idempotent.
 */
public interface Source extends Closeable {
    /** A description for messages, with any secret masked. */
    String describe();

    /** The scopes this source holds, in a stable order. */
    Cursor<Scope> scopes() throws IOException;

    /**
     * The entries of one scope in unsigned UTF-8 byte order of their keys, starting just after the
     * checkpoint ({@link Checkpoint#START} for all of them). The checkpoint must have been made by
     * this kind of source.
     */
    Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException;
}
