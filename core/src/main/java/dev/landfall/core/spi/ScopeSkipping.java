package dev.landfall.core.spi;

import dev.landfall.core.model.Scope;
import java.util.function.Predicate;

/**
 * An optional ability of sources that read scopes ahead (Durable Objects, several at once): told
 * which scopes an earlier run finished, they do not spend requests reading those ahead.
 */
public interface ScopeSkipping {
    /** Scopes for which {@code finished} is true are not read ahead. Call before reading. */
    void skipFinished(Predicate<Scope> finished);
}
