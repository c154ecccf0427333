package dev.landfall.core.store;

import dev.landfall.core.cursor.AbstractCursor;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.WriteMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link Store} in memory, for tests: entries in sorted maps, in unsigned UTF-8 key order.
 * Writers buffer their puts and deletes; {@link ScopeWriter#flush()} applies them all at once, so
 * readers see none of them before the flush and all after. {@link WriteMode#UPSERT} and {@link
 * WriteMode#MIRROR} replace existing keys, {@link WriteMode#CREATE_ONLY} keeps them, and only
 * MIRROR writers delete. Writers accept keys in any order.
 *
 * <p>{@link #reopen()} gives a new store over the same flushed data, as a restarted process would
 * see it (unflushed puts of the old store's writers are gone).
 */
public final class MemoryStore implements Store {
    private static final Comparator<String> BY_UTF8 = Comparator.comparing(Key::of);

    private final String name;
    private final Data data;
    private volatile boolean closed;

    /** An empty store. */
    public MemoryStore() {
        this("memory");
    }

    /** An empty store with a name for messages. */
    public MemoryStore(String name) {
        this(name, new Data());
    }

    private MemoryStore(String name, Data data) {
        this.name = Objects.requireNonNull(name, "name");
        this.data = data;
    }

    /** A new store over the same flushed data. */
    public MemoryStore reopen() {
        return new MemoryStore(name, data);
    }

    /** Number of entries flushed into a scope (0 when the scope does not exist). */
    public int size(Scope scope) {
        ScopeData sd = data.scopes.get(scope.id());
        return sd == null ? 0 : sd.entries.size();
    }

    @Override
    public String describe() {
        return "memory:" + name;
    }

    @Override
    public Cursor<Scope> scopes() {
        checkOpen();
        List<Scope> scopes = new ArrayList<>();
        data.scopes.values().forEach(sd -> scopes.add(sd.scope));
        return new IteratorCursor<>(scopes.iterator(), s -> Key.of(s.id()), Checkpoint.START);
    }

    @Override
    public Cursor<Entry> entries(Scope scope, Checkpoint after) {
        checkOpen();
        Objects.requireNonNull(after, "after");
        ScopeData sd = data.scopes.get(scope.id());
        if (sd == null) {
            return new IteratorCursor<>(Collections.emptyIterator(), Entry::key, after);
        }
        NavigableMap<Key, Entry> snapshot = sd.entries; // replaced, never changed, by flush
        NavigableMap<Key, Entry> view = after.lastKey() == null ? snapshot : snapshot.tailMap(after.lastKey(), false);
        return new IteratorCursor<>(view.values().iterator(), Entry::key, after);
    }

    @Override
    public ScopeWriter open(Scope scope, WriteMode mode) {
        checkOpen();
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(mode, "mode");
        data.scopes.computeIfAbsent(scope.id(), id -> new ScopeData(scope));
        return new Writer(scope, mode);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(describe() + " is closed");
        }
    }

    private static final class Data {
        final ConcurrentSkipListMap<String, ScopeData> scopes = new ConcurrentSkipListMap<>(BY_UTF8);
    }

    private static final class ScopeData {
        final Scope scope;
        volatile NavigableMap<Key, Entry> entries = Collections.unmodifiableNavigableMap(new TreeMap<>());

        ScopeData(Scope scope) {
            this.scope = scope;
        }
    }

    private final class Writer implements ScopeWriter {
        private final Scope scope;
        private final WriteMode mode;
        private final List<Object> buffer = new ArrayList<>(); // Entry to put, Key to delete
        private boolean writerClosed;

        Writer(Scope scope, WriteMode mode) {
            this.scope = scope;
            this.mode = mode;
        }

        @Override
        public void put(Entry entry) {
            check();
            Objects.requireNonNull(entry, "entry");
            if (!entry.scope().id().equals(scope.id())) {
                throw new IllegalArgumentException("entry of " + entry.scope().id() + " put into " + scope.id());
            }
            buffer.add(entry);
        }

        @Override
        public void delete(Key key) {
            check();
            Objects.requireNonNull(key, "key");
            if (mode != WriteMode.MIRROR) {
                throw new IllegalStateException("delete needs WriteMode.MIRROR; this writer is " + mode);
            }
            buffer.add(key);
        }

        @Override
        public void flush() {
            check();
            if (buffer.isEmpty()) {
                return;
            }
            synchronized (data) {
                ScopeData sd = data.scopes.computeIfAbsent(scope.id(), id -> new ScopeData(scope));
                TreeMap<Key, Entry> next = new TreeMap<>(sd.entries);
                for (Object op : buffer) {
                    if (op instanceof Entry e) {
                        if (mode == WriteMode.CREATE_ONLY) {
                            next.putIfAbsent(e.key(), e);
                        } else {
                            next.put(e.key(), e);
                        }
                    } else {
                        next.remove((Key) op);
                    }
                }
                sd.entries = Collections.unmodifiableNavigableMap(next);
            }
            buffer.clear();
        }

        @Override
        public void close() {
            writerClosed = true;
            buffer.clear();
        }

        private void check() {
            if (writerClosed) {
                throw new IllegalStateException("the writer of " + scope.id() + " is closed");
            }
            checkOpen();
        }
    }

    private static final class IteratorCursor<T> extends AbstractCursor<T> {
        private final Iterator<T> it;
        private final java.util.function.Function<T, Key> keyOf;

        IteratorCursor(Iterator<T> it, java.util.function.Function<T, Key> keyOf, Checkpoint start) {
            super(start);
            this.it = it;
            this.keyOf = keyOf;
        }

        @Override
        public boolean next() {
            if (isClosed() || !it.hasNext()) {
                return end();
            }
            T t = it.next();
            return deliver(t, Checkpoint.after(keyOf.apply(t)));
        }
    }
}
