package dev.landfall.sandbox.internal;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import java.util.Objects;

/**
 * Durable Object writes as a class wrapped by {@code withLandfallExport} makes them when its Worker
 * binds the change log ({@code do-capture.mjs}): one change names the object ({@code do:CLASS},
 * the object's id, {@code object}), and Landfall re-reads the object whole. Here the change is
 * recorded with the write under the shard's lock, which gives what the outbox gives in workerd:
 * no write without its change.
 *
 * @param log the change log
 * @param store the objects' store
 */
public record CapturedObjects(ChangeLog log, DurableObjectStore store) {
    public CapturedObjects {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(store, "store");
    }

    /** The binding a change of an object of this class carries. */
    public static String binding(DurableObjectStore.Namespace ns) {
        return "do:" + ns.className();
    }

    /**
     * Records and makes a put of a typed-JSON value.
     *
     * @return whether the change was recorded (false when its shard overflowed; the put is made)
     */
    public boolean put(DurableObjectStore.Namespace ns, String objectId, Entry entry) {
        return log.record(binding(ns), objectId, ChangeShard.Op.OBJECT, null, () -> store.put(ns, objectId, entry));
    }

    /** Records and makes a delete. */
    public boolean delete(DurableObjectStore.Namespace ns, String objectId, Key key) {
        return log.record(binding(ns), objectId, ChangeShard.Op.OBJECT, null, () -> store.delete(ns, objectId, key));
    }
}
