package dev.landfall.core.spi;

/** How a {@link ScopeWriter} treats keys that already exist, and keys the source lacks. */
public enum WriteMode {
    /** Insert new keys, replace existing ones; never delete. The default. */
    UPSERT,
    /** As UPSERT, and the caller also deletes keys the source lacks. */
    MIRROR,
    /** Insert new keys, leave existing ones untouched. */
    CREATE_ONLY
}
