package dev.landfall.core.cursor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.MemoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first selected scope is opened and read ahead at once, handed over once, and stopped if never taken. */
class FirstScopeReadAheadTest {
    private static final KvNamespace A = new KvNamespace("nsA", "A");
    private static final KvNamespace B = new KvNamespace("nsB", "B");

    /** A source that records which scopes were opened and whether their cursors were closed. */
    private static final class Recording implements Source {
        final MemoryStore store;
        final List<String> opened = new ArrayList<>();
        final List<Cursor<Entry>> cursors = new ArrayList<>();
        final List<Boolean> closed = new ArrayList<>();

        Recording(MemoryStore store) {
            this.store = store;
        }

        @Override
        public String describe() {
            return store.describe();
        }

        @Override
        public Cursor<Scope> scopes() throws IOException {
            return store.scopes();
        }

        @Override
        public Cursor<Entry> entries(Scope scope, Checkpoint after) throws IOException {
            opened.add(scope.id() + (after.isStart() ? "" : " after " + after.lastKey()));
            Cursor<Entry> inner = store.entries(scope, after);
            int index = closed.size();
            closed.add(false);
            Cursor<Entry> c = new MappingCursor<>(inner) {
                @Override
                protected Entry map(Entry e) {
                    return e;
                }

                @Override
                public void close() throws IOException {
                    closed.set(index, true);
                    super.close();
                }
            };
            cursors.add(c);
            return c;
        }

        @Override
        public void close() {}
    }

    private static Recording source() throws IOException {
        MemoryStore store = new MemoryStore("kv");
        for (KvNamespace ns : List.of(A, B)) {
            try (ScopeWriter w = store.open(ns, WriteMode.UPSERT)) {
                for (String k : List.of(ns.namespaceId() + "-1", ns.namespaceId() + "-2")) {
                    w.put(new Entry(ns, Key.of(k), k.getBytes(StandardCharsets.UTF_8), null, null));
                }
                w.flush();
            }
        }
        return new Recording(store);
    }

    private static List<String> keys(Cursor<Entry> c) throws IOException {
        List<String> out = new ArrayList<>();
        try (c) {
            while (c.next()) {
                out.add(c.current().key().text());
            }
        }
        return out;
    }

    @Test
    void theFirstSelectedScopeIsOpenedAtOnceAndHandedOverOnceFromTheTop() throws IOException {
        Recording source = source();
        try (FirstScopeReadAhead ahead = new FirstScopeReadAhead(source, s -> s.id().equals(B.id()))) {
            assertEquals(List.of(B.id()), source.opened, "opened before anyone asked");
            assertEquals(List.of("nsB-1", "nsB-2"), keys(ahead.entries(B, Checkpoint.START)));
            assertEquals(List.of(B.id()), source.opened, "handed the cursor already running");
            assertEquals(List.of("nsB-1", "nsB-2"), keys(ahead.entries(B, Checkpoint.START)));
            assertEquals(List.of("nsA-1", "nsA-2"), keys(ahead.entries(A, Checkpoint.START)));
            assertEquals(List.of("nsB-2"), keys(ahead.entries(B, Checkpoint.after(Key.of("nsB-1")))));
            assertEquals(List.of(B.id(), B.id(), A.id(), B.id() + " after nsB-1"), source.opened);
        }
    }

    @Test
    void closingStopsAReadAheadNobodyTook() throws IOException {
        Recording source = source();
        FirstScopeReadAhead ahead = new FirstScopeReadAhead(source, s -> true);
        assertEquals(1, source.opened.size());
        ahead.close();
        ahead.close();
        assertTrue(source.closed.get(0), "the source's cursor was closed");
    }

    @Test
    void noSelectedScopeOpensNothing() throws IOException {
        Recording source = source();
        try (FirstScopeReadAhead ahead = new FirstScopeReadAhead(source, s -> false)) {
            assertEquals(List.of(), source.opened);
            assertEquals(List.of("nsA-1", "nsA-2"), keys(ahead.entries(A, Checkpoint.START)));
        }
    }
}
