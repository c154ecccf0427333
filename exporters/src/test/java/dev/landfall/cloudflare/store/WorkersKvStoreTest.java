package dev.landfall.cloudflare.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.cloudflare.SandboxFixture;
import dev.landfall.cloudflare.api.CloudflareAccess;
import dev.landfall.core.checkpoint.RunJournal;
import dev.landfall.core.copy.CommitPolicy;
import dev.landfall.core.copy.Copier;
import dev.landfall.core.copy.CopyListener;
import dev.landfall.core.copy.WriteStrategy;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Sink;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceOptions;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.MemoryStore;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.internal.KvItem;
import dev.landfall.sandbox.internal.KvNamespaceState;
import dev.landfall.sandbox.internal.KvValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workers KV as a store against the sandbox: round trips, namespace mapping, refusals, mirror, resume. */
class WorkersKvStoreTest {
    private static final KvNamespace SOURCE = new KvNamespace("0f2ac74b498b48028cb68387c421e279", "SESSIONS");
    private static final long FUTURE = 4_102_444_800L;

    @TempDir
    Path dir;

    private final SandboxFixture sandbox = new SandboxFixture(SandboxConfig.defaults());
    private final Clock clock = Clock.systemUTC();

    @AfterEach
    void close() throws Exception {
        sandbox.close();
    }

    private SourceEnv env() {
        return new SourceEnv(
                Map.of(
                        CloudflareAccess.TOKEN, sandbox.server().token(),
                        CloudflareAccess.BASE_URL, sandbox.server().baseUrl()),
                clock,
                SourceOptions.DEFAULTS.withBudget(dev.landfall.core.time.RequestBudget.UNLIMITED));
    }

    private String uri(String query) {
        return "cloudflare://" + sandbox.server().accountId() + query;
    }

    private WorkersKvStore open(String query) throws IOException {
        return (WorkersKvStore) StoreRegistry.open("--to", StoreUri.parse(uri(query)), env());
    }

    private static List<Entry> entries(Scope scope) {
        byte[] binary = new byte[256];
        for (int i = 0; i < 256; i++) {
            binary[i] = (byte) i;
        }
        List<Entry> out = new ArrayList<>(List.of(
                new Entry(scope, Key.of("a-binary"), binary, null, null),
                new Entry(scope, Key.of("b-metadata"), bytes("v"), "{\"a\":1,\"b\":[true,null,\"x\"]}", FUTURE),
                new Entry(scope, Key.of("c-empty"), new byte[0], null, null),
                new Entry(scope, Key.of("d-expires"), bytes("later"), null, FUTURE + 1),
                new Entry(scope, Key.of("é".repeat(256)), bytes("512-byte key"), null, null),
                new Entry(scope, Key.of("path/to?x=1&y=2 space"), bytes("héllo 😀"), null, null)));
        out.sort((x, y) -> x.key().compareTo(y.key()));
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static MemoryStore source(Map<Scope, List<Entry>> content) throws IOException {
        MemoryStore m = new MemoryStore("source");
        for (Map.Entry<Scope, List<Entry>> scope : content.entrySet()) {
            try (ScopeWriter w = m.open(scope.getKey(), WriteMode.UPSERT)) {
                for (Entry e : scope.getValue()) {
                    w.put(e);
                }
                w.flush();
            }
        }
        return m;
    }

    private Copier copier(Source from, Sink to, Source current, WriteMode mode, int batch) {
        return new Copier(
                from,
                to,
                WriteStrategy.changesAgainst(current),
                mode,
                new CommitPolicy(batch, 16L * 1024 * 1024),
                clock,
                CopyListener.NONE);
    }

    private static List<Entry> readAll(Source s, Scope scope) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Cursor<Entry> c = s.entries(scope, Checkpoint.START)) {
            while (c.next()) {
                out.add(c.current());
            }
        }
        return out;
    }

    private static void assertSame(List<Entry> expected, List<Entry> actual) {
        assertEquals(expected.size(), actual.size(), "count");
        for (int i = 0; i < expected.size(); i++) {
            Entry e = expected.get(i);
            Entry a = actual.get(i);
            assertEquals(e.key(), a.key());
            assertArrayEquals(e.value(), a.value(), e.key().text());
            assertEquals(e.metadataJson(), a.metadataJson(), e.key().text());
            assertEquals(e.expiration(), a.expiration(), e.key().text());
            assertEquals(e.scope(), a.scope(), "read back under the source's scope");
        }
    }

    @Test
    void aNamespaceGoesIntoANewNamedOneByteExactAndASecondRunWritesNothing() throws IOException {
        List<Entry> expected = entries(SOURCE);
        MemoryStore from = source(Map.of(SOURCE, expected));
        try (WorkersKvStore store = open("?namespace=SESSIONS-BACK&create=true")) {
            copier(from, store, store, WriteMode.UPSERT, 4).copyAll();
            assertSame(expected, readAll(store, SOURCE));
            assertEquals(expected.size(), store.written().pairs());
            assertEquals(2, store.written().requests(), "six pairs in batches of four");
        }
        KvNamespaceState created = sandbox.server().kvStore().all().stream()
                .filter(n -> n.title().equals("SESSIONS-BACK"))
                .findFirst()
                .orElseThrow();
        assertEquals(expected.size(), created.storedCount());
        try (WorkersKvStore again = open("?namespace=SESSIONS-BACK")) {
            copier(from, again, again, WriteMode.UPSERT, 4).copyAll();
            assertEquals(0, again.written().pairs(), "only what differs is written");
        }
    }

    @Test
    void withoutANamedNamespaceEachGoesBackIntoTheOneWithItsIdThenItsTitle() throws IOException {
        KvNamespaceState same = sandbox.server().kvStore().create("ORIGINAL");
        KvNamespaceState titled = sandbox.server().kvStore().create("FLAGS");
        KvNamespace byId = new KvNamespace(same.id(), "renamed since");
        KvNamespace byTitle = new KvNamespace("11112222333344445555666677778888", "FLAGS");
        MemoryStore from = source(Map.of(byId, entries(byId), byTitle, entries(byTitle)));
        try (WorkersKvStore store = open("")) {
            copier(from, store, store, WriteMode.UPSERT, 100).copyAll();
        }
        assertEquals(6, same.storedCount());
        assertEquals(6, titled.storedCount());
    }

    @Test
    void openingForReadingCreatesNothingAndAMissingNamespaceReadsAsEmpty() throws IOException {
        int before = sandbox.server().kvStore().all().size();
        try (Source store =
                StoreRegistry.openForReading("--to", StoreUri.parse(uri("?namespace=NEW&create=true")), env())) {
            assertEquals(List.of(), readAll(store, SOURCE));
            try (Cursor<Scope> scopes = store.scopes()) {
                assertFalse(scopes.next());
            }
        }
        assertEquals(before, sandbox.server().kvStore().all().size());
    }

    @Test
    void durableObjectScopesAreRefusedBeforeAnythingIsWritten() throws IOException {
        DurableObject object = new DurableObject("5d3c8e1f2a4b6c7d8e9f0a1b2c3d4e5f", "c0ffee");
        MemoryStore from = source(Map.of(
                SOURCE, entries(SOURCE), object, List.of(new Entry(object, Key.of("k"), bytes("1"), null, null))));
        try (WorkersKvStore store = open("?create=true")) {
            LandfallException e = assertThrows(
                    LandfallException.class,
                    () -> copier(from, store, store, WriteMode.UPSERT, 100).copyAll());
            assertEquals(ErrorKind.USAGE, e.kind());
            assertEquals(2, e.kind().exitCode());
            assertTrue(e.getMessage().contains("Durable Object"), e.getMessage());
            assertTrue(e.hint().orElseThrow().contains("--kv"), e.hint().orElseThrow());
            assertEquals(0, store.written().requests());
        }
        assertEquals(List.of(), sandbox.server().kvStore().all(), "no namespace was created");
    }

    @Test
    void aMissingNamespaceWithoutCreateIsAUsageErrorThatNamesItAndTheFix() throws IOException {
        MemoryStore from = source(Map.of(SOURCE, entries(SOURCE)));
        try (WorkersKvStore store = open("?namespace=ELSEWHERE")) {
            LandfallException e = assertThrows(
                    LandfallException.class,
                    () -> copier(from, store, store, WriteMode.UPSERT, 100).copyAll());
            assertEquals(2, e.kind().exitCode());
            assertTrue(e.getMessage().contains("'ELSEWHERE'"), e.getMessage());
            assertTrue(e.hint().orElseThrow().contains("create=true"), e.hint().orElseThrow());
        }
        assertEquals(List.of(), sandbox.server().kvStore().all());
    }

    @Test
    void twoNamespacesCannotGoIntoTheOneTheUriNames() throws IOException {
        KvNamespace other = new KvNamespace("9a8b7c6d5e4f30211203f4e5d6c7b8a9", "FLAGS");
        MemoryStore from = source(Map.of(SOURCE, entries(SOURCE), other, entries(other)));
        try (WorkersKvStore store = open("?namespace=BACK&create=true")) {
            LandfallException e = assertThrows(
                    LandfallException.class,
                    () -> copier(from, store, store, WriteMode.UPSERT, 100).copyAll());
            assertEquals(ErrorKind.USAGE, e.kind());
            assertTrue(e.hint().orElseThrow().contains("--kv"), e.hint().orElseThrow());
        }
        assertEquals(List.of(), sandbox.server().kvStore().all());
    }

    @Test
    void mirrorDeletesTheKeysTheSourceLacks() throws IOException {
        KvNamespaceState target = sandbox.server().kvStore().create("BACK");
        target.put(new KvItem(Key.of("stale"), KvValue.of(bytes("old")), null, null));
        target.put(new KvItem(Key.of("zz-stale"), KvValue.of(bytes("old")), null, null));
        List<Entry> expected = entries(SOURCE);
        MemoryStore from = source(Map.of(SOURCE, expected));
        try (WorkersKvStore store = open("?namespace=BACK")) {
            copier(from, store, store, WriteMode.MIRROR, 100).copyAll();
            assertSame(expected, readAll(store, SOURCE));
            assertEquals(2, store.written().deletes());
        }
        assertEquals(expected.size(), target.storedCount());
    }

    /** Killed after a batch reached Cloudflare and before its checkpoint was journaled. */
    @Test
    void aRunKilledMidwayResumesSendingAtMostOneBatchAgainAndEndsEqual() throws IOException {
        List<Entry> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add(new Entry(SOURCE, Key.of(String.format("k%03d", i)), bytes("v" + i), null, null));
        }
        MemoryStore from = source(Map.of(SOURCE, expected));
        Path journalFile = dir.resolve("import-journal.ndjson");
        int batch = 10;
        long sentBeforeKill;
        try (WorkersKvStore store = open("?namespace=BACK&create=true");
                RunJournal journal = RunJournal.open(journalFile, clock)) {
            Sink killing = new KilledAfterFlushes(store, 3);
            assertThrows(
                    Killed.class,
                    () -> copier(from, killing, store, WriteMode.UPSERT, batch)
                            .withJournal(journal)
                            .copyAll());
            sentBeforeKill = store.written().pairs();
        }
        assertEquals(30, sentBeforeKill, "three batches reached Cloudflare, two were journaled");
        try (WorkersKvStore store = open("?namespace=BACK");
                RunJournal journal = RunJournal.open(journalFile, clock)) {
            copier(from, store, store, WriteMode.UPSERT, batch)
                    .withJournal(journal)
                    .copyAll();
            long resent = store.written().pairs() - (expected.size() - sentBeforeKill);
            assertTrue(resent >= 0 && resent <= batch, "re-sent at most one batch: " + resent);
            assertSame(expected, readAll(store, SOURCE));
        }
    }

    private static final class Killed extends RuntimeException {}

    /** A sink whose writers die right after the n-th flush returns, before the caller journals it. */
    private record KilledAfterFlushes(Store store, int n) implements Sink {
        @Override
        public ScopeWriter open(Scope scope, WriteMode mode) throws IOException {
            ScopeWriter w = store.open(scope, mode);
            int[] flushes = {0};
            return new ScopeWriter() {
                @Override
                public void put(Entry entry) throws IOException {
                    w.put(entry);
                }

                @Override
                public void delete(Key key) throws IOException {
                    w.delete(key);
                }

                @Override
                public void flush() throws IOException {
                    w.flush();
                    if (++flushes[0] == n) {
                        throw new Killed();
                    }
                }

                @Override
                public void close() throws IOException {
                    w.close();
                }
            };
        }

        @Override
        public void close() {}
    }
}
