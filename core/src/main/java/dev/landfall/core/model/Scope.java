package dev.landfall.core.model;

/**
 * Where entries live: a Workers KV namespace, or one Durable Object's storage. Scopes have a
 * stable string {@link #id()} used in bundle manifests, journals and store tables.
 */
public sealed interface Scope permits KvNamespace, DurableObject {
    /** A stable identifier, unique among scopes of one account. */
    String id();

    /**
     * A short description for messages, such as {@code kv namespace SESSIONS (0f2a…)}. Titles and
     * ids in it are {@link dev.landfall.core.text.VisibleText}: safe to print, not to parse.
     */
    String describe();
}
