package dev.landfall.core.spi;

/**
 * An optional ability: the source already applied {@link SourceOptions#kv()} and {@link
 * SourceOptions#durableObjects()} when it was opened (an account reads only the named namespaces; a
 * wrangler file's {@code --kv} names its one namespace), so callers select nothing further.
 */
public interface ScopeSelecting {}
