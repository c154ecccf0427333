package dev.landfall.sandbox.internal;

import dev.landfall.core.model.Key;
import java.util.Objects;

/**
 * KV writes as a captured Worker makes them ({@code capture.mjs}): the change is recorded in the
 * log, then the write is made; the binding is the namespace's title. The REST routes write the
 * store directly and are never captured, as on Cloudflare.
 */
public final class CapturedKv {
    private final ChangeLog log;

    public CapturedKv(ChangeLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Records and makes a put; the caller has checked the item against KV's limits.
     *
     * @return whether the change was recorded (false when its shard overflowed; the put is made)
     */
    public boolean put(KvNamespaceState ns, KvItem item) {
        return log.record(ns.title(), item.key().text(), ChangeShard.Op.PUT, item.expiration(), () -> ns.put(item));
    }

    /**
     * Records and makes a delete.
     *
     * @return whether the change was recorded (false when its shard overflowed; the delete is made)
     */
    public boolean delete(KvNamespaceState ns, Key key) {
        return log.record(ns.title(), key.text(), ChangeShard.Op.DELETE, null, () -> ns.delete(key));
    }

    /** The log the writes go to. */
    public ChangeLog log() {
        return log;
    }
}
