package dev.landfall.sandbox;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.time.Sleeper;
import dev.landfall.sandbox.internal.AccountRoutes;
import dev.landfall.sandbox.internal.ApiError;
import dev.landfall.sandbox.internal.CapturedKv;
import dev.landfall.sandbox.internal.CapturedObjects;
import dev.landfall.sandbox.internal.ChangeLog;
import dev.landfall.sandbox.internal.Dispatcher;
import dev.landfall.sandbox.internal.DurableObjectStore;
import dev.landfall.sandbox.internal.Envelope;
import dev.landfall.sandbox.internal.ExportWorkerHandler;
import dev.landfall.sandbox.internal.FaultPlan;
import dev.landfall.sandbox.internal.Ids;
import dev.landfall.sandbox.internal.KvBulkRoutes;
import dev.landfall.sandbox.internal.KvItem;
import dev.landfall.sandbox.internal.KvKeyRoutes;
import dev.landfall.sandbox.internal.KvNamespaceRoutes;
import dev.landfall.sandbox.internal.KvNamespaceState;
import dev.landfall.sandbox.internal.KvRules;
import dev.landfall.sandbox.internal.KvSeeder;
import dev.landfall.sandbox.internal.KvStore;
import dev.landfall.sandbox.internal.KvValue;
import dev.landfall.sandbox.internal.LoopbackServer;
import dev.landfall.sandbox.internal.RateLimiter;
import dev.landfall.sandbox.internal.Router;
import dev.landfall.sandbox.internal.StatsRecorder;
import dev.landfall.sandbox.internal.WorkerScripts;
import dev.landfall.sandbox.internal.WriterControl;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;

/**
 * A faithful, stateful, in-process stand-in for the Cloudflare API v4 parts Landfall uses (Workers
 * KV, Durable Object lists, Workers scripts and settings, token verify), on 127.0.0.1 only.
 *
 * <p>It answers with Cloudflare's envelope and error codes, enforces a per-token rate limit with
 * Cloudflare's headers, injects seeded faults, and starts with seeded data. See {@link #routes()}
 * for what it serves; {@code GET /__sandbox/stats} (no token) reports what it has served.
 *
 * <p>With {@link Capture} on it also keeps a change log of the KV writes captured Workers make
 * (protocol 2 of the export Worker), made here by {@link #capturedPut}, {@link #capturedDelete}
 * and the built-in {@link CaptureWriter}; writes through the REST API are not captured, as on
 * Cloudflare.
 *
 * <p>Lifecycle: {@link #start} binds, seeds and serves; {@link #close()} stops serving. All
 * methods are thread-safe; {@code close()} is idempotent and may be called from any thread (a
 * shutdown hook, say). Data lives in memory and disappears on close.
 */
public final class SandboxServer implements AutoCloseable {
    private static final AtomicBoolean WARMED = new AtomicBoolean();
    private static final Consumer<String> STDERR = line -> System.err.println(line);

    private final SandboxConfig config;
    private final LoopbackServer http;
    private final List<Route> routes;
    private final String exportSecret;
    private final StatsRecorder stats;
    private final KvStore kv;
    private final DurableObjectStore durableObjects;
    private final Clock clock;
    private final Optional<CapturedKv> captured;
    private final Optional<CaptureWriter> writer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SandboxServer(
            SandboxConfig config,
            LoopbackServer http,
            List<Route> routes,
            StatsRecorder stats,
            KvStore kv,
            DurableObjectStore durableObjects,
            String exportSecret,
            Clock clock,
            Optional<CapturedKv> captured,
            Optional<CaptureWriter> writer) {
        this.config = config;
        this.clock = clock;
        this.captured = captured;
        this.writer = writer;
        this.exportSecret = exportSecret;
        this.http = http;
        this.routes = routes;
        this.stats = stats;
        this.kv = kv;
        this.durableObjects = durableObjects;
    }

    /** Starts a sandbox on the system clock, warning on stderr. */
    public static SandboxServer start(SandboxConfig config) {
        return start(config, Clock.systemUTC());
    }

    /**
     * Starts a sandbox whose expirations, seeded expiry times, rate-limit windows, change times and
     * writer pace follow {@code clock}, warning on stderr.
     *
     * @throws LandfallException a usage error when the port is in use or cannot be bound
     */
    public static SandboxServer start(SandboxConfig config, Clock clock) {
        return start(config, clock, STDERR);
    }

    /**
     * As {@link #start(SandboxConfig, Clock)}, with the sandbox's warnings (a change log that
     * overflows, a writer that falls behind) going to {@code warnings}, a line each.
     */
    public static SandboxServer start(SandboxConfig config, Clock clock, Consumer<String> warnings) {
        return start(config, clock, Sleeper.SYSTEM, warnings);
    }

    // visible for testing: a Sleeper that records instead of sleeping
    static SandboxServer start(SandboxConfig config, Clock clock, Sleeper sleeper) {
        return start(config, clock, sleeper, STDERR);
    }

    private static SandboxServer start(SandboxConfig config, Clock clock, Sleeper sleeper, Consumer<String> warnings) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(warnings, "warnings");
        long seed = config.randomSeed();
        Ids ids = new Ids(seed ^ 0x5EEDL);
        String tokenId = ids.hex32();
        KvStore kv = new KvStore(ids);
        long now = clock.instant().getEpochSecond();
        for (KvSeed s : config.seedKv()) {
            KvSeeder.fill(kv.create(s.title()), s, seed, now);
        }
        DurableObjectStore dos = DurableObjectStore.seed(config.seedDo(), ids, seed);
        WorkerScripts scripts = new WorkerScripts(
                kv.all(), dos, ids, clock.instant(), config.capture().enabled());
        // Its own generator: drawing from `ids` would shift the ids of namespaces created later.
        String exportSecret = "sandbox-export-secret-" + new Ids(seed ^ 0xE5ECL).hex32();

        Router router = new Router();
        new AccountRoutes(tokenId, dos, scripts).register(router);
        new KvNamespaceRoutes(kv).register(router);
        new KvKeyRoutes(kv, clock).register(router);
        new KvBulkRoutes(kv, clock, config.invalidUtf8()).register(router);
        List<Route> routes = new ArrayList<>();
        for (Router.Def d : router.defs()) {
            routes.add(new Route(d.method(), d.template(), d.operationId(), true));
        }
        routes.add(new Route("GET", Dispatcher.STATS_PATH, "sandbox-stats", false));

        StatsRecorder stats = new StatsRecorder();
        Dispatcher dispatcher = new Dispatcher(
                config,
                clock,
                sleeper,
                router,
                new RateLimiter(config.rateLimit()),
                new FaultPlan(config.faults(), seed ^ 0xFA17L),
                stats);
        Capture capture = config.capture();
        Optional<ChangeLog> changeLog = capture.enabled()
                ? Optional.of(new ChangeLog(capture.shards(), capture.capacity(), clock, warnings))
                : Optional.empty();
        Optional<CapturedKv> captured = changeLog.map(CapturedKv::new);
        Optional<CaptureWriter> writer = Optional.empty();
        if (capture.writesPerSecond() > 0) {
            List<KvNamespaceState> seeded = new ArrayList<>();
            for (KvSeed s : config.seedKv()) {
                kv.all().stream()
                        .filter(ns -> ns.title().equals(s.title()))
                        .findFirst()
                        .ifPresent(seeded::add);
            }
            writer = Optional.of(new CaptureWriter(
                    captured.orElseThrow(),
                    new CapturedObjects(changeLog.orElseThrow(), dos),
                    seeded,
                    seed,
                    clock,
                    sleeper,
                    capture.writesPerSecond(),
                    warnings));
        }
        List<Handler> handlers = new ArrayList<>();
        writer.ifPresent(w -> handlers.add(new WriterControl(w)));
        handlers.add(new ExportWorkerHandler(dos, kv, clock, exportSecret, changeLog, config.accountId()));
        handlers.add(dispatcher);
        LoopbackServer http = LoopbackServer.start(config.port(), handlers);
        writer.ifPresent(CaptureWriter::start);
        warmUp();
        return new SandboxServer(
                config,
                http,
                Collections.unmodifiableList(routes),
                stats,
                kv,
                dos,
                exportSecret,
                clock,
                captured,
                writer);
    }

    /**
     * Loads Jackson's databind (a few hundred ms on a cold JVM) off the start path, once per JVM,
     * so the first request does not pay for it either.
     */
    private static void warmUp() {
        if (WARMED.compareAndSet(false, true)) {
            Thread t = new Thread(() -> Envelope.mapper().createObjectNode(), "landfall-sandbox-warmup");
            t.setDaemon(true);
            t.start();
        }
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return http.port();
    }

    /** {@code http://127.0.0.1:PORT/client/v4}, for {@code CLOUDFLARE_API_BASE_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + Dispatcher.PREFIX;
    }

    /** The bearer token the sandbox accepts. */
    public String token() {
        return config.token();
    }

    /** The account id the sandbox serves. */
    public String accountId() {
        return config.accountId();
    }

    /** The configuration the sandbox runs with. */
    public SandboxConfig config() {
        return config;
    }

    /**
     * The URL of the sandbox's export Worker (docs/export-worker-protocol.md), which serves the
     * seeded Durable Objects, for {@code --export-worker}.
     */
    public String exportWorkerUrl() {
        return "http://127.0.0.1:" + port() + ExportWorkerHandler.CONTEXT;
    }

    /** The secret the export Worker accepts, for {@code LANDFALL_EXPORT_SECRET}. */
    public String exportSecret() {
        return exportSecret;
    }

    /**
     * The environment wrangler, the Cloudflare SDK and Landfall read, in this order: {@code
     * CLOUDFLARE_API_BASE_URL}, {@code CLOUDFLARE_API_TOKEN}, {@code CLOUDFLARE_ACCOUNT_ID}, {@code
     * LANDFALL_EXPORT_WORKER_URL}, {@code LANDFALL_EXPORT_SECRET}.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CLOUDFLARE_API_BASE_URL", baseUrl());
        env.put("CLOUDFLARE_API_TOKEN", token());
        env.put("CLOUDFLARE_ACCOUNT_ID", accountId());
        env.put("LANDFALL_EXPORT_WORKER_URL", exportWorkerUrl());
        env.put("LANDFALL_EXPORT_SECRET", exportSecret());
        return Collections.unmodifiableMap(env);
    }

    /** Every route served, with OpenAPI-style path templates. */
    public List<Route> routes() {
        return routes;
    }

    /** What has been served so far. */
    public SandboxStats stats() {
        return stats.snapshot();
    }

    /**
     * Lists a Durable Object namespace of class {@code className} with these object ids over the
     * REST API, with no storage in the sandbox: for tests whose objects live in workerd, read
     * through a real export Worker.
     *
     * @return the new namespace's id
     */
    public String registerDurableObjects(String className, boolean useSqlite, List<String> objectIds) {
        String id = String.format(
                        "%032x",
                        new java.math.BigInteger(1, className.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .substring(0, 32);
        return durableObjects.register(id, className, useSqlite, objectIds).id();
    }

    /** The KV namespaces that exist now, in creation order (seeded ones first). */
    public List<KvNamespace> kvNamespaces() {
        List<KvNamespace> out = new ArrayList<>();
        for (KvNamespaceState ns : kv.all()) {
            out.add(new KvNamespace(ns.id(), ns.title()));
        }
        return out;
    }

    /**
     * The seeded Durable Object namespaces with their objects' storage. Internal to the sandbox
     * module (for its export-Worker protocol); other modules must not use it.
     */
    public DurableObjectStore durableObjects() {
        return durableObjects;
    }

    /** The KV state itself. Internal to the sandbox module; other modules must not use it. */
    public KvStore kvStore() {
        return kv;
    }

    /**
     * Puts a key as a captured Worker does: records the change in the change log, then writes, as
     * the built-in writer does; for tests that need an exact sequence of writes.
     *
     * @param namespaceTitle the namespace, which is also the change's binding
     * @param metadataJson JSON text, or null for none
     * @param expiration absolute expiry in epoch seconds (at least 60 s ahead), or null
     * @return whether the change was recorded: false when its shard overflowed (the put is made)
     * @throws IllegalStateException when capture is off
     * @throws IllegalArgumentException for an unknown namespace, or a key, value, metadata or
     *     expiration that KV refuses
     */
    public boolean capturedPut(String namespaceTitle, String key, byte[] value, String metadataJson, Long expiration) {
        CapturedKv to = capturing();
        KvNamespaceState ns = namespace(namespaceTitle);
        KvItem item;
        try {
            KvRules.checkValueSize(value.length);
            item = new KvItem(
                    KvRules.key(key),
                    KvValue.of(value.clone()),
                    KvRules.metadataText(metadataJson),
                    expiration == null
                            ? null
                            : KvRules.absolute(expiration, clock.instant().getEpochSecond()));
        } catch (ApiError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return to.put(ns, item);
    }

    /**
     * Deletes a key as a captured Worker does: records the change, then deletes.
     *
     * @return whether the change was recorded: false when its shard overflowed (the delete is made)
     * @throws IllegalStateException when capture is off
     * @throws IllegalArgumentException for an unknown namespace or a key KV refuses
     */
    public boolean capturedDelete(String namespaceTitle, String key) {
        CapturedKv to = capturing();
        KvNamespaceState ns = namespace(namespaceTitle);
        try {
            return to.delete(ns, KvRules.key(key));
        } catch (ApiError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private CapturedKv capturing() {
        return captured.orElseThrow(() -> new IllegalStateException(
                "capture is off: start the sandbox with SandboxConfig.builder().capture(Capture.on())"));
    }

    private KvNamespaceState namespace(String title) {
        return kv.all().stream()
                .filter(ns -> ns.title().equals(title))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no KV namespace titled '" + title + "'"));
    }

    /** The built-in writer, when {@link Capture#writesPerSecond()} is set. */
    public Optional<CaptureWriter> writer() {
        return writer;
    }

    /** The change log, when capture is on. Internal to the sandbox module; other modules must not use it. */
    public Optional<ChangeLog> changeLog() {
        return captured.map(CapturedKv::log);
    }

    /** Stops the writer, serving, and drops open connections; idempotent, callable from any thread. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            writer.ifPresent(CaptureWriter::stop);
            http.close();
        }
    }
}
