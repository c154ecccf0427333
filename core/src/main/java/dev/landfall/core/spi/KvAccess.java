package dev.landfall.core.spi;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Single-key reads and writes on a store, from many threads at once: what {@code landfall serve}
 * needs, where import and migrate stream whole scopes through {@link Source} and {@link Sink}.
 *
 * <p>Workers KV semantics at this level: an entry whose expiration is at or before {@code now} is
 * invisible to {@link #get} and {@link #list}, exactly as if it had been deleted. Validation of KV's
 * limits (key and metadata sizes, TTL floor) is the caller's; an implementation stores what it is
 * given. Any failure to reach the store is an {@link IOException}: the caller answers 503 and keeps
 * serving what it has cached.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public interface KvAccess extends Closeable {
    /** A description for messages, with any secret masked. */
    String describe();

    /** The KV namespaces the store holds, in a stable order. */
    List<KvNamespace> namespaces() throws IOException;

    /** The entry for a key, if it exists and has not expired at {@code nowEpochSecond}. */
    Optional<Entry> get(KvNamespace namespace, Key key, long nowEpochSecond) throws IOException;

    /** Adds or replaces one entry, durably when this returns; creates its namespace if needed. */
    void put(Entry entry) throws IOException;

    /** Deletes a key, durably when this returns; deleting a missing key is not an error. */
    void delete(KvNamespace namespace, Key key) throws IOException;

    /**
     * Up to {@code limit} live keys of a namespace that start with {@code prefix}, after {@code
     * after} (exclusive; null for the first page), in unsigned UTF-8 byte order of their keys.
     */
    KeyPage list(KvNamespace namespace, String prefix, Key after, int limit, long nowEpochSecond) throws IOException;

    /**
     * The namespace of an entry given to {@link #put}.
     *
     * @throws IllegalArgumentException for a Durable Object's entry
     */
    static KvNamespace namespaceOf(Entry entry) {
        Objects.requireNonNull(entry, "entry");
        if (entry.scope() instanceof KvNamespace namespace) {
            return namespace;
        }
        throw new IllegalArgumentException(
                "KvAccess holds KV entries only, not " + entry.scope().describe());
    }

    /**
     * Checks the arguments of {@link #list}.
     *
     * @throws IllegalArgumentException for a limit below 1
     */
    static void checkList(KvNamespace namespace, String prefix, int limit) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(prefix, "prefix");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
    }

    /**
     * Returns a just-opened access once {@code check} (credentials, database, tables) has run on it.
     * A store that cannot be reached yet is no error: serve starts during an outage, and the calls
     * made while it lasts fail instead. Any other failure closes the access and is thrown.
     *
     * @throws LandfallException from {@code check}, unless TRANSIENT
     */
    static <A extends KvAccess> A checkedOnOpen(A access, Runnable check) {
        try {
            check.run();
        } catch (LandfallException e) {
            if (e.kind() != ErrorKind.TRANSIENT) {
                try {
                    access.close();
                } catch (IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
        return access;
    }

    /** One key as a list shows it: no value. */
    record KeyInfo(Key key, String metadataJson, Long expiration) {}

    /**
     * One page of a list.
     *
     * @param keys the keys, in order
     * @param complete true when no live key after the last one matches the prefix
     */
    record KeyPage(List<KeyInfo> keys, boolean complete) {}
}
