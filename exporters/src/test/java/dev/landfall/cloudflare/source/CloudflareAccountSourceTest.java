package dev.landfall.cloudflare.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.ApiUsage;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.RefusedValue;
import dev.landfall.core.spi.ScopeSelecting;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceOptions;
import dev.landfall.core.spi.SourceOptions.Via;
import dev.landfall.core.time.RequestBudget;
import dev.landfall.sandbox.DoSeed;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import dev.landfall.sandbox.internal.DurableObjectStore;
import dev.landfall.sandbox.internal.KvItem;
import dev.landfall.sandbox.internal.KvNamespaceState;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link CloudflareAccountSource#open}: the option combinations it refuses before any I/O, and
 * what each kind of read (KV over REST, KV through the export Worker, Durable Objects) yields
 * against the sandbox.
 */
class CloudflareAccountSourceTest {
    private static final String WORKER_SECRET = "s".repeat(40);
    /** Nothing listens here: a validation test that sent a request would fail on it. */
    private static final CloudflareEndpoint NOWHERE =
            new CloudflareEndpoint("http://127.0.0.1:9", "acct", Secret.of("token-not-used"));

    private static SandboxServer sandbox;

    @BeforeAll
    static void start() {
        sandbox = SandboxServer.start(SandboxConfig.builder()
                .rateLimit(RateLimit.UNLIMITED)
                .seedKv(List.of(KvSeed.parse("SESSIONS=1500:32"), KvSeed.parse("FLAGS=20:16")))
                .seedDo(List.of(new DoSeed("Room", 3, 12)))
                .build());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static SourceOptions options(List<String> kv, List<String> dos, String prefix, Via via, String worker) {
        return new SourceOptions(
                kv,
                dos,
                prefix,
                via,
                Optional.ofNullable(worker),
                SourceOptions.DEFAULT_CONCURRENCY,
                RequestBudget.UNLIMITED,
                line -> {});
    }

    private static LandfallException refused(SourceOptions options, Map<String, String> variables) {
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> CloudflareAccountSource.open(NOWHERE, new SourceEnv(variables, Clock.systemUTC(), options)));
        assertEquals(ErrorKind.USAGE, e.kind(), e.getMessage());
        return e;
    }

    private static Map<String, String> workerVariables() {
        return Map.of("LANDFALL_EXPORT_WORKER_URL", "http://127.0.0.1:9", "LANDFALL_EXPORT_SECRET", WORKER_SECRET);
    }

    @Test
    void aPrefixWithViaWorkerIsRefused() {
        LandfallException e = refused(options(List.of(), List.of(), "user:", Via.WORKER, null), workerVariables());
        assertEquals("--prefix is not supported with --via worker", e.getMessage());
        assertEquals("leave out one of them", e.hint().orElseThrow());
    }

    @Test
    void anExportWorkerWithNeitherDoNorViaWorkerIsRefused() {
        LandfallException e =
                refused(options(List.of(), List.of(), "", Via.REST, "https://w.example.dev"), workerVariables());
        assertTrue(e.getMessage().startsWith("--export-worker is given"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("--do NAMESPACE"), e.hint().orElseThrow());
    }

    @Test
    void durableObjectsWithoutAWorkerUrlAreRefusedNamingTheFlagAndTheVariable() {
        LandfallException e = refused(options(List.of(), List.of("Room"), "", Via.REST, null), Map.of());
        assertTrue(e.getMessage().startsWith("--do reads through the export Worker"), e.getMessage());
        assertTrue(
                e.hint().orElseThrow().contains("LANDFALL_EXPORT_WORKER_URL"),
                e.hint().orElseThrow());
    }

    @Test
    void viaWorkerWithoutTheSecretIsRefusedNamingTheVariable() {
        LandfallException e = refused(
                options(List.of(), List.of(), "", Via.WORKER, "https://w.example.dev"),
                Map.of("LANDFALL_EXPORT_SECRET", "short"));
        assertTrue(e.getMessage().startsWith("LANDFALL_EXPORT_SECRET is shorter"), e.getMessage());
        LandfallException unset =
                refused(options(List.of(), List.of(), "", Via.WORKER, "https://w.example.dev"), Map.of());
        assertTrue(unset.getMessage().startsWith("LANDFALL_EXPORT_SECRET is not set"), unset.getMessage());
    }

    @Test
    void aWorkerUrlThatIsNotHttpIsRefused() {
        LandfallException e =
                refused(options(List.of(), List.of("Room"), "", Via.REST, "ftp://w.example.dev"), workerVariables());
        assertTrue(e.getMessage().startsWith("--export-worker ftp://w.example.dev"), e.getMessage());
    }

    @Test
    void kvOptionsWithDurableObjectsAloneAreRefusedNamingTheFlag() {
        // --do without --kv reads no KV: an option that only shapes a KV read would do nothing.
        Map<String, SourceOptions> given = Map.of(
                "--via worker", options(List.of(), List.of("Room"), "", Via.WORKER, null),
                "--prefix", options(List.of(), List.of("Room"), "user:", Via.REST, null));
        for (Map.Entry<String, SourceOptions> flag : given.entrySet()) {
            LandfallException e = refused(flag.getValue(), Map.of());
            assertEquals(
                    flag.getKey() + " applies to Workers KV, but --do without --kv reads no KV namespace",
                    e.getMessage());
            assertEquals(
                    "add --kv NAMESPACE to read KV too, or leave out " + flag.getKey(),
                    e.hint().orElseThrow());
        }
    }

    @Test
    void kvOptionsWithDurableObjectsAndKvAreAccepted() throws IOException {
        CloudflareAccountSource.open(
                        NOWHERE,
                        new SourceEnv(
                                workerVariables(),
                                Clock.systemUTC(),
                                options(List.of("FLAGS"), List.of("Room"), "user:", Via.REST, null)))
                .close();
        CloudflareAccountSource.open(
                        NOWHERE,
                        new SourceEnv(
                                workerVariables(),
                                Clock.systemUTC(),
                                options(List.of("FLAGS"), List.of("Room"), "", Via.WORKER, null)))
                .close();
    }

    @Test
    void theWorkerIsResolvedOnlyWhenSomethingReadsThroughIt() throws IOException {
        // KV over REST needs no Worker: the Worker variables (here unset) are not looked at, and
        // nothing is sent.
        CloudflareAccountSource.open(NOWHERE, new SourceEnv(Map.of(), Clock.systemUTC(), SourceOptions.DEFAULTS))
                .close();
    }

    // --- reads against the sandbox

    private static CloudflareEndpoint sandboxEndpoint() {
        return new CloudflareEndpoint(sandbox.baseUrl(), sandbox.accountId(), Secret.of(sandbox.token()));
    }

    private static CloudflareAccountSource open(SourceOptions options, Map<String, String> variables) {
        return CloudflareAccountSource.open(sandboxEndpoint(), new SourceEnv(variables, Clock.systemUTC(), options));
    }

    /** Every scope of the source with its entries, in the order read. */
    private static Map<Scope, List<Entry>> readAll(Source source) throws IOException {
        Map<Scope, List<Entry>> out = new java.util.LinkedHashMap<>();
        try (Cursor<Scope> scopes = source.scopes()) {
            while (scopes.next()) {
                List<Entry> entries = new ArrayList<>();
                try (Cursor<Entry> c = source.entries(scopes.current(), Checkpoint.START)) {
                    while (c.next()) {
                        entries.add(c.current());
                    }
                }
                out.put(scopes.current(), entries);
            }
        }
        return out;
    }

    private static KvNamespace kvNamespace(String title) {
        return sandbox.kvNamespaces().stream()
                .filter(n -> n.title().equals(title))
                .map(n -> new KvNamespace(n.namespaceId(), n.title()))
                .findFirst()
                .orElseThrow();
    }

    /** The sandbox's live entries of a namespace, read from its state rather than its API. */
    private static List<Entry> truth(KvNamespace ns, String prefix) {
        KvNamespaceState state = sandbox.kvStore().find(ns.namespaceId()).orElseThrow();
        long now = Clock.systemUTC().instant().getEpochSecond();
        List<Entry> out = new ArrayList<>();
        Key after = null;
        while (true) {
            KvNamespaceState.Page page =
                    state.list(prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8), after, 1000, now);
            for (KvItem i : page.items()) {
                out.add(new Entry(ns, i.key(), i.value().bytes(), i.metadataJson(), i.expiration()));
            }
            if (page.next().isEmpty()) {
                return out;
            }
            after = page.next().get();
        }
    }

    @Test
    void kvOverRestReadsTheChosenNamespacesWithThePrefixAndMetersTheApi() throws IOException {
        KvNamespace sessions = kvNamespace("SESSIONS");
        try (CloudflareAccountSource source =
                open(options(List.of("SESSIONS"), List.of(), "user:", Via.REST, null), Map.of())) {
            Map<Scope, List<Entry>> read = readAll(source);
            assertEquals(List.of(sessions), List.copyOf(read.keySet()));
            List<Entry> want = truth(sessions, "user:");
            assertTrue(want.size() > 10 && want.size() < truth(sessions, "").size(), "a real subset: " + want.size());
            assertEquals(want, read.get(sessions));
            assertTrue(source.apiUsage().requests() >= 3, "namespaces, keys and values: " + source.apiUsage());
            assertEquals(source.apiUsage(), ApiUsage.of(source));
            assertInstanceOf(ScopeSelecting.class, source);
        }
    }

    @Test
    void kvViaWorkerReadsThroughTheWorkerBindingsAndSpendsNoApiOnValues() throws IOException {
        // The sandbox's export Worker binds every namespace under its title.
        KvNamespace flags = kvNamespace("FLAGS");
        KvNamespace sessions = kvNamespace("SESSIONS");
        try (CloudflareAccountSource source =
                open(options(List.of(), List.of(), "", Via.WORKER, null), sandbox.environment())) {
            Map<Scope, List<Entry>> read = readAll(source);
            assertEquals(2, read.size(), read.keySet().toString());
            assertEquals(truth(flags, ""), read.get(flags));
            assertEquals(truth(sessions, ""), read.get(sessions));
            // One REST call for the namespace list; keys and values came from the Worker.
            assertEquals(1, source.apiUsage().requests());
        }
    }

    @Test
    void durableObjectsAloneReadNoKvNamespace() throws IOException {
        DurableObjectStore.Namespace room =
                sandbox.durableObjects().namespaces().get(0);
        try (CloudflareAccountSource source =
                open(options(List.of(), List.of("Room"), "", Via.REST, null), sandbox.environment())) {
            source.skipFinished(scope -> false);
            List<RefusedValue> refused = new ArrayList<>();
            source.onRefused(refused::add);
            Map<Scope, List<Entry>> read = readAll(source);
            List<Scope> storage = read.keySet().stream()
                    .filter(s ->
                            s instanceof DurableObject d && room.objectIds().contains(d.objectId()))
                    .toList();
            assertEquals(room.objectIds().size(), storage.size());
            assertTrue(
                    read.keySet().stream().allMatch(s -> s instanceof DurableObject),
                    read.keySet().toString());
            DurableObject first = new DurableObject(room.id(), room.objectIds().get(0));
            assertEquals(
                    room.entries(first.objectId()).stream().map(e -> e.key()).toList(),
                    read.get(first).stream().map(Entry::key).toList());
            assertEquals(List.of(), refused);
        }
    }

    @Test
    void kvAndDurableObjectsTogetherReadKvFirst() throws IOException {
        try (CloudflareAccountSource source =
                open(options(List.of("FLAGS"), List.of("Room"), "", Via.REST, null), sandbox.environment())) {
            List<Scope> scopes = List.copyOf(readAll(source).keySet());
            assertEquals(kvNamespace("FLAGS"), scopes.get(0));
            assertTrue(scopes.subList(1, scopes.size()).stream().allMatch(s -> s instanceof DurableObject));
            assertEquals(0, source.expiryCounts(scopes.get(1)).expired());
        }
    }
}
