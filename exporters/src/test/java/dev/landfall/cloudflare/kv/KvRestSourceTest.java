package dev.landfall.cloudflare.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.cloudflare.api.ClientStats;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.Utf8;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.retry.RetryPolicy;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.time.FakeClock;
import dev.landfall.core.time.FakeSleeper;
import dev.landfall.core.time.RequestBudget;
import dev.landfall.sandbox.Faults;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import dev.landfall.sandbox.SandboxStats;
import dev.landfall.sandbox.internal.KvItem;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The KV source against the in-process sandbox. */
class KvRestSourceTest {
    private static final String NAMESPACES = "/accounts/{account_id}/storage/kv/namespaces";
    private static final String KEYS = NAMESPACES + "/{namespace_id}/keys";
    private static final String BULK_GET = NAMESPACES + "/{namespace_id}/bulk/get";
    private static final String VALUES = NAMESPACES + "/{namespace_id}/values/{key_name}";

    private final List<String> trace = Collections.synchronizedList(new ArrayList<>());
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private SandboxServer sandbox(SandboxConfig config, Clock clock) {
        SandboxServer s = SandboxServer.start(config, clock);
        closeables.add(s);
        return s;
    }

    private SandboxServer sandbox(String... seeds) {
        List<KvSeed> kv = new ArrayList<>();
        for (String s : seeds) {
            kv.add(KvSeed.parse(s));
        }
        return sandbox(
                SandboxConfig.builder()
                        .rateLimit(RateLimit.UNLIMITED)
                        .seedKv(kv)
                        .build(),
                Clock.systemUTC());
    }

    private CloudflareClient client(SandboxServer server, CloudflareClientOptions options) {
        return client(server, server.token(), server.accountId(), options);
    }

    private CloudflareClient client(
            SandboxServer server, String token, String account, CloudflareClientOptions options) {
        CloudflareClient c = new CloudflareClient(
                new CloudflareEndpoint(server.baseUrl(), account, Secret.of(token)),
                options.toBuilder().trace(trace::add).build());
        closeables.add(c);
        return c;
    }

    private static CloudflareClientOptions fast() {
        return CloudflareClientOptions.builder().budget(RequestBudget.UNLIMITED).build();
    }

    private KvRestSource source(CloudflareClient client, List<String> namespaces, String prefix) {
        KvRestSource s = new KvRestSource(client, namespaces, prefix);
        closeables.add(s);
        return s;
    }

    private static List<Scope> scopes(KvRestSource source) throws IOException {
        List<Scope> out = new ArrayList<>();
        try (Cursor<Scope> c = source.scopes()) {
            while (c.next()) {
                out.add(c.current());
            }
        }
        return out;
    }

    private static long now() {
        return Clock.systemUTC().instant().getEpochSecond();
    }

    private void assertNoToken(SandboxServer server) {
        for (String line : trace) {
            assertFalse(line.contains(server.token()), "the token is in a trace line: " + line);
        }
    }

    @Test
    void aFullExportEqualsTheSandboxExactlyWithTheFewestRequests() throws IOException {
        SandboxServer server = sandbox("BIG=3000");
        CloudflareClient client = client(server, CloudflareClientOptions.defaults());
        KvRestSource source = source(client, List.of(), "");
        List<Scope> scopes = scopes(source);
        KvNamespace ns = SandboxTruth.namespace(server, "BIG");
        assertEquals(List.of(ns), scopes);

        List<Entry> exported = SandboxTruth.drain(source.entries(ns, Checkpoint.START));

        List<Entry> truth = SandboxTruth.entries(server, ns, "", now());
        assertEquals(3000, truth.size());
        assertEquals(truth.size(), exported.size());
        for (int i = 0; i < truth.size(); i++) {
            assertEquals(truth.get(i), exported.get(i), "entry " + i);
        }
        for (int i = 1; i < exported.size(); i++) {
            assertTrue(exported.get(i - 1).key().compareTo(exported.get(i).key()) < 0, "unsigned byte order at " + i);
        }
        assertTrue(exported.stream().anyMatch(e -> e.value().length > 5_000_000 && !Utf8.isValid(e.value())));
        assertTrue(exported.stream().anyMatch(e -> e.value().length > 3_000_000 && Utf8.isValid(e.value())));
        assertTrue(exported.stream()
                .anyMatch(e -> e.metadataJson() != null && e.metadataJson().contains("café ☕")));
        assertTrue(exported.stream().anyMatch(e -> e.expiration() != null));

        long binary = truth.stream().filter(e -> !Utf8.isValid(e.value())).count();
        long bulkGets = 0;
        List<List<KvItem>> pages = SandboxTruth.pages(server, ns, "", 1000, now());
        for (List<KvItem> page : pages) {
            bulkGets += (page.size() + 99) / 100;
        }
        SandboxStats stats = server.stats();
        assertEquals(1, stats.requests("GET", NAMESPACES));
        assertEquals(3, pages.size());
        assertEquals(pages.size(), stats.requests("GET", KEYS), "⌈N/1000⌉ list calls");
        assertEquals(bulkGets, stats.requests("POST", BULK_GET), "per page ⌈keys/100⌉ bulk gets");
        assertEquals(binary, stats.requests("GET", VALUES), "one single read per binary value");
        assertTrue(binary >= 3, "the seed has binary values: " + binary);
        assertEquals(1 + pages.size() + bulkGets + binary, stats.totalRequests());

        ClientStats cs = client.stats();
        assertEquals(stats.totalRequests(), cs.requests());
        assertEquals(0, cs.rateLimited());
        assertEquals(0, cs.retries());
        assertTrue(cs.bytesReceived() > 9_000_000, "the values came through: " + cs.bytesReceived());
        assertEquals(new KvScopeCounters(3000, 3000, 0, 0, pages.size(), bulkGets, binary), source.counters(ns));
        assertEquals(cs.requests(), trace.size(), "one trace line per exchange");
        assertNoToken(server);
    }

    @Test
    void underInjectedFaultsTheExportIsStillExact() throws IOException {
        FakeClock clock = new FakeClock(Clock.systemUTC().instant());
        FakeSleeper sleeper = new FakeSleeper(clock);
        SandboxServer server = sandbox(
                SandboxConfig.builder()
                        .rateLimit(RateLimit.UNLIMITED)
                        .faults(Faults.parse("429=0.05,500=0.02,reset=0.01"))
                        .randomSeed(20261129L)
                        .seedKv(List.of(KvSeed.parse("FAULTY=3000")))
                        .build(),
                clock);
        CloudflareClient client = client(
                server,
                CloudflareClientOptions.builder()
                        .clock(clock)
                        .sleeper(sleeper)
                        .retryPolicy(RetryPolicy.builder(3)
                                .sleeper(sleeper)
                                .maxAttempts(12)
                                .build())
                        .build());
        KvNamespace ns = SandboxTruth.namespace(server, "FAULTY");
        KvRestSource source = source(client, List.of("FAULTY"), "");

        List<Entry> exported = SandboxTruth.drain(source.entries(ns, Checkpoint.START));

        assertEquals(SandboxTruth.entries(server, ns, "", clock.epochSecond()), exported);
        SandboxStats stats = server.stats();
        ClientStats cs = client.stats();
        long faults = stats.faults("429") + stats.faults("500") + stats.faults("reset");
        assertTrue(faults > 0, "faults were injected: " + stats.faults());
        assertEquals(faults, cs.retries(), "each fault cost exactly one retry");
        assertEquals(stats.faults("429"), cs.rateLimited());
        assertEquals(stats.faults("500"), cs.serverErrors());
        assertEquals(stats.faults("reset"), cs.transportErrors());
        assertEquals(0, stats.rateLimited());
        assertNoToken(server);
    }

    @Test
    void theLimiterNeverLetsTheSandboxRefuseARequest() throws IOException {
        SandboxServer server = sandbox(
                SandboxConfig.builder()
                        .rateLimit(RateLimit.parse("40/2s"))
                        .seedKv(List.of(KvSeed.parse("LIMITED=3500")))
                        .build(),
                Clock.systemUTC());
        CloudflareClient client = client(
                server,
                CloudflareClientOptions.builder()
                        .budget(RequestBudget.parse("40/2s"))
                        .build());
        KvNamespace ns = SandboxTruth.namespace(server, "LIMITED");
        KvRestSource source = source(client, List.of(ns.namespaceId()), "");

        List<Entry> exported = SandboxTruth.drain(source.entries(ns, Checkpoint.START));

        assertEquals(SandboxTruth.entries(server, ns, "", now()), exported);
        SandboxStats stats = server.stats();
        assertTrue(stats.totalRequests() > 80, "more than two windows' worth: " + stats.totalRequests());
        assertEquals(0, stats.rateLimited(), "the sandbox never had to refuse a request");
        assertEquals(0, client.stats().rateLimited());
        assertEquals(stats.totalRequests(), client.stats().requests());
        assertTrue(client.stats().throttled().toMillis() > 0, "the limiter held requests back");
    }

    @Test
    void withoutABudgetTheServersHeadersKeepTheClientUnderItsLimit() throws IOException {
        SandboxServer server = sandbox(
                SandboxConfig.builder()
                        .rateLimit(RateLimit.parse("30/1s"))
                        .seedKv(List.of(KvSeed.parse("HEADERS=2000")))
                        .build(),
                Clock.systemUTC());
        CloudflareClient client = client(
                server,
                CloudflareClientOptions.builder()
                        .budget(RequestBudget.UNLIMITED)
                        .build());
        KvNamespace ns = SandboxTruth.namespace(server, "HEADERS");
        List<Entry> exported = SandboxTruth.drain(source(client, List.of(), "").entries(ns, Checkpoint.START));
        assertEquals(SandboxTruth.entries(server, ns, "", now()), exported);
        assertTrue(server.stats().totalRequests() > 30, "more than one window's worth");
        assertEquals(0, server.stats().rateLimited(), "Ratelimit-Policy and Ratelimit kept it under");
    }

    @Test
    void resumingFromEveryCheckpointYieldsExactlyTheRest() throws IOException {
        SandboxServer server = sandbox("SMALL=60");
        CloudflareClient client = client(server, fast());
        KvNamespace ns = SandboxTruth.namespace(server, "SMALL");
        KvRestSource source = new KvRestSource(client, List.of(), "", 10);
        closeables.add(source);

        List<SandboxTruth.Read> full = SandboxTruth.drainWithCheckpoints(source.entries(ns, Checkpoint.START));
        assertEquals(
                SandboxTruth.entries(server, ns, "", now()),
                full.stream().map(SandboxTruth.Read::entry).toList());
        List<String> pageCursors = full.stream()
                .map(r -> KvListPosition.from(r.checkpoint()).listCursor())
                .distinct()
                .toList();
        assertEquals(6, pageCursors.size(), "60 keys, 10 a page");
        assertEquals("", pageCursors.get(0), "the first page is listed from the top");

        for (int i = 0; i < full.size(); i++) {
            Checkpoint cp = full.get(i).checkpoint();
            KvListPosition pos = KvListPosition.from(cp);
            assertEquals(full.get(i).entry().key(), pos.lastKey());
            assertEquals(cp, pos.toCheckpoint());
            long before = server.stats().requests("GET", KEYS);
            List<Entry> rest = SandboxTruth.drain(source.entries(ns, cp));
            assertEquals(
                    full.subList(i + 1, full.size()).stream()
                            .map(SandboxTruth.Read::entry)
                            .toList(),
                    rest,
                    "resumed after entry " + i);
            long lists = server.stats().requests("GET", KEYS) - before;
            assertEquals(
                    pageCursors.size() - pageCursors.indexOf(pos.listCursor()), lists, "at most one extra list call");
        }
        assertEquals(
                full.stream().map(SandboxTruth.Read::entry).toList(),
                SandboxTruth.drain(source.entries(ns, Checkpoint.START)));
    }

    @Test
    void aCheckpointOfAnotherPrefixIsRefused() throws IOException {
        SandboxServer server = sandbox("SMALL=40");
        KvNamespace ns = SandboxTruth.namespace(server, "SMALL");
        KvRestSource source = source(client(server, fast()), List.of(), "order:");
        Checkpoint other = new KvListPosition(null, "", "user:").toCheckpoint();
        LandfallException e = assertThrows(LandfallException.class, () -> source.entries(ns, other));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("'user:'"), e.getMessage());
    }

    @Test
    void aPrefixReadsOnlyItsKeys() throws IOException {
        SandboxServer server = sandbox("SMALL=200");
        KvNamespace ns = SandboxTruth.namespace(server, "SMALL");
        CloudflareClient client = client(server, fast());
        for (String prefix : List.of("order:", "user:", "100% real+", "a/b c:d?", "no such prefix")) {
            List<Entry> exported =
                    SandboxTruth.drain(source(client, List.of(), prefix).entries(ns, Checkpoint.START));
            List<Entry> truth = SandboxTruth.entries(server, ns, prefix, now());
            assertEquals(truth, exported, "prefix " + prefix);
            assertTrue(exported.stream().allMatch(e -> e.key().text().startsWith(prefix)));
        }
        assertEquals(
                6,
                SandboxTruth.drain(source(client, List.of(), "order:").entries(ns, Checkpoint.START))
                        .size());
    }

    @Test
    void unknownNamespacesAreRejectedListingTheAvailableOnes() throws IOException {
        SandboxServer server = sandbox("SESSIONS=30", "USERS=30");
        CloudflareClient client = client(server, fast());
        KvRestSource bad = source(client, List.of("SESSIONS", "nope", "0123"), "");
        LandfallException e = assertThrows(LandfallException.class, bad::scopes);
        assertEquals(ErrorKind.REJECTED, e.kind());
        assertEquals(2, e.exitCode());
        assertTrue(
                e.getMessage().startsWith("no kv namespaces 'nope', '0123' in account " + server.accountId()),
                e.getMessage());
        KvNamespace sessions = SandboxTruth.namespace(server, "SESSIONS");
        KvNamespace users = SandboxTruth.namespace(server, "USERS");
        assertTrue(e.getMessage().contains("SESSIONS (" + sessions.namespaceId() + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("USERS (" + users.namespaceId() + ")"), e.getMessage());
        assertEquals(0, server.stats().requests("GET", KEYS), "no data moved");

        KvRestSource good = source(client, List.of(users.namespaceId(), "SESSIONS", "USERS"), "");
        assertEquals(List.of(sessions, users), scopes(good), "by title, each once");
    }

    @Test
    void credentialsPermissionsAndMissingNamespacesAreRejectedWithoutTheToken() throws IOException {
        SandboxServer server = sandbox("SESSIONS=30");
        String wrongToken = "not-the-token-" + "x".repeat(20);
        LandfallException token = assertThrows(
                LandfallException.class,
                () -> scopes(source(client(server, wrongToken, server.accountId(), fast()), List.of(), "")));
        assertEquals(ErrorKind.REJECTED, token.kind());
        assertTrue(token.getMessage().startsWith("token rejected"), token.getMessage());
        assertClean(token, wrongToken);

        String otherAccount = "ffffffffffffffffffffffffffffffff";
        LandfallException permission = assertThrows(
                LandfallException.class,
                () -> scopes(source(client(server, server.token(), otherAccount, fast()), List.of(), "")));
        assertEquals(ErrorKind.REJECTED, permission.kind());
        assertTrue(permission.getMessage().contains("\"Workers KV Storage Read\""), permission.getMessage());
        assertClean(permission, server.token());

        KvNamespace gone = new KvNamespace("0000000000000000000000000000dead", "GONE");
        KvRestSource source = source(client(server, fast()), List.of(), "");
        Cursor<Entry> c = source.entries(gone, Checkpoint.START);
        LandfallException missing = assertThrows(LandfallException.class, c::next);
        assertEquals(ErrorKind.REJECTED, missing.kind());
        assertTrue(
                missing.getMessage().startsWith("kv namespace 0000000000000000000000000000dead was not found"),
                missing.getMessage());
        assertClean(missing, server.token());
        assertThrows(LandfallException.class, c::next, "a failed cursor stays failed");
        c.close();
        assertNoToken(server);
    }

    private static void assertClean(LandfallException e, String token) {
        String all = e.getMessage() + " " + e.hint().orElse("");
        assertFalse(all.contains(token), all);
        assertFalse(all.contains("\tat ") || all.contains("Exception"), all);
    }

    @Test
    void batchesTooLargeForOneBulkGetAreSplit() throws IOException {
        SandboxServer server = sandbox("HUGE=12:6000000");
        CloudflareClient client = client(server, fast());
        KvNamespace ns = SandboxTruth.namespace(server, "HUGE");
        KvRestSource source = source(client, List.of(), "");
        List<Entry> exported = SandboxTruth.drain(source.entries(ns, Checkpoint.START));
        assertEquals(SandboxTruth.entries(server, ns, "", now()), exported);
        assertTrue(server.stats().responsesByStatus().getOrDefault(413, 0L) > 0, "a bulk get was too large");
        assertTrue(source.counters(ns).bulkGets() > 1, source.counters(ns).toString());
    }

    @Test
    void closingTheSourceStopsItsCursors() throws Exception {
        SandboxServer server = sandbox("SMALL=300");
        KvNamespace ns = SandboxTruth.namespace(server, "SMALL");
        KvRestSource source = new KvRestSource(client(server, fast()), List.of(), "", 10);
        Cursor<Entry> c = source.entries(ns, Checkpoint.START);
        assertTrue(c.next());
        source.close();
        source.close();
        assertThrows(java.io.InterruptedIOException.class, c::next);
        c.close();
        assertThrows(IllegalStateException.class, () -> source.entries(ns, Checkpoint.START));
    }
}
