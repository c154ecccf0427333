package dev.landfall.core.spi;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * An optional ability of a {@link Source}: a whole scope read through once to check it, on several
 * threads at once, each taking its own share of the scope (a bundle's part files). The source
 * checks its own integrity (checksums, digests, key order) and hands every entry to the caller's
 * check as well. Callers check for it with {@code instanceof}.
 */
public interface CheckableInParallel {
    /**
     * Reads every entry of the scope and checks it. When several shares are damaged, the failure
     * reported is the one a single reader from the top would have met first.
     *
     * @param threads at most this many threads, at least 1
     * @param check called for every entry, from any of the threads and possibly from several at
     *     once; it fails by throwing, which stops the read
     */
    void checkScope(Scope scope, int threads, Consumer<Entry> check) throws IOException;

    /**
     * Whether the source already refuses, as damage, a KV entry over a Workers KV limit ({@link
     * dev.landfall.core.model.KvLimits}), so that a caller need not check each entry again.
     */
    default boolean refusesEntriesOverKvLimits() {
        return false;
    }
}
