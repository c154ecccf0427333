package dev.landfall.core.model;

import java.util.List;
import java.util.Map;

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

    /**
     * The fields a JSON document (a bundle manifest, {@code plan --json}) names the scope by, in
     * order: {@code kind} ({@code kv} or {@code do}), {@code namespaceId}, then {@code title} or
     * {@code objectId}.
     */
    List<Map.Entry<String, String>> fields();
}
