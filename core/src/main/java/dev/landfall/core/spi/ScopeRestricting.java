package dev.landfall.core.spi;

import dev.landfall.core.model.Scope;
import java.io.IOException;
import java.util.List;

/**
 * An optional ability of sinks that cannot hold every scope (Workers KV holds no Durable Object
 * storage) or that map scopes onto their own (several source namespaces cannot share one target).
 * Told every scope a copy is about to write, before it writes any, such a sink refuses what it
 * cannot take, so a refusal leaves it untouched. Callers check for it with {@code instanceof}.
 */
public interface ScopeRestricting {
    /**
     * Checks the scopes a copy will write, in the order it will write them. Called once, on the
     * copying thread, before the first {@link Sink#open}; may read the sink (to resolve names) but
     * writes nothing.
     *
     * @throws dev.landfall.core.error.LandfallException USAGE naming the first scope the sink
     *     cannot take and how to leave it out, or REJECTED when the sink refuses access
     */
    void checkWritable(List<Scope> scopes) throws IOException;
}
