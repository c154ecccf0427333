package dev.landfall.serve;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.InProcessReads;
import dev.landfall.core.spi.KvAccess;
import dev.landfall.core.spi.MemoryKvAccess;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link MemoryKvAccess} whose gets take as long as {@link #readsTake} says on a fake clock and
 * record whether they ran on Jetty's selector or on a pool thread; {@link
 * InProcess} also says it reads in this process, as SQLite does.
 */
class WatchedStore implements KvAccess {
    /** A watched store that reads in this process. */
    static final class InProcess extends WatchedStore implements InProcessReads {
        InProcess(MemoryKvAccess store, FakeClock clock) {
            super(store, clock);
        }
    }

    private final MemoryKvAccess store;
    private final FakeClock clock;
    private final List<Boolean> readOnSelector = new CopyOnWriteArrayList<>();
    private volatile Duration readsTake = Duration.ZERO;

    WatchedStore(MemoryKvAccess store, FakeClock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** From now on each get advances the clock by {@code d}, as a read that long would. */
    WatchedStore readsTake(Duration d) {
        readsTake = d;
        return this;
    }

    /** For each get so far, in order: whether it ran on the selector thread. */
    List<Boolean> readOnSelector() {
        return List.copyOf(readOnSelector);
    }

    /**
     * Whether the calling thread is Jetty's selector, running a task it produced itself (a request
     * read there), rather than a pool thread running one it was handed.
     */
    static boolean onSelector() {
        for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
            if (frame.getClassName().equals("org.eclipse.jetty.util.thread.strategy.AdaptiveExecutionStrategy")
                    && frame.getMethodName().equals("produce")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public List<KvNamespace> namespaces() throws IOException {
        return store.namespaces();
    }

    @Override
    public Optional<Entry> get(KvNamespace namespace, Key key, long nowEpochSecond) throws IOException {
        readOnSelector.add(onSelector());
        clock.advance(readsTake);
        return store.get(namespace, key, nowEpochSecond);
    }

    @Override
    public void put(Entry entry) throws IOException {
        store.put(entry);
    }

    @Override
    public void delete(KvNamespace namespace, Key key) throws IOException {
        store.delete(namespace, key);
    }

    @Override
    public KeyPage list(KvNamespace namespace, String prefix, Key after, int limit, long nowEpochSecond)
            throws IOException {
        return store.list(namespace, prefix, after, limit, nowEpochSecond);
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
