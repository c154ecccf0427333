package dev.landfall.sandbox.internal;

import dev.landfall.core.model.Key;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One KV namespace: keys in unsigned UTF-8 byte order ({@link Key#compareTo}), thread-safe.
 *
 * <p>Expired keys stay stored but are invisible to every read. A key-list page scans at most
 * {@code limit} stored keys and returns the live ones, so a page may be short, or empty, while a
 * cursor still follows: Cloudflare documents exactly that, and it catches clients that stop on a
 * short page.
 */
public final class KvNamespaceState {
    /** One page of a key list; {@code next} is empty at the end. */
    public record Page(List<KvItem> items, Optional<Key> next) {}

    private final String id;
    private volatile String title;
    private final ConcurrentSkipListMap<Key, KvItem> items = new ConcurrentSkipListMap<>();

    public KvNamespaceState(String id, String title) {
        this.id = Objects.requireNonNull(id, "id");
        this.title = Objects.requireNonNull(title, "title");
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    void rename(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /** The live item for a key. */
    public Optional<KvItem> get(Key key, long nowSeconds) {
        KvItem item = items.get(key);
        return item == null || item.expiredAt(nowSeconds) ? Optional.empty() : Optional.of(item);
    }

    public void put(KvItem item) {
        items.put(item.key(), item);
    }

    /** Deletes a key; deleting an absent key is not an error. */
    public void delete(Key key) {
        items.remove(key);
    }

    /** The stored keys (expired ones too), in key order. */
    public List<Key> keys() {
        return new ArrayList<>(items.keySet());
    }

    /** Stored keys, including expired ones not yet read. */
    public int storedCount() {
        return items.size();
    }

    /** Live keys at {@code nowSeconds}; walks the whole map. */
    public long liveCount(long nowSeconds) {
        return items.values().stream().filter(i -> !i.expiredAt(nowSeconds)).count();
    }

    /**
     * A page of the key list.
     *
     * @param prefix only keys starting with these bytes (empty for all)
     * @param after continue after this key (exclusive), or null from the start
     * @param limit how many stored keys to scan
     */
    public Page list(byte[] prefix, Key after, int limit, long nowSeconds) {
        NavigableMap<Key, KvItem> tail;
        if (after != null && Arrays.compareUnsigned(after.bytes(), prefix) >= 0) {
            tail = items.tailMap(after, false);
        } else {
            tail = prefix.length == 0 ? items : items.tailMap(Key.ofBytes(prefix), true);
        }
        List<KvItem> out = new ArrayList<>(Math.min(limit, 1024));
        Iterator<Map.Entry<Key, KvItem>> it = tail.entrySet().iterator();
        Key last = null;
        int scanned = 0;
        while (it.hasNext() && scanned < limit) {
            KvItem item = it.next().getValue();
            if (!startsWith(item.key().bytes(), prefix)) {
                // The tail starts at or after the prefix: the first key without it is past them all.
                break;
            }
            scanned++;
            last = item.key();
            if (!item.expiredAt(nowSeconds)) {
                out.add(item);
            }
        }
        boolean more = scanned == limit
                && it.hasNext()
                && startsWith(it.next().getKey().bytes(), prefix);
        return new Page(out, more ? Optional.of(last) : Optional.empty());
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
