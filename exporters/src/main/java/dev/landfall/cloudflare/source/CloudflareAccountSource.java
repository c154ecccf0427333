package dev.landfall.cloudflare.source;

import dev.landfall.cloudflare.api.ClientStats;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.cloudflare.api.DurableObjectNamespaceInfo;
import dev.landfall.cloudflare.api.WorkersClient;
import dev.landfall.cloudflare.capture.CaptureCoverage;
import dev.landfall.cloudflare.capture.WorkerChangeLog;
import dev.landfall.cloudflare.durable.DurableObjectSource;
import dev.landfall.cloudflare.durable.UnencodableKey;
import dev.landfall.cloudflare.kv.KvRestSource;
import dev.landfall.cloudflare.kv.KvScopeCounters;
import dev.landfall.cloudflare.kv.KvWorkerSource;
import dev.landfall.cloudflare.worker.ExportWorkerAccess;
import dev.landfall.core.cursor.SourceChain;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.Closing;
import dev.landfall.core.live.ChangeCapturing;
import dev.landfall.core.live.ChangeLog;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.AccountBound;
import dev.landfall.core.spi.ApiMetered;
import dev.landfall.core.spi.ApiUsage;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.ConcurrentScopes;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ExpiryCounting;
import dev.landfall.core.spi.ExpiryCounts;
import dev.landfall.core.spi.LeavingScopesBehind;
import dev.landfall.core.spi.LeftBehind;
import dev.landfall.core.spi.RefusedValue;
import dev.landfall.core.spi.RefusingValues;
import dev.landfall.core.spi.ScopeSelecting;
import dev.landfall.core.spi.ScopeSkipping;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceOptions;
import dev.landfall.core.spi.SourceOptions.Via;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A Cloudflare account as one source, and the one place that builds every Cloudflare source from
 * {@link SourceOptions}: Workers KV over the REST API ({@link Via#REST}, with the prefix, the
 * concurrency, the budget and the trace), Workers KV through the export Worker ({@link
 * Via#WORKER}), and Durable Objects through the export Worker (when {@link
 * SourceOptions#durableObjects()} names any). With Durable Objects and no {@code --kv}, no KV
 * namespace is read, so the options that shape a KV read ({@code --prefix}, {@code --via worker})
 * are refused there rather than ignored. It owns its API client; closing closes every part, then the client.
 *
 * <p>{@link #open} checks every option combination before any I/O, so {@code export}, {@code plan}
 * and {@code migrate} refuse the same things with the same messages.
 */
public final class CloudflareAccountSource
        implements Source,
                ScopeSelecting,
                AccountBound,
                ApiMetered,
                ExpiryCounting,
                RefusingValues,
                ScopeSkipping,
                LeavingScopesBehind,
                ChangeCapturing,
                ConcurrentScopes {
    private final CloudflareClient client;
    private final KvRestSource kvRest;
    private final KvWorkerSource kvWorker;
    private final ExportWorkerAccess worker;
    private final DurableObjectSource durableObjects;
    private final SourceChain chain;
    private final SourceOptions options;

    private CloudflareAccountSource(
            CloudflareClient client,
            KvRestSource kvRest,
            KvWorkerSource kvWorker,
            ExportWorkerAccess worker,
            DurableObjectSource durableObjects,
            SourceOptions options) {
        this.client = client;
        this.options = options;
        this.kvRest = kvRest;
        this.kvWorker = kvWorker;
        this.worker = worker;
        this.durableObjects = durableObjects;
        List<SourceChain.Part> parts = new ArrayList<>();
        for (Source kv : new Source[] {kvRest, kvWorker}) {
            if (kv != null) {
                parts.add(new SourceChain.Part(kv, s -> s instanceof KvNamespace));
            }
        }
        if (durableObjects != null) {
            parts.add(new SourceChain.Part(durableObjects, s -> s instanceof DurableObject));
        }
        this.chain = new SourceChain(parts);
    }

    /**
     * Builds the account's source. Sends no request: namespaces are resolved on first read.
     *
     * @param endpoint the account and its token ({@link dev.landfall.cloudflare.api.CloudflareAccess})
     * @param env the source options, the clock, and the variables that locate the export Worker
     *     ({@value ExportWorkerAccess#URL}, {@value ExportWorkerAccess#SECRET}), read only when the
     *     Worker is needed
     * @throws LandfallException USAGE for {@code --prefix} with {@code --via worker}, {@code
     *     --export-worker} with neither {@code --do} nor {@code --via worker}, {@code --prefix} or
     *     {@code --via worker} when no KV is read ({@code --do} without {@code --kv}), or a missing
     *     or bad export Worker URL or secret where the Worker is needed
     */
    public static CloudflareAccountSource open(CloudflareEndpoint endpoint, SourceEnv env) {
        Objects.requireNonNull(endpoint, "endpoint");
        SourceOptions options = env.options();
        boolean viaWorker = options.via() == Via.WORKER;
        boolean readDurableObjects = !options.durableObjects().isEmpty();
        if (options.exportWorker().isPresent() && !readDurableObjects && !viaWorker) {
            throw LandfallException.usage(
                    "--export-worker is given but no --do and no --via worker",
                    "add --do NAMESPACE for each Durable Object namespace, or --via worker to read KV through it");
        }
        if (viaWorker && !options.prefix().isEmpty()) {
            throw LandfallException.usage("--prefix is not supported with --via worker", "leave out one of them");
        }
        // --do alone reads Durable Objects only; --kv next to it asks for KV too.
        boolean readKv = !readDurableObjects || !options.kv().isEmpty();
        if (!readKv) {
            refuseKvOptions(options);
        }
        ExportWorkerAccess worker = readDurableObjects || (viaWorker && readKv)
                ? ExportWorkerAccess.resolve(
                        options.exportWorker().orElse(null),
                        env.variables(),
                        readDurableObjects ? "--do" : "--via worker")
                : null;

        CloudflareClient client = new CloudflareClient(endpoint, clientOptions(env));
        int concurrency = options.concurrency();
        KvRestSource kvRest = readKv && !viaWorker ? new KvRestSource(client, options.kv(), options.prefix()) : null;
        KvWorkerSource kvWorker = readKv && viaWorker
                ? new KvWorkerSource(client, worker.newClient(concurrency, 1), options.kv(), concurrency)
                : null;
        DurableObjectSource durableObjects = readDurableObjects
                ? new DurableObjectSource(
                        client, worker.newClient(concurrency, 1), options.durableObjects(), concurrency)
                : null;
        return new CloudflareAccountSource(client, kvRest, kvWorker, worker, durableObjects, options);
    }

    /** Options that only shape how KV is read, given when none is: refused, not ignored. */
    private static void refuseKvOptions(SourceOptions options) {
        String given =
                options.via() == Via.WORKER ? "--via worker" : options.prefix().isEmpty() ? null : "--prefix";
        if (given != null) {
            throw LandfallException.usage(
                    given + " applies to Workers KV, but --do without --kv reads no KV namespace",
                    "add --kv NAMESPACE to read KV too, or leave out " + given);
        }
    }

    private static CloudflareClientOptions clientOptions(SourceEnv env) {
        SourceOptions options = env.options();
        return CloudflareClientOptions.builder()
                .budget(options.budget())
                .concurrency(options.concurrency())
                .trace(options.trace())
                .notes(env.notes())
                .clock(env.clock())
                .build();
    }

    /**
     * What the read saw of one KV namespace over REST: keys expired or vanished before their value
     * was read. {@link KvScopeCounters#ZERO} for a namespace read otherwise or not yet.
     */
    public KvScopeCounters counters(KvNamespace namespace) {
        return kvRest == null ? KvScopeCounters.ZERO : kvRest.counters(namespace);
    }

    @Override
    public ExpiryCounts expiryCounts(Scope scope) {
        if (!(scope instanceof KvNamespace ns)) {
            return ExpiryCounts.ZERO;
        }
        KvScopeCounters c = counters(ns);
        return new ExpiryCounts(c.expired(), c.vanished());
    }

    /**
     * Without {@code --kv} and {@code --do}, the account's Durable Object namespaces, none of which
     * such a read takes: an omission the run reports with exit 3. With either flag the operator named
     * what to take, and nothing is listed. A token that may not list them (no Workers Scripts Read)
     * gets one entry saying so, rather than a failed KV migration.
     */
    @Override
    public List<LeftBehind> leftBehind() throws IOException {
        if (!options.kv().isEmpty() || !options.durableObjects().isEmpty()) {
            // The operator named what to take; the rest is left by choice, and asking costs a request
            // that a KV read through the export Worker would not spend otherwise.
            return List.of();
        }
        List<DurableObjectNamespaceInfo> all;
        try {
            all = new WorkersClient(client).listDurableObjectNamespaces();
        } catch (LandfallException e) {
            if (e.kind() != ErrorKind.REJECTED) {
                throw e;
            }
            return List.of(new LeftBehind(
                    DURABLE_OBJECTS,
                    "(not listed: the token may not list them)",
                    "",
                    "give the token Account > Workers Scripts > Read so the run can list them, or name --kv to"
                            + " move KV only"));
        }
        List<LeftBehind> out = new ArrayList<>();
        for (DurableObjectNamespaceInfo ns : all) {
            String name =
                    !ns.className().isEmpty() ? ns.className() : !ns.name().isEmpty() ? ns.name() : ns.id();
            out.add(new LeftBehind(
                    DURABLE_OBJECTS,
                    name,
                    ns.id(),
                    // A name that is not a plain identifier is named by id: pasted, it must work.
                    "add --do " + (name.matches("[A-Za-z0-9_$.-]+") ? name : ns.id())
                            + " (read through the export Worker: landfall export-worker scaffold), or --kv to"
                            + " move KV only"));
        }
        return out;
    }

    private static final String DURABLE_OBJECTS = "Durable Object namespace";

    /** Durable Object values not read because the export Worker cannot encode them. */
    public List<UnencodableKey> unencodable() {
        return durableObjects == null ? List.of() : durableObjects.unencodable();
    }

    @Override
    public void onRefused(Consumer<RefusedValue> listener) {
        if (durableObjects != null) {
            durableObjects.onUnencodable(u -> listener.accept(new RefusedValue(
                    u.object(),
                    u.key(),
                    u.problem().reason(),
                    u.problem().path(),
                    u.problem().message())));
        }
    }

    @Override
    public void skipFinished(Predicate<Scope> finished) {
        if (durableObjects != null) {
            durableObjects.skipping(finished);
        }
    }

    /**
     * The export Worker's change log. Live migration follows Workers KV read through that Worker
     * ({@code --via worker}) and Durable Objects ({@code --do}): the Worker serves the log and the
     * re-reads of changed keys and objects.
     */
    @Override
    public ChangeLog changeLog() {
        if (kvRest != null) {
            throw LandfallException.usage(
                    "--follow reads the change log and the changed keys through the export Worker, but this run reads"
                            + " KV over the REST API",
                    "add --via worker (and --export-worker URL, or LANDFALL_EXPORT_WORKER_URL)");
        }
        return new WorkerChangeLog(
                worker.newClient(1, 2), kvWorker, durableObjects, new CaptureCoverage(new WorkersClient(client)));
    }

    @Override
    public String accountId() {
        return client.endpoint().accountId();
    }

    /** Requests, 429s and retries so far; thread-safe. */
    public ClientStats stats() {
        return client.stats();
    }

    @Override
    public ApiUsage apiUsage() {
        ClientStats s = client.stats();
        return new ApiUsage(s.requests(), s.rateLimited(), s.retries());
    }

    @Override
    public String describe() {
        return chain.describe();
    }

    @Override
    public Cursor<Scope> scopes() throws IOException {
        return chain.scopes();
    }

    @Override
    public Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException {
        return chain.entries(scope, after);
    }

    /**
     * Several Durable Objects at once when only Durable Objects are read; Workers KV namespaces
     * one after another, as before (their pages share the API budget anyway).
     */
    @Override
    public int scopesAtOnce() {
        return kvRest == null && kvWorker == null && durableObjects != null ? durableObjects.scopesAtOnce() : 1;
    }

    @Override
    public void close() throws IOException {
        Closing.inOrder(chain, client);
    }
}
