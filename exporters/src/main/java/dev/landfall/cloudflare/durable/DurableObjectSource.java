package dev.landfall.cloudflare.durable;

import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.DurableObjectNamespaceInfo;
import dev.landfall.cloudflare.api.ObjectPage;
import dev.landfall.cloudflare.api.WorkersClient;
import dev.landfall.cloudflare.worker.EntryPage;
import dev.landfall.cloudflare.worker.ExportWorkerClient;
import dev.landfall.cloudflare.worker.WorkerInfo;
import dev.landfall.core.cursor.AbstractCursor;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.ConcurrentScopes;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The Durable Objects of chosen namespaces as a {@link Source}: namespaces and object ids come
 * from the REST API (object ids by cursor), storage and SQL tables from the export Worker
 * (docs/export-worker-protocol.md). Each object is its own scope ({@link DurableObject}); a
 * SQLite-backed object's tables are a second scope right after it ({@link SqlScopes}).
 *
 * <p>Reads run ahead with bounded concurrency: while one object is copied, the first pages of the
 * next {@code concurrency} objects are already being read, so many small objects do not wait on
 * one round trip each. Values the Worker cannot encode are skipped and listed by {@link
 * #unencodable()}.
 */
public final class DurableObjectSource implements Source, ConcurrentScopes {
    private static final int OBJECTS_PER_PAGE = 1000;
    private static final int ENTRIES_PER_PAGE = 1000;
    private static final int ROWS_PER_PAGE = 1000;
    private static final int OBJECTS_AT_ONCE = 6;

    /** A selected namespace and the Worker binding that reaches its objects. */
    private record Target(DurableObjectNamespaceInfo namespace, String binding) {}

    private final CloudflareClient api;
    private final WorkersClient workers;
    private final ExportWorkerClient worker;
    private final List<String> selectors;
    private final int concurrency;
    private final ExecutorService pool;
    private final Map<Scope, CompletableFuture<EntryPage>> prefetched = new ConcurrentHashMap<>();
    private final List<UnencodableKey> unencodable = Collections.synchronizedList(new ArrayList<>());
    private volatile Consumer<UnencodableKey> onUnencodable = u -> {};
    private Predicate<Scope> skip = s -> false;
    private Map<String, Target> targets;
    private List<DurableObjectNamespaceInfo> allNamespaces;

    /**
     * @param worker the export Worker's client, closed with this source
     * @param selectors namespace ids, names or class names ({@code --do}); at least one
     * @param concurrency objects read ahead at once, 1..64
     */
    public DurableObjectSource(
            CloudflareClient api, ExportWorkerClient worker, List<String> selectors, int concurrency) {
        this.api = Objects.requireNonNull(api, "api");
        this.workers = new WorkersClient(api);
        this.worker = Objects.requireNonNull(worker, "worker");
        this.selectors = List.copyOf(selectors);
        if (this.selectors.isEmpty()) {
            throw new IllegalArgumentException("at least one namespace selector");
        }
        this.concurrency = Math.max(1, concurrency);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(this.concurrency, r -> {
            Thread t = new Thread(r, "landfall-do-read-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Scopes that need no reading ahead (an earlier run finished them). Call before {@link #scopes()}. */
    public DurableObjectSource skipping(Predicate<Scope> done) {
        this.skip = Objects.requireNonNull(done, "done");
        return this;
    }

    /**
     * Tells {@code listener} about each value the Worker cannot encode from now on, on the thread
     * reading the object's entries, as its cursor passes it (before the entry after it).
     */
    public DurableObjectSource onUnencodable(Consumer<UnencodableKey> listener) {
        this.onUnencodable = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Values not exported because the Worker could not encode them, in the order met. */
    public List<UnencodableKey> unencodable() {
        synchronized (unencodable) {
            return List.copyOf(unencodable);
        }
    }

    /**
     * Objects copied at once: {@code concurrency}, at most {@value #OBJECTS_AT_ONCE}. Each reads
     * its own object through the Worker (one Durable Object instance each), so they do not queue
     * behind one another there.
     */
    @Override
    public int scopesAtOnce() {
        return Math.min(concurrency, OBJECTS_AT_ONCE);
    }

    @Override
    public String describe() {
        return "the Durable Objects of " + api.describe() + " through the export Worker at " + worker.describe();
    }

    @Override
    public Cursor<Scope> scopes() throws IOException {
        return new ObjectScopes(new ArrayList<>(resolve().values()));
    }

    @Override
    public Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException {
        if (!(scope instanceof DurableObject d)) {
            throw new IllegalArgumentException("not a Durable Object scope: " + scope.describe());
        }
        Target t = resolve().get(d.namespaceId());
        if (t == null) {
            throw LandfallException.usage(
                    "--do: namespace " + d.namespaceId() + " was not selected", "add --do " + d.namespaceId());
        }
        if (d.holdsSqlTables()) {
            return new SqlCursor(worker, t.binding(), d, after, ROWS_PER_PAGE);
        }
        CompletableFuture<EntryPage> first = prefetched.remove(scope);
        if (first != null && !after.isStart()) {
            first.cancel(true);
            first = null;
        }
        return new StorageCursor(worker, t.binding(), d, after, ENTRIES_PER_PAGE, first, u -> {
            unencodable.add(u);
            onUnencodable.accept(u);
        });
    }

    /** Cancels reads ahead and closes the Worker client (this source owns it). */
    @Override
    public void close() {
        prefetched.values().forEach(f -> f.cancel(true));
        pool.shutdownNow();
        worker.close();
    }

    /**
     * The scope of an object of class {@code className} that a capturing object named in a change,
     * or null when the run does not copy that class's namespace.
     *
     * @throws LandfallException USAGE when the account has no namespace of that class
     */
    public DurableObject objectOf(String className, String objectId) throws IOException {
        for (Target t : resolve().values()) {
            if (t.namespace().className().equals(className)) {
                return new DurableObject(t.namespace().id(), objectId);
            }
        }
        if (everyNamespace().stream().noneMatch(ns -> ns.className().equals(className))) {
            throw LandfallException.usage(
                    "a captured Durable Object of class " + className
                            + " wrote a change, but the account has no Durable Object namespace of that class",
                    "give withLandfallExport the class's name as deployed: withLandfallExport(Class, {className:"
                            + " \"NAME\"}) (docs/live-migration.md)");
        }
        return null;
    }

    /** The scopes that hold {@code object}: its storage, and its SQL tables when SQLite-backed. */
    public List<Scope> scopesOf(DurableObject object) throws IOException {
        Target t = resolve().get(object.namespaceId());
        if (t != null && t.namespace().sqliteBacked()) {
            return List.of(object, SqlScopes.of(object));
        }
        return List.of(object);
    }

    /** The scripts that define the selected namespaces' classes: where their writes are made. */
    public List<String> definingScripts() throws IOException {
        return resolve().values().stream()
                .map(t -> t.namespace().script())
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }

    private synchronized List<DurableObjectNamespaceInfo> everyNamespace() throws IOException {
        if (allNamespaces == null) {
            allNamespaces = workers.listDurableObjectNamespaces();
        }
        return allNamespaces;
    }

    /** Selected namespaces by id, in the account's order, each with its Worker binding. */
    private synchronized Map<String, Target> resolve() throws IOException {
        if (targets != null) {
            return targets;
        }
        List<DurableObjectNamespaceInfo> all = everyNamespace();
        List<DurableObjectNamespaceInfo> chosen = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (String s : selectors) {
            List<DurableObjectNamespaceInfo> hits =
                    all.stream().filter(ns -> ns.matches(s)).toList();
            if (hits.isEmpty()) {
                unmatched.add(s);
            }
            hits.stream().filter(h -> !chosen.contains(h)).forEach(chosen::add);
        }
        if (!unmatched.isEmpty()) {
            List<String> held = all.stream()
                    .limit(12)
                    .map(ns -> ns.className() + " (" + ns.id() + ")")
                    .toList();
            throw LandfallException.usage(
                    "--do " + String.join(", --do ", unmatched) + ": no such Durable Object namespace in "
                            + api.describe(),
                    held.isEmpty()
                            ? "the account has no Durable Object namespaces"
                            : "name a namespace by id, name or class: " + String.join(", ", held));
        }
        WorkerInfo info = worker.info();
        Map<String, Target> out = new LinkedHashMap<>();
        for (DurableObjectNamespaceInfo ns : all) {
            if (chosen.contains(ns)) {
                out.put(ns.id(), new Target(ns, binding(ns, info, chosen.size())));
            }
        }
        targets = out;
        return targets;
    }

    private String binding(DurableObjectNamespaceInfo ns, WorkerInfo info, int selected) {
        List<WorkerInfo.DoBinding> bindings = info.durableObjects();
        for (WorkerInfo.DoBinding b : bindings) {
            if (b.className().map(ns.className()::equals).orElse(false)) {
                return b.binding();
            }
        }
        for (WorkerInfo.DoBinding b : bindings) {
            if (b.className().isEmpty()
                    && (b.binding().equals(ns.className()) || b.binding().equals(ns.name()))) {
                return b.binding();
            }
        }
        if (bindings.size() == 1 && selected == 1 && bindings.get(0).className().isEmpty()) {
            return bindings.get(0).binding();
        }
        throw LandfallException.rejected(
                "the export Worker at " + worker.describe() + " has no binding for Durable Object namespace "
                        + ns.id() + " (class " + ns.className() + "); it binds "
                        + bindings.stream().map(WorkerInfo.DoBinding::binding).toList(),
                "bind class " + ns.className() + " in the export Worker (landfall export-worker scaffold --do-binding"
                        + " B --do-class " + ns.className() + "), deploy it, then rerun");
    }

    /**
     * Object scopes namespace by namespace, object pages by cursor, running {@code concurrency}
     * storage reads ahead of the scope the caller is at.
     */
    private final class ObjectScopes extends AbstractCursor<Scope> {
        private final Deque<Target> namespaces;
        private final Deque<Scope> ahead = new ArrayDeque<>();
        private final java.util.Set<Scope> requested = new java.util.HashSet<>();
        private Target namespace;
        private String objectCursor = "";
        private boolean namespaceEnded = true;
        /** Scopes delivered lately, oldest first: their callers may not have asked for their entries yet. */
        private final Deque<Scope> delivered = new ArrayDeque<>();

        ObjectScopes(List<Target> targets) {
            super(Checkpoint.START);
            this.namespaces = new ArrayDeque<>(targets);
        }

        @Override
        public boolean next() throws IOException {
            // Scopes copied at once take their entries some time after delivery; a read still unused
            // this many deliveries later belongs to a scope the caller skipped: drop it.
            while (delivered.size() > 2 * concurrency) {
                Scope old = delivered.pollFirst();
                requested.remove(old);
                CompletableFuture<EntryPage> unused = prefetched.remove(old);
                if (unused != null) {
                    unused.cancel(true);
                }
            }
            if (isClosed()) {
                return end();
            }
            fill();
            Scope current = ahead.pollFirst();
            fill();
            if (current == null) {
                return end();
            }
            delivered.addLast(current);
            readAhead(current);
            int n = 0;
            for (Scope s : ahead) {
                if (n++ >= concurrency) {
                    break;
                }
                readAhead(s);
            }
            // Each scope's id is unique in the account (a SQL companion's too), so the point just
            // after it names it.
            return deliver(current, Checkpoint.after(Key.of(current.id())));
        }

        /** Keeps at least {@code concurrency} scopes listed ahead of the current one. */
        private void fill() throws IOException {
            while (ahead.size() < concurrency) {
                if (namespaceEnded) {
                    namespace = namespaces.pollFirst();
                    if (namespace == null) {
                        return;
                    }
                    objectCursor = "";
                    namespaceEnded = false;
                }
                ObjectPage page = workers.listObjects(namespace.namespace().id(), objectCursor, OBJECTS_PER_PAGE);
                for (String id : page.ids()) {
                    DurableObject object =
                            new DurableObject(namespace.namespace().id(), id);
                    ahead.addLast(object);
                    if (namespace.namespace().sqliteBacked()) {
                        ahead.addLast(SqlScopes.of(object));
                    }
                }
                objectCursor = page.cursor();
                namespaceEnded = page.cursor().isEmpty() || page.ids().isEmpty();
            }
        }

        /** Requests the first page of a storage scope, once, unless an earlier run finished it. */
        private void readAhead(Scope scope) throws IOException {
            if (!(scope instanceof DurableObject object)
                    || object.holdsSqlTables()
                    || skip.test(scope)
                    || !requested.add(scope)) {
                return;
            }
            String binding = resolve().get(object.namespaceId()).binding();
            prefetched.put(
                    object,
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return worker.entries(
                                            binding, object.objectId(), Optional.empty(), ENTRIES_PER_PAGE);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            },
                            pool));
        }
    }
}
