package dev.landfall.core.diff;

/** What bringing the store in line with the source does to one key. */
public enum ChangeKind {
    /** The source has the key and the store does not (or holds it expired). */
    CREATE,
    /** Both hold the key with different value, metadata or expiration. */
    UPDATE,
    /** Only the store holds the key. */
    DELETE,
    /** Both hold the same entry. */
    UNCHANGED
}
