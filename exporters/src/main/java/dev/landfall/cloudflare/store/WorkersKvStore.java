package dev.landfall.cloudflare.store;

import dev.landfall.cloudflare.api.ClientStats;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.KvNamespaceInfo;
import dev.landfall.cloudflare.kv.KvRestSource;
import dev.landfall.cloudflare.kv.ScopeCursor;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.Closing;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.ApiMetered;
import dev.landfall.core.spi.ApiUsage;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.EmptySource;
import dev.landfall.core.spi.RefusedValue;
import dev.landfall.core.spi.RefusingValues;
import dev.landfall.core.spi.ScopeRestricting;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Workers KV of one account as a {@link Store}: the way back after a switch. Source namespaces
 * are written into the account's namespaces ({@link NamespaceMap}) with the bulk write API, and
 * read back through {@link KvRestSource}, with the entries handed out under the scope asked for,
 * so a source scope and the namespace it went into compare directly. Every request goes through
 * the one client, its budget and its retry policy.
 *
 * <p>A store opened for reading creates nothing: a namespace that does not exist reads as empty.
 * Opened for writing, a missing namespace is created when the URI says {@code create=true}, and
 * is an error naming it otherwise, found by {@link #checkWritable} before anything is written.
 *
 * <p>Used from one thread, as the SPI says; {@link #close()} closes the client.
 */
public final class WorkersKvStore implements Store, ScopeRestricting, RefusingValues, ApiMetered {
    private final CloudflareClient client;
    private final KvStoreTarget target;
    private final NamespaceMap map;
    private final KvRestSource reader;
    private final boolean writable;
    private final Clock clock;
    private final KvBulkApi api;
    private final Map<KvNamespace, KvNamespace> resolved = new HashMap<>();
    private final List<Consumer<RefusedValue>> refusalListeners = new CopyOnWriteArrayList<>();
    private volatile KvWrites written = KvWrites.ZERO;
    private List<KvNamespaceInfo> namespaces;

    /**
     * @param client owned: closed with the store
     * @param writable false for a store opened for reading, which never creates a namespace
     */
    public WorkersKvStore(CloudflareClient client, KvStoreTarget target, boolean writable) {
        this(client, target, writable, KvBulkApi.of(client));
    }

    // visible for testing: bulk calls recorded instead of sent
    WorkersKvStore(CloudflareClient client, KvStoreTarget target, boolean writable, KvBulkApi api) {
        this.client = Objects.requireNonNull(client, "client");
        this.target = Objects.requireNonNull(target, "target");
        this.map = new NamespaceMap(target);
        this.reader = new KvRestSource(client, List.of(), "");
        this.writable = writable;
        this.clock = client.options().clock();
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    public String describe() {
        return "Workers KV of " + client.describe()
                + target.namespace().map(n -> ", namespace '" + n + "'").orElse("");
    }

    /** The namespaces written into: the one the URI names (if it exists), else every one. */
    @Override
    public Cursor<Scope> scopes() throws IOException {
        List<KvNamespace> out = new ArrayList<>();
        for (KvNamespaceInfo n : namespaces()) {
            if (target.namespace().isEmpty()
                    || target.namespace().get().equals(n.id())
                    || target.namespace().get().equals(n.title())) {
                out.add(n.toScope());
            }
        }
        if (target.namespace().isPresent() && out.size() > 1) {
            out = List.of(out.get(0));
        }
        return new ScopeCursor(out);
    }

    /**
     * The entries of the namespace {@code scope} is written into, under {@code scope}; none when
     * that namespace does not exist, or for a Durable Object scope (Workers KV holds none).
     */
    @Override
    public Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException {
        if (!(scope instanceof KvNamespace source)) {
            return new EmptySource(describe()).entries(scope, after);
        }
        Optional<KvNamespace> there = targetOf(source);
        if (there.isEmpty()) {
            return new EmptySource(describe()).entries(scope, after);
        }
        return new RescopedCursor(reader.entries(there.get(), after), scope);
    }

    /**
     * Refuses, before anything is written: a Durable Object scope; more than one namespace for a
     * URI that names one; two source namespaces that would go into one; and a namespace that does
     * not exist when the URI does not say {@code create=true}.
     */
    @Override
    public void checkWritable(List<Scope> scopes) throws IOException {
        List<KvNamespace> kv = new ArrayList<>();
        for (Scope s : scopes) {
            if (s instanceof DurableObject d) {
                throw LandfallException.usage(
                        "--to " + target.account() + ": Workers KV cannot hold Durable Object storage, and "
                                + s.describe() + " is selected",
                        "select only KV namespaces with --kv NAME (repeatable); Durable Objects go back through"
                                + " the Worker that owns them");
            }
            kv.add((KvNamespace) s);
        }
        if (target.namespace().isPresent() && kv.size() > 1) {
            throw LandfallException.usage(
                    "--to " + target.account() + "?namespace="
                            + target.namespace().get() + " takes one namespace, but "
                            + kv.size() + " are selected (" + kv.get(0).describe() + ", "
                            + kv.get(1).describe()
                            + (kv.size() > 2 ? ", …" : "") + ")",
                    "select one with --kv NAME, and run once per namespace");
        }
        Map<KvNamespace, KvNamespace> into = new HashMap<>();
        for (KvNamespace s : kv) {
            Optional<KvNamespace> there = targetOf(s);
            if (there.isEmpty() && !target.create()) {
                throw missing(s);
            }
            if (there.isPresent()) {
                KvNamespace earlier = into.put(there.get(), s);
                if (earlier != null) {
                    throw LandfallException.usage(
                            earlier.describe() + " and " + s.describe() + " would both be written into "
                                    + there.get().describe(),
                            "write one of them at a time, with --kv NAME and ?namespace=TARGET");
                }
            }
        }
    }

    @Override
    public ScopeWriter open(Scope scope, WriteMode mode) throws IOException {
        Objects.requireNonNull(mode, "mode");
        if (!writable) {
            throw new IllegalStateException("this Workers KV store was opened for reading");
        }
        if (!(scope instanceof KvNamespace source)) {
            throw LandfallException.usage(
                    "Workers KV cannot hold Durable Object storage: " + scope.describe(),
                    "select only KV namespaces with --kv NAME");
        }
        KvNamespace there = targetOf(source).orElse(null);
        if (there == null) {
            if (!target.create()) {
                throw missing(source);
            }
            there = client.createKvNamespace(map.titleFor(source)).toScope();
            namespaces = null;
            resolved.put(source, there);
        }
        return KvBulkWriter.withCloudflareLimits(
                api, source, there, mode, clock, this::refused, w -> written = written.plus(w));
    }

    /** What was sent so far. */
    public KvWrites written() {
        return written;
    }

    @Override
    public void onRefused(Consumer<RefusedValue> listener) {
        refusalListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public ApiUsage apiUsage() {
        ClientStats s = client.stats();
        return new ApiUsage(s.requests(), s.rateLimited(), s.retries());
    }

    @Override
    public void close() throws IOException {
        Closing.inOrder(reader, client);
    }

    private void refused(RefusedValue v) {
        for (Consumer<RefusedValue> l : refusalListeners) {
            l.accept(v);
        }
    }

    private Optional<KvNamespace> targetOf(KvNamespace source) throws IOException {
        KvNamespace known = resolved.get(source);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<KvNamespace> found = map.find(source, namespaces());
        found.ifPresent(f -> resolved.put(source, f));
        return found;
    }

    private List<KvNamespaceInfo> namespaces() throws IOException {
        if (namespaces == null) {
            namespaces = client.listKvNamespaces();
        }
        return namespaces;
    }

    private LandfallException missing(KvNamespace source) {
        String name = map.titleFor(source);
        return LandfallException.usage(
                "kv namespace '" + name + "' (for " + source.describe() + ") is not in account "
                        + client.endpoint().accountId(),
                "create it ('npx wrangler kv namespace create " + name + "'), name another with --to '"
                        + target.account() + "?namespace=TITLE', or let Landfall create it: --to '"
                        + target.account() + "?namespace=" + name + "&create=true'");
    }
}
