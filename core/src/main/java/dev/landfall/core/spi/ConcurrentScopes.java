package dev.landfall.core.spi;

/**
 * An optional ability of a {@link Source}: the entries of different scopes may be read on several
 * threads at once, so a copy may work on that many scopes together (many small Durable Objects
 * then overlap their round trips and fsyncs). Callers check for it with {@code instanceof}.
 */
public interface ConcurrentScopes {
    /** How many scopes may be read at once; 1 means one after another. */
    int scopesAtOnce();
}
