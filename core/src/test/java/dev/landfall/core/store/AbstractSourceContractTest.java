package dev.landfall.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.WriteMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link Source} keeps, written once and run per implementation (rclone {@code
 * fstests}, Debezium {@code AbstractJdbcSinkInsertModeTest}): scopes in a stable order, entries in
 * unsigned UTF-8 byte order of their keys and byte-exact, resume from every checkpoint, the cursor
 * lifecycle ({@code current()} needs {@code next()}, {@code checkpoint()} before the first entry,
 * {@code close()} idempotent and callable from another thread), and errors mapped to the right
 * {@link ErrorKind}.
 *
 * <p>A subclass gives two fixtures: {@link #openSource()}, a source holding {@link #expected()}
 * (by default {@link #knownEntries()}: two KV namespaces and a Durable Object, with keys whose byte
 * order differs from {@code String} order, binary values, metadata and expirations), and {@link
 * #broken()}, a source that fails in a way of its choosing with the kind it declares:
 *
 * <pre>
 * class SqliteStoreSourceContractTest extends AbstractSourceContractTest {
 *     protected Source openSource() throws IOException { return filled(sqlite(dir)); }
 *     protected Broken broken() { return new Broken(ErrorKind.FAILED, () -> sqlite(garbageFile)); }
 * }
 * </pre>
 *
 * Sources that hold other entries (a sandbox seeded its own way, a wrangler file with one
 * namespace) override {@link #expected()}. The {@code events:} input is not a source: it is NDJSON
 * for the ClickHouse event sink, with no scopes, keys or checkpoints, so it has no subclass.
 */
public abstract class AbstractSourceContractTest {
    /** Generous: a source that stops at all stops in milliseconds; a hang is what this catches. */
    protected static final Duration NO_HANG = Duration.ofSeconds(60);

    protected static final KvNamespace KV = AbstractStoreContractTest.KV;
    protected static final KvNamespace OTHER_KV = AbstractStoreContractTest.OTHER_KV;
    protected static final DurableObject DO = AbstractStoreContractTest.DO;

    @TempDir
    protected Path tempDir;

    /** Opens a fresh source holding {@link #expected()}; the test closes it. */
    protected abstract Source openSource() throws IOException;

    /** A source that fails, and the kind of error reading it must end in. */
    protected abstract Broken broken() throws IOException;

    /**
     * What {@link #openSource()} holds, by scope, each list in key order. The source may list more
     * scopes than these (Durable Objects' SQL companions); those are not checked.
     */
    protected Map<Scope, List<Entry>> expected() throws IOException {
        return knownEntries();
    }

    /** Opens a source; may already fail (a bad token, a corrupt file). */
    @FunctionalInterface
    protected interface SourceOpener {
        Source open() throws IOException;
    }

    /**
     * A broken fixture: opening the source, listing its scopes and reading every scope must end in
     * a {@link LandfallException} of {@code kind}. An {@link IOException} counts as {@link
     * ErrorKind#TRANSIENT}, as the retry policy treats it.
     */
    protected record Broken(ErrorKind kind, SourceOpener opener) {
        public Broken {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(opener, "opener");
        }
    }

    // --- scopes ------------------------------------------------------------------------------------

    @Test
    public void scopesAreListedInAStableOrder() throws IOException {
        try (Source source = openSource()) {
            List<Scope> first = scopes(source);
            assertEquals(first, scopes(source), "the same order twice");
            assertEquals(first.size(), new HashSet<>(first).size(), "each scope once: " + first);
            assertTrue(first.containsAll(expected().keySet()), "lists every scope it holds: " + first);
        }
    }

    @Test
    public void theScopeCursorKeepsTheLifecycle() throws IOException {
        try (Source source = openSource();
                Cursor<Scope> c = source.scopes()) {
            assertTrue(c.checkpoint().isStart(), "before the first scope");
            assertThrows(IllegalStateException.class, c::current);
            assertTrue(c.next());
            assertNotNull(c.current());
            while (c.next()) {
                c.current();
            }
            assertThrows(IllegalStateException.class, c::current, "after next() returned false");
            c.close();
            c.close();
        }
    }

    @Test
    public void scopeCheckpointsMovePastEachScope() throws IOException {
        try (Source source = openSource();
                Cursor<Scope> c = source.scopes()) {
            List<Checkpoint> seen = new ArrayList<>();
            while (c.next()) {
                Checkpoint after = c.checkpoint();
                assertFalse(
                        after.isStart(),
                        "the checkpoint just after " + c.current().describe());
                assertFalse(
                        seen.contains(after),
                        "a checkpoint of its own after " + c.current().describe());
                seen.add(after);
            }
        }
    }

    // --- entries -----------------------------------------------------------------------------------

    @Test
    public void entriesAreByteExactInUnsignedUtf8KeyOrder() throws IOException {
        Map<Scope, List<Entry>> expected = expected();
        try (Source source = openSource()) {
            for (Map.Entry<Scope, List<Entry>> scope : expected.entrySet()) {
                List<Entry> read = readAll(source, scope.getKey());
                for (int i = 1; i < read.size(); i++) {
                    assertTrue(
                            read.get(i - 1).key().compareTo(read.get(i).key()) < 0,
                            "keys strictly increase in unsigned UTF-8 byte order at "
                                    + read.get(i).key());
                }
                assertSameEntries(scope.getValue(), read, scope.getKey().describe());
            }
        }
    }

    /** Guards the fixture: without such keys the order case above could not fail. */
    @Test
    public void theFixtureHoldsKeysWhoseByteOrderIsNotStringOrder() throws IOException {
        boolean found = false;
        for (List<Entry> entries : expected().values()) {
            for (int i = 1; i < entries.size() && !found; i++) {
                String a = entries.get(i - 1).key().text();
                String b = entries.get(i).key().text();
                found = a.compareTo(b) > 0;
            }
        }
        assertTrue(found, "expected() has no adjacent keys that String.compareTo would swap");
    }

    @Test
    public void resumesFromEveryCheckpoint() throws IOException {
        try (Source source = openSource()) {
            for (Map.Entry<Scope, List<Entry>> scope : expected().entrySet()) {
                List<Entry> all = scope.getValue();
                List<Checkpoint> checkpoints = new ArrayList<>();
                try (Cursor<Entry> c = source.entries(scope.getKey(), Checkpoint.START)) {
                    while (c.next()) {
                        checkpoints.add(c.checkpoint());
                    }
                }
                assertEquals(all.size(), checkpoints.size(), scope.getKey().describe());
                for (int i = 0; i < checkpoints.size(); i++) {
                    assertSameEntries(
                            all.subList(i + 1, all.size()),
                            readAll(source, scope.getKey(), checkpoints.get(i)),
                            scope.getKey().describe() + " after checkpoint " + i + " ("
                                    + all.get(i).key() + ")");
                }
            }
        }
    }

    @Test
    public void beforeTheFirstEntryTheCheckpointIsWhereTheCursorWasOpened() throws IOException {
        Scope scope = largestScope();
        try (Source source = openSource()) {
            Checkpoint middle;
            try (Cursor<Entry> c = source.entries(scope, Checkpoint.START)) {
                assertEquals(Checkpoint.START, c.checkpoint(), "a full read starts at START");
                for (int i = 0; i < expected().get(scope).size() / 2; i++) {
                    assertTrue(c.next());
                }
                middle = c.checkpoint();
            }
            try (Cursor<Entry> c = source.entries(scope, middle)) {
                assertEquals(middle, c.checkpoint(), "a resumed read starts where it was opened");
            }
        }
    }

    @Test
    public void currentNeedsNext() throws IOException {
        Scope scope = largestScope();
        try (Source source = openSource();
                Cursor<Entry> c = source.entries(scope, Checkpoint.START)) {
            assertThrows(IllegalStateException.class, c::current, "before next()");
            assertTrue(c.next());
            assertEquals(expected().get(scope).get(0).key(), c.current().key());
            while (c.next()) {
                c.current();
            }
            assertThrows(IllegalStateException.class, c::current, "after next() returned false");
        }
    }

    @Test
    public void entriesOfAnUnknownScopeAreEmpty() throws IOException {
        // Of the same kind as the fixture's: a source of one kind may refuse a scope of another.
        Scope unknown = largestScope() instanceof DurableObject d
                ? new DurableObject(d.namespaceId(), "feedface".repeat(8))
                : new KvNamespace("feedface".repeat(4), "NOPE");
        try (Source source = openSource()) {
            assertEquals(List.of(), readAll(source, unknown));
        } catch (LandfallException e) {
            // Sources that can only read what they listed may refuse instead, naming the scope.
            assertNotEquals(ErrorKind.INTERNAL, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("feedface"), e.getMessage());
        }
    }

    // --- close -------------------------------------------------------------------------------------

    @Test
    public void closeIsIdempotent() throws IOException {
        Source source = openSource();
        Cursor<Entry> c = source.entries(largestScope(), Checkpoint.START);
        assertTrue(c.next());
        c.close();
        c.close();
        Cursor<Entry> read = source.entries(largestScope(), Checkpoint.START);
        while (read.next()) {
            read.current();
        }
        read.close();
        read.close();
        source.close();
        source.close();
    }

    @Test
    public void closedFromAnotherThreadBetweenNextCallsTheCursorDeliversNoMore() throws Exception {
        try (Source source = openSource()) {
            Cursor<Entry> c = source.entries(largestScope(), Checkpoint.START);
            assertTrue(c.next());
            Thread closer = new Thread(() -> closeQuietly(c), "contract-closer");
            closer.start();
            closer.join(NO_HANG.toMillis());
            assertFalse(closer.isAlive(), "close() returned");
            assertTimeoutPreemptively(NO_HANG, () -> {
                try {
                    assertFalse(c.next(), "next() after close() delivers nothing more");
                } catch (IOException | LandfallException e) {
                    // Stopping with an error is stopping too.
                }
            });
        }
    }

    @Test
    public void closedFromAnotherThreadWhileReadingTheReaderStops() throws Exception {
        try (Source source = openSource()) {
            Cursor<Entry> c = source.entries(largestScope(), Checkpoint.START);
            CountDownLatch reading = new CountDownLatch(1);
            AtomicReference<Throwable> unexpected = new AtomicReference<>();
            Thread reader = new Thread(
                    () -> {
                        try {
                            while (c.next()) {
                                c.current();
                                reading.countDown();
                            }
                        } catch (IOException | LandfallException e) {
                            // how a closed cursor may stop
                        } catch (Throwable t) {
                            unexpected.set(t);
                        } finally {
                            reading.countDown();
                        }
                    },
                    "contract-reader");
            reader.start();
            assertTrue(reading.await(NO_HANG.toMillis(), TimeUnit.MILLISECONDS), "the reader got an entry");
            c.close();
            reader.join(NO_HANG.toMillis());
            assertFalse(reader.isAlive(), "the reader stopped after close()");
            if (unexpected.get() != null) {
                fail("the reader stopped with an unexpected exception", unexpected.get());
            }
            c.close();
        }
    }

    // --- errors ------------------------------------------------------------------------------------

    @Test
    public void errorsAreMappedToTheDeclaredKind() throws IOException {
        Broken broken = broken();
        Throwable thrown = assertTimeoutPreemptively(NO_HANG, () -> {
            try (Source source = broken.opener().open()) {
                for (Scope s : scopes(source)) {
                    readAll(source, s);
                }
            } catch (LandfallException | IOException e) {
                return e;
            }
            return null;
        });
        if (thrown == null) {
            fail("the broken source read without an error; expected " + broken.kind());
        }
        if (thrown instanceof LandfallException e) {
            assertEquals(broken.kind(), e.kind(), "kind of: " + e.getMessage());
            assertFalse(e.getMessage().isBlank());
        } else {
            assertEquals(ErrorKind.TRANSIENT, broken.kind(), "an IOException is transient: " + thrown);
        }
    }

    // --- fixtures and helpers for subclasses -------------------------------------------------------

    /**
     * Two KV namespaces and a Durable Object. {@code KV} holds keys whose unsigned UTF-8 byte order
     * differs from {@code String} order ("Ａ" U+FF21 before "😀" in bytes, after it in UTF-16),
     * binary and empty values, metadata and expirations; {@code OTHER_KV} numbered entries with
     * metadata and expirations; {@code DO} typed-JSON values.
     */
    protected static Map<Scope, List<Entry>> knownEntries() {
        List<Entry> kv = new ArrayList<>(AbstractStoreContractTest.trickyKvEntries());
        for (String k : List.of("A", "a", "a b", "ab", "b", "~", "é", "Ａ", "😀")) {
            kv.add(AbstractStoreContractTest.entry(KV, k, "v-" + k));
        }
        Map<Scope, List<Entry>> out = new LinkedHashMap<>();
        out.put(KV, AbstractStoreContractTest.sorted(kv));
        out.put(OTHER_KV, AbstractStoreContractTest.numbered(OTHER_KV, 25));
        out.put(DO, AbstractStoreContractTest.durableObjectEntries());
        return out;
    }

    /** Writes {@link #expected()} into the store and returns it. */
    protected Store filled(Store store) throws IOException {
        for (Map.Entry<Scope, List<Entry>> scope : expected().entrySet()) {
            AbstractStoreContractTest.write(store, scope.getKey(), WriteMode.UPSERT, scope.getValue());
        }
        return store;
    }

    /** The expected scope with the most entries: the one the lifecycle cases read. */
    protected Scope largestScope() throws IOException {
        Scope best = null;
        for (Map.Entry<Scope, List<Entry>> e : expected().entrySet()) {
            if (best == null || e.getValue().size() > expected().get(best).size()) {
                best = e.getKey();
            }
        }
        assertTrue(best != null && expected().get(best).size() >= 2, "the fixture needs a scope of 2+ entries");
        return best;
    }

    protected static List<Entry> readAll(Source source, Scope scope) throws IOException {
        return AbstractStoreContractTest.readAll(source, scope);
    }

    protected static List<Entry> readAll(Source source, Scope scope, Checkpoint after) throws IOException {
        return AbstractStoreContractTest.readAll(source, scope, after);
    }

    protected static List<Scope> scopes(Source source) throws IOException {
        return AbstractStoreContractTest.scopes(source);
    }

    protected static void assertSameEntries(List<Entry> expected, List<Entry> actual, String context) {
        AbstractStoreContractTest.assertSameEntries(expected, actual, context);
    }

    private static void closeQuietly(Cursor<?> c) {
        try {
            c.close();
        } catch (IOException e) {
            throw new AssertionError("close() failed", e);
        }
    }
}
