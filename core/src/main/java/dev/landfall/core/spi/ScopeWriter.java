package dev.landfall.core.spi;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import java.io.Closeable;
import java.io.IOException;

/**
 * Writes the entries of one scope into a sink. Lifecycle: {@code put}/{@code delete} any number
 * of times, {@link #flush()} to make them durable, {@link #close()} to release resources. Close
 * does not flush: what was not flushed may be lost, which is why callers record a checkpoint only
 * after flush returns.
 */
public interface ScopeWriter extends Closeable {
    /** Adds or replaces an entry; may buffer until {@link #flush()}. */
    void put(Entry entry) throws IOException;

    /**
     * Deletes a key. Only {@link WriteMode#MIRROR} writers accept it.
     *
     * @throws IllegalStateException in any other mode
     */
    void delete(Key key) throws IOException;

    /** Makes every put and delete so far durable: all of them or none. Idempotent. */
    void flush() throws IOException;
}
