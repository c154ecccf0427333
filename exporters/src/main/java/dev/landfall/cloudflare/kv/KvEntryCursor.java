package dev.landfall.cloudflare.kv;

import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.KeyPage;
import dev.landfall.cloudflare.api.ListedKey;
import dev.landfall.core.cursor.AbstractCursor;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.Checkpoint;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The entries of one namespace in key order, read ahead by a bounded pipeline: a list thread pages
 * through the keys (each page's list call needs the previous page's cursor) and hands each batch
 * of ≤ 100 keys to a pool of {@code concurrency} value readers; the consumer takes the batches in
 * order. A {@link ReadAhead} bounds the batches outstanding ({@value #READ_AHEAD_PAGES} pages' worth,
 * or 4 per reader if that is more) and the bytes read but not yet consumed ({@value
 * #READ_AHEAD_BYTES} bytes), whatever the namespace's size. The list thread runs as far ahead as
 * that allows, so neither a slow consumer nor a slow batch stops the requests.
 *
 * <p>{@link #next()} runs on the caller's thread; {@link #close()} may be called from any thread,
 * cancels the requests in flight and makes a blocked {@code next()} throw {@link
 * InterruptedIOException} at once.
 */
final class KvEntryCursor extends AbstractCursor<Entry> {
    /** A batch of read values, the cursor of the page its keys were listed from, and its size. */
    private record Batch(List<ValueFetcher.Item> items, String listCursor, long bytes) {}

    // visible for testing
    static final int READ_AHEAD_PAGES = 16;
    // visible for testing
    static final long READ_AHEAD_BYTES = 32L * 1024 * 1024;

    private static final Future<Batch> END = new FutureTask<>(() -> null);
    private static final int BATCH = CloudflareClient.MAX_BULK_KEYS;

    private final CloudflareClient client;
    private final KvNamespace scope;
    private final String prefix;
    private final int listLimit;
    private final Clock clock;
    private final ScopeCounters counters;
    private final ValueFetcher fetcher;
    private final KvListPosition start;
    private final ReadAhead readAhead;
    private final BlockingQueue<Future<Batch>> queue;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final ExecutorService readers;
    private final Thread lister;

    private volatile Future<Batch> awaiting;
    private Batch batch;
    private int index;
    private boolean done;
    private RuntimeException failure;
    private IOException ioFailure;

    KvEntryCursor(
            CloudflareClient client,
            KvNamespace scope,
            String prefix,
            int listLimit,
            int concurrency,
            ScopeCounters counters,
            Checkpoint after) {
        super(after);
        this.client = client;
        this.scope = scope;
        this.prefix = prefix;
        this.listLimit = listLimit;
        this.clock = client.options().clock();
        this.counters = counters;
        this.fetcher = new ValueFetcher(client, scope, counters);
        this.start = KvListPosition.from(after);
        int maxBatches = Math.max(4 * concurrency, READ_AHEAD_PAGES * ((listLimit + BATCH - 1) / BATCH));
        this.readAhead = new ReadAhead(maxBatches, READ_AHEAD_BYTES);
        // Room for every outstanding batch plus the end (or failure) marker: put never blocks long.
        this.queue = new ArrayBlockingQueue<>(maxBatches + 1);
        AtomicInteger n = new AtomicInteger();
        this.readers =
                Executors.newFixedThreadPool(concurrency, r -> thread(r, "landfall-kv-read-" + n.incrementAndGet()));
        this.lister = thread(this::list, "landfall-kv-list");
        lister.start();
    }

    private Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name + " " + scope.namespaceId());
        t.setDaemon(true);
        threads.add(t);
        return t;
    }

    // --- the list thread

    private void list() {
        String cursor = start.listCursor();
        Key skipThrough = start.lastKey();
        Key previous = null;
        try {
            while (!isClosed()) {
                counters.listCalls.increment();
                KeyPage page = client.listKeys(scope.namespaceId(), prefix, cursor, listLimit);
                long now = clock.instant().getEpochSecond();
                List<ListedKey> wanted = new ArrayList<>(page.keys().size());
                for (ListedKey k : page.keys()) {
                    if (previous != null && k.key().compareTo(previous) <= 0) {
                        throw outOfOrder(previous, k.key());
                    }
                    previous = k.key();
                    if (skipThrough != null && k.key().compareTo(skipThrough) <= 0) {
                        continue;
                    }
                    counters.listed.increment();
                    if (k.expiredAt(now)) {
                        counters.expired.increment();
                    } else {
                        wanted.add(k);
                    }
                }
                String pageCursor = cursor;
                for (int i = 0; i < wanted.size(); i += BATCH) {
                    List<ListedKey> keys = List.copyOf(wanted.subList(i, Math.min(wanted.size(), i + BATCH)));
                    readAhead.acquire();
                    queue.put(readers.submit(() -> read(keys, pageCursor)));
                }
                if (page.last()) {
                    break;
                }
                if (page.cursor().equals(cursor)) {
                    throw LandfallException.failed(
                            "Cloudflare answered the key list of " + scope.describe()
                                    + " with the cursor it was asked for; the list would never end",
                            "retrying will not help; report it with --verbose output");
                }
                cursor = page.cursor();
            }
            queue.put(END);
        } catch (InterruptedException e) {
            // close() interrupted the list thread: nobody waits for more.
        } catch (IOException | RuntimeException | Error e) {
            if (!isClosed()) {
                FutureTask<Batch> failed = new FutureTask<>(() -> {
                    throw e;
                });
                failed.run();
                try {
                    queue.put(failed);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private Batch read(List<ListedKey> keys, String pageCursor) throws IOException {
        List<ValueFetcher.Item> items = fetcher.fetch(keys);
        long bytes = 0;
        for (ValueFetcher.Item item : items) {
            bytes += item.listed().key().size()
                    + (item.vanished() ? 0 : item.entry().value().length);
        }
        readAhead.fetched(bytes);
        return new Batch(items, pageCursor, bytes);
    }

    private LandfallException outOfOrder(Key previous, Key next) {
        // Resuming and merge-joins rely on key order; a list out of order would lose or repeat keys.
        return LandfallException.failed(
                "Cloudflare listed key '" + next + "' after '" + previous + "' in " + scope.describe()
                        + ": not in unsigned UTF-8 byte order",
                "retrying will not help; report it with --verbose output");
    }

    // --- the consumer

    @Override
    public boolean next() throws IOException {
        rethrowFailure();
        while (true) {
            if (isClosed()) {
                throw closedException();
            }
            if (batch != null && index < batch.items().size()) {
                ValueFetcher.Item item = batch.items().get(index++);
                if (item.vanished()) {
                    counters.vanished.increment();
                    continue;
                }
                if (item.entry().expiredAt(clock.instant().getEpochSecond())) {
                    counters.expired.increment();
                    continue;
                }
                Entry e = item.entry();
                counters.emitted.increment();
                return deliver(e, new KvListPosition(e.key(), batch.listCursor(), prefix).toCheckpoint());
            }
            if (done) {
                readers.shutdown();
                return end();
            }
            if (batch != null) {
                // Done with this batch: the list thread may hand out another.
                readAhead.consumed(batch.bytes());
                batch = null;
            }
            batch = take();
            index = 0;
            if (batch == null) {
                done = true;
            }
        }
    }

    private Batch take() throws IOException {
        Future<Batch> f;
        try {
            f = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw closedException();
        }
        if (f == END) {
            return null;
        }
        awaiting = f;
        try {
            if (isClosed()) {
                f.cancel(true);
            }
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw closedException();
        } catch (CancellationException e) {
            throw closedException();
        } catch (ExecutionException e) {
            throw failed(e.getCause());
        } finally {
            awaiting = null;
        }
    }

    /** Remembers why the pipeline failed; returns an IOException to throw, throws anything else. */
    private IOException failed(Throwable cause) {
        if (isClosed()) {
            return closedException();
        }
        if (cause instanceof IOException io) {
            ioFailure = io;
            return io;
        }
        if (cause instanceof RuntimeException re) {
            failure = re;
            throw re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        failure = LandfallException.internal("reading " + scope.describe() + " failed unexpectedly", cause);
        throw failure;
    }

    private void rethrowFailure() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (ioFailure != null) {
            throw ioFailure;
        }
    }

    private InterruptedIOException closedException() {
        return new InterruptedIOException("reading " + scope.describe() + " stopped: the source was closed");
    }

    /** Cancels the list thread, the value readers and their requests; idempotent, any thread. */
    @Override
    public void close() {
        if (!closeOnce()) {
            return;
        }
        lister.interrupt();
        readers.shutdownNow();
        Future<Batch> f = awaiting;
        if (f != null) {
            f.cancel(true);
        }
        for (Future<Batch> q : queue) {
            q.cancel(true);
        }
        client.cancelRequestsOn(threads);
        queue.clear();
        queue.offer(END);
    }
}
