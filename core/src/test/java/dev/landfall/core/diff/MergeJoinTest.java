package dev.landfall.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.MemoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergeJoinTest {
    private static final KvNamespace NS = new KvNamespace("aaaa", "A");
    private static final long NOW = 1_800_000_000L;

    @Test
    void classifiesEveryKeyOfBothSidesInKeyOrder() throws IOException {
        MemoryStore source = store(
                e("a", "1", null, null),
                e("b", "2", null, null),
                e("c", "3", "{\"m\":1}", null),
                e("d", "4", null, NOW + 60),
                e("f", "6", null, null));
        MemoryStore target = store(
                e("b", "2", null, null),
                e("c", "3", "{\"m\":2}", null),
                e("d", "4", null, NOW + 61),
                e("e", "5", null, null),
                e("f", "six", null, null),
                e("g", "7", null, null));
        assertEquals(
                List.of("CREATE a", "UNCHANGED b", "UPDATE c", "UPDATE d", "DELETE e", "UPDATE f", "DELETE g"),
                changes(source, target));
    }

    @Test
    void metadataThatDiffersOnlyInSpacingIsUnchanged() throws IOException {
        MemoryStore source = store(e("k", "v", "{\"a\":1,\"b\":[1,2]}", null));
        MemoryStore target = store(e("k", "v", "{ \"b\" : [1, 2], \"a\" : 1 }", null));
        assertEquals(List.of("UNCHANGED k"), changes(source, target));
        MemoryStore noMetadata = store(e("k", "v", null, null));
        assertEquals(List.of("UPDATE k"), changes(source, noMetadata));
    }

    @Test
    void expiredEntriesAreAbsentOnBothSides() throws IOException {
        MemoryStore source = store(e("a", "1", null, NOW), e("b", "2", null, null), e("c", "3", null, NOW - 5));
        MemoryStore target = store(e("b", "2", null, NOW - 1), e("c", "3", null, null), e("d", "4", null, NOW));
        try (MergeJoin join = join(source, target, Checkpoint.START)) {
            List<String> out = drain(join);
            assertEquals(List.of("CREATE b", "DELETE c"), out);
            assertEquals(2, join.expiredInSource());
            assertEquals(2, join.expiredInStore());
        }
    }

    @Test
    void checkpointFollowsHandedOutSourceKeysOnly() throws IOException {
        MemoryStore source = store(e("a", "1", null, null), e("c", "3", null, null));
        MemoryStore target = store(e("b", "2", null, null), e("d", "4", null, null));
        try (MergeJoin join = join(source, target, Checkpoint.START)) {
            join.next(); // CREATE a
            assertEquals(Checkpoint.after(Key.of("a")), join.checkpoint());
            join.next(); // DELETE b: still after a, so a resumed run deletes b again
            assertEquals("DELETE b", show(join.current()));
            assertEquals(Checkpoint.after(Key.of("a")), join.checkpoint());
            join.next(); // CREATE c
            assertEquals(Checkpoint.after(Key.of("c")), join.checkpoint());
            join.next(); // DELETE d
            assertEquals("DELETE d", show(join.current()));
        }
    }

    @Test
    void resumesAfterACheckpointOnBothSides() throws IOException {
        MemoryStore source = store(e("a", "1", null, null), e("c", "3", null, null), e("e", "5", null, null));
        MemoryStore target = store(e("b", "2", null, null), e("c", "x", null, null), e("d", "4", null, null));
        Checkpoint after = Checkpoint.after(Key.of("b"));
        try (MergeJoin join = join(source, target, after)) {
            assertEquals(List.of("UPDATE c", "DELETE d", "CREATE e"), drain(join));
        }
    }

    @Test
    void currentNeedsNext() throws IOException {
        try (MergeJoin join = join(store(), store(), Checkpoint.START)) {
            assertThrows(IllegalStateException.class, join::current);
            assertEquals(List.of(), drain(join));
            assertEquals(Checkpoint.START, join.checkpoint());
        }
    }

    @Test
    void tallyAppliesTheWriteMode() throws IOException {
        MemoryStore source = store(e("a", "1", null, null), e("b", "2", null, null), e("c", "3", null, null));
        MemoryStore target = store(e("b", "2", null, null), e("c", "x", null, null), e("d", "4", null, null));
        for (WriteMode mode : WriteMode.values()) {
            ChangeTally tally = new ChangeTally(mode);
            List<String> actions = new ArrayList<>();
            try (MergeJoin join = join(source, target, Checkpoint.START)) {
                while (join.next()) {
                    actions.add(
                            tally.take(join.current()) + " " + join.current().key());
                }
            }
            ChangeCounts c = tally.counts(0);
            switch (mode) {
                case UPSERT -> {
                    assertEquals(List.of("PUT a", "NONE b", "PUT c", "NONE d"), actions);
                    assertEquals(new ChangeCounts(1, 1, 0, 1, 0, 1, 0, 2), c);
                }
                case MIRROR -> {
                    assertEquals(List.of("PUT a", "NONE b", "PUT c", "DELETE d"), actions);
                    assertEquals(new ChangeCounts(1, 1, 1, 1, 0, 0, 0, 2), c);
                }
                case CREATE_ONLY -> {
                    assertEquals(List.of("PUT a", "NONE b", "NONE c", "NONE d"), actions);
                    assertEquals(new ChangeCounts(1, 0, 0, 1, 1, 1, 0, 1), c);
                }
            }
            assertEquals(c.created() + c.updated() + c.deleted(), c.changes());
        }
    }

    private static MergeJoin join(MemoryStore source, MemoryStore target, Checkpoint after) throws IOException {
        Checkpoint storeAfter = after.last().map(Checkpoint::after).orElse(Checkpoint.START);
        return new MergeJoin(source.entries(NS, after), target.entries(NS, storeAfter), NOW);
    }

    private static List<String> changes(MemoryStore source, MemoryStore target) throws IOException {
        try (MergeJoin join = join(source, target, Checkpoint.START)) {
            return drain(join);
        }
    }

    private static List<String> drain(MergeJoin join) throws IOException {
        List<String> out = new ArrayList<>();
        while (join.next()) {
            out.add(show(join.current()));
        }
        return out;
    }

    private static String show(KeyChange c) {
        return c.kind() + " " + c.key();
    }

    private static Entry e(String key, String value, String metadata, Long expiration) {
        return new Entry(NS, Key.of(key), value.getBytes(StandardCharsets.UTF_8), metadata, expiration);
    }

    private static MemoryStore store(Entry... entries) throws IOException {
        MemoryStore store = new MemoryStore();
        try (ScopeWriter w = store.open(NS, WriteMode.UPSERT)) {
            for (Entry e : entries) {
                w.put(e);
            }
            w.flush();
        }
        return store;
    }
}
