package dev.landfall.core.spi;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link KvAccess} in memory: the reference semantics for the contract tests, and a store for
 * tests of {@code landfall serve} that are about HTTP, not about a database. {@link #failing} makes
 * every call throw, as a store outage does.
 */
public final class MemoryKvAccess implements KvAccess {
    private final Map<KvNamespace, NavigableMap<Key, Entry>> namespaces = new ConcurrentHashMap<>();
    private final AtomicBoolean failing = new AtomicBoolean();

    /** While true, every call fails with an IOException, as an unreachable store does. */
    public MemoryKvAccess failing(boolean fail) {
        failing.set(fail);
        return this;
    }

    /** Adds an empty namespace. */
    public MemoryKvAccess with(KvNamespace namespace) {
        namespaces.computeIfAbsent(namespace, n -> new ConcurrentSkipListMap<>());
        return this;
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public List<KvNamespace> namespaces() throws IOException {
        check();
        return namespaces.keySet().stream()
                .sorted((a, b) -> a.namespaceId().compareTo(b.namespaceId()))
                .toList();
    }

    @Override
    public Optional<Entry> get(KvNamespace namespace, Key key, long nowEpochSecond) throws IOException {
        check();
        NavigableMap<Key, Entry> entries = namespaces.get(namespace);
        Entry entry = entries == null ? null : entries.get(key);
        return entry == null || entry.expiredAt(nowEpochSecond) ? Optional.empty() : Optional.of(entry);
    }

    @Override
    public void put(Entry entry) throws IOException {
        check();
        namespaces
                .computeIfAbsent((KvNamespace) entry.scope(), n -> new ConcurrentSkipListMap<>())
                .put(entry.key(), entry);
    }

    @Override
    public void delete(KvNamespace namespace, Key key) throws IOException {
        check();
        NavigableMap<Key, Entry> entries = namespaces.get(namespace);
        if (entries != null) {
            entries.remove(key);
        }
    }

    @Override
    public KeyPage list(KvNamespace namespace, String prefix, Key after, int limit, long nowEpochSecond)
            throws IOException {
        check();
        NavigableMap<Key, Entry> entries = namespaces.getOrDefault(namespace, new ConcurrentSkipListMap<>());
        Key start = Key.of(prefix);
        NavigableMap<Key, Entry> tail = after != null && after.compareTo(start) >= 0
                ? entries.tailMap(after, false)
                : entries.tailMap(start, true);
        List<KeyInfo> keys = new ArrayList<>();
        for (Entry entry : tail.values()) {
            if (!entry.key().text().startsWith(prefix)) {
                break;
            }
            if (entry.expiredAt(nowEpochSecond)) {
                continue;
            }
            if (keys.size() == limit) {
                return new KeyPage(keys, false);
            }
            keys.add(new KeyInfo(entry.key(), entry.metadataJson(), entry.expiration()));
        }
        return new KeyPage(keys, true);
    }

    @Override
    public void close() {}

    private void check() throws IOException {
        if (failing.get()) {
            throw new IOException("memory store: unreachable (failing on purpose)");
        }
    }
}
