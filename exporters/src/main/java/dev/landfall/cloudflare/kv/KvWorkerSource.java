package dev.landfall.cloudflare.kv;

import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.KvNamespaceInfo;
import dev.landfall.cloudflare.worker.ExportWorkerClient;
import dev.landfall.cloudflare.worker.KvKeyPage;
import dev.landfall.cloudflare.worker.WorkerKey;
import dev.landfall.cloudflare.worker.WorkerValue;
import dev.landfall.core.codec.JavaScriptJson;
import dev.landfall.core.cursor.AbstractCursor;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.live.Change;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Source;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Workers KV read through the export Worker's KV routes ({@code --via worker}) instead of the REST
 * API, so the export spends none of the account's API budget on keys and values: one REST call
 * lists the namespaces (for their ids and titles), and each namespace is read through the Worker
 * binding named like its title. Keys come in KV's order, 1,000 a page; each page's values are
 * read 100 a call, those calls in parallel. Checkpoints are {@link KvListPosition}s (the page's
 * cursor and the last key), as for {@link KvRestSource}.
 */
public final class KvWorkerSource implements Source {
    private static final int KEYS_PER_PAGE = 1000;
    private static final int VALUES_PER_CALL = 100;

    private final CloudflareClient api;
    private final ExportWorkerClient worker;
    private final List<String> selectors;
    private final ExecutorService pool;
    private Map<KvNamespace, String> bindings;
    private Map<String, KvNamespace> titles;

    /**
     * @param selectors namespace ids or titles ({@code --kv}); empty: every namespace the Worker binds
     * @param concurrency value reads in flight at once
     */
    public KvWorkerSource(CloudflareClient api, ExportWorkerClient worker, List<String> selectors, int concurrency) {
        this.api = Objects.requireNonNull(api, "api");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.selectors = List.copyOf(selectors);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, concurrency), r -> {
            Thread t = new Thread(r, "landfall-kv-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String describe() {
        return "Workers KV of " + api.describe() + " through the export Worker at " + worker.describe();
    }

    /** The namespaces to read, each with its Worker binding, in the account's order. */
    private synchronized Map<KvNamespace, String> resolve() throws IOException {
        if (bindings != null) {
            return bindings;
        }
        List<String> bound = worker.info().kv();
        Map<KvNamespace, String> out = new LinkedHashMap<>();
        List<String> unmatched = new ArrayList<>(selectors);
        for (KvNamespaceInfo ns : api.listKvNamespaces()) {
            boolean chosen = selectors.isEmpty()
                    ? bound.contains(ns.title())
                    : selectors.contains(ns.id()) || selectors.contains(ns.title());
            if (!chosen) {
                continue;
            }
            unmatched.remove(ns.id());
            unmatched.remove(ns.title());
            if (!bound.contains(ns.title())) {
                throw LandfallException.rejected(
                        "the export Worker at " + worker.describe() + " has no KV binding named " + ns.title()
                                + " (namespace " + ns.id() + "); it binds " + bound,
                        "bind the namespace as " + ns.title() + " (landfall export-worker scaffold --kv-binding "
                                + ns.title() + "), deploy, then rerun");
            }
            out.put(ns.toScope(), ns.title());
        }
        if (!unmatched.isEmpty()) {
            throw LandfallException.usage(
                    "--kv " + String.join(", --kv ", unmatched) + ": no such KV namespace in " + api.describe(),
                    "name a namespace by id or title");
        }
        bindings = out;
        return bindings;
    }

    /**
     * The scope of each title among the account's namespaces: the namespace when this source reads
     * it, else null. A capturing Worker records the binding it wrote through, which by the rule of
     * {@code --via worker} is the namespace's title.
     */
    public synchronized Map<String, KvNamespace> scopesByTitle() throws IOException {
        if (titles == null) {
            Map<KvNamespace, String> read = resolve();
            Map<String, KvNamespace> out = new LinkedHashMap<>();
            for (KvNamespaceInfo ns : api.listKvNamespaces()) {
                out.put(ns.title(), read.containsKey(ns.toScope()) ? ns.toScope() : null);
            }
            titles = out;
        }
        return titles;
    }

    /**
     * The current entries of changed keys of one namespace, in order: empty where the key is gone.
     * Read through the Worker 100 a call, each key's value, metadata and expiration as KV holds them
     * now. Not the change's expiration: two writers of one key may record in one order and write in
     * the other, and the store must keep what KV kept.
     */
    public List<Optional<Entry>> current(KvNamespace ns, List<Change> changes) throws IOException {
        String binding = resolve().get(ns);
        if (binding == null) {
            throw new IllegalArgumentException(ns.describe() + " is not read by this source");
        }
        List<Optional<Entry>> out = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i += VALUES_PER_CALL) {
            List<Change> part = changes.subList(i, Math.min(changes.size(), i + VALUES_PER_CALL));
            List<WorkerValue> values = worker.kvCurrent(
                    binding, part.stream().map(c -> c.key().text()).toList());
            for (int j = 0; j < part.size(); j++) {
                WorkerValue v = values.get(j);
                Change c = part.get(j);
                out.add(v.value()
                        .map(bytes -> new Entry(
                                ns,
                                c.key(),
                                bytes,
                                v.metadataJson().map(JavaScriptJson::roundTrip).orElse(null),
                                v.expiration().isPresent() ? v.expiration().getAsLong() : null)));
            }
        }
        return out;
    }

    @Override
    public Cursor<Scope> scopes() throws IOException {
        return new ScopeCursor(List.copyOf(resolve().keySet()));
    }

    /**
     * @throws LandfallException USAGE for a namespace this source does not read (not selected, or
     *     not bound in the Worker), naming it
     */
    @Override
    public Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException {
        Objects.requireNonNull(after, "after");
        if (!(Objects.requireNonNull(scope, "scope") instanceof KvNamespace ns)) {
            throw new IllegalArgumentException("a Workers KV source holds only kv namespaces, not " + scope.describe());
        }
        String binding = resolve().get(ns);
        if (binding == null) {
            throw LandfallException.usage(
                    ns.describe() + " is not one of the namespaces read through the export Worker at "
                            + worker.describe() + " ("
                            + String.join(", ", resolve().values()) + ")",
                    "select it with --kv " + ns.namespaceId() + " and bind it in the export Worker as " + ns.title()
                            + ", or start again without --resume");
        }
        return new Entries(ns, binding, KvListPosition.from(after));
    }

    @Override
    public void close() {
        pool.shutdownNow();
        worker.close();
    }

    /**
     * One namespace: a key page, its values in parallel, then the next page. {@link #close()} from
     * another thread cancels the value reads it waits on, and {@link #next()} then stops.
     */
    private final class Entries extends AbstractCursor<Entry> {
        private final KvNamespace scope;
        private final String binding;
        private KvListPosition position;
        private String pageCursor;
        private Optional<String> nextCursor;
        private boolean ended;
        private Deque<Entry> page = new ArrayDeque<>();
        private volatile List<CompletableFuture<List<WorkerValue>>> inFlight = List.of();

        Entries(KvNamespace scope, String binding, KvListPosition start) {
            super(start.toCheckpoint());
            this.scope = scope;
            this.binding = binding;
            this.position = start;
            this.nextCursor = start.listCursor().isEmpty() ? Optional.empty() : Optional.of(start.listCursor());
        }

        @Override
        public boolean next() throws IOException {
            while (page.isEmpty()) {
                if (ended || isClosed()) {
                    return end();
                }
                readPage();
            }
            if (isClosed()) {
                return end();
            }
            Entry e = page.pollFirst();
            position = new KvListPosition(e.key(), pageCursor, "");
            return deliver(e, position.toCheckpoint());
        }

        private void readPage() throws IOException {
            pageCursor = nextCursor.orElse("");
            KvKeyPage keys = worker.kvKeys(binding, nextCursor, KEYS_PER_PAGE);
            nextCursor = keys.cursor();
            ended = keys.cursor().isEmpty();
            List<WorkerKey> wanted = new ArrayList<>();
            for (WorkerKey k : keys.keys()) {
                if (position.last()
                        .map(last -> Key.of(k.name()).compareTo(last) > 0)
                        .orElse(true)) {
                    wanted.add(k);
                }
            }
            List<CompletableFuture<List<WorkerValue>>> calls = new ArrayList<>();
            for (int i = 0; i < wanted.size(); i += VALUES_PER_CALL) {
                List<String> names = wanted.subList(i, Math.min(wanted.size(), i + VALUES_PER_CALL)).stream()
                        .map(WorkerKey::name)
                        .toList();
                calls.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return worker.kvValues(binding, names);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        pool));
            }
            inFlight = calls;
            if (isClosed()) {
                // close() may have run before inFlight was set: cancel what it could not see.
                onClose();
            }
            Deque<Entry> out = new ArrayDeque<>(wanted.size());
            int i = 0;
            for (CompletableFuture<List<WorkerValue>> call : calls) {
                for (WorkerValue v : join(call)) {
                    WorkerKey k = wanted.get(i++);
                    if (v.value().isEmpty()) {
                        continue; // deleted or expired since it was listed
                    }
                    out.add(new Entry(
                            scope,
                            Key.of(k.name()),
                            v.value().get(),
                            // The Worker sends this form already; a stand-in or older Worker may not.
                            v.metadataJson().map(JavaScriptJson::roundTrip).orElse(null),
                            k.expiration().isPresent() ? k.expiration().getAsLong() : null));
                }
            }
            inFlight = List.of();
            page = out;
        }

        private List<WorkerValue> join(CompletableFuture<List<WorkerValue>> f) throws IOException {
            try {
                return f.get();
            } catch (CancellationException e) {
                throw new InterruptedIOException("reading " + scope.describe() + " stopped: the source was closed");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading values");
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof UncheckedIOException u) {
                    throw u.getCause();
                }
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                throw new IOException(c);
            }
        }

        @Override
        protected void onClose() {
            inFlight.forEach(f -> f.cancel(true));
        }
    }
}
