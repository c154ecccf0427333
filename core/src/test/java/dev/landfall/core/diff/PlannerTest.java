package dev.landfall.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.MemoryStore;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
    static final KvNamespace NS = new KvNamespace("0f2ac74b498b48028cb68387c421e279", "SESSIONS");
    static final KvNamespace EMPTY = new KvNamespace("9a8b7c6d5e4f30211203f4e5d6c7b8a9", "FLAGS");
    private final FakeClock clock = new FakeClock();

    @Test
    void countsEveryKindAndKeepsTheFirstChangesInKeyOrder() throws IOException {
        Plan plan = samplePlan(clock, WriteMode.MIRROR, 2);
        ScopePlan s = plan.scopes().get(0);
        assertEquals(new ChangeCounts(2, 2, 1, 1, 0, 0, 1, 22), s.counts());
        assertEquals(List.of("a", "c"), s.shown().stream().map(KeyDetail::key).toList());
        assertEquals(3, s.notShown());
        assertTrue(plan.hasChanges());
        KeyDetail update = s.shown().get(1);
        assertEquals(ChangeKind.UPDATE, update.kind());
        assertTrue(update.metadataChanged());
        assertFalse(update.valueChanged());
        assertFalse(update.expirationChanged());
    }

    @Test
    void aPlanOfIdenticalDataHasNoChanges() throws IOException {
        MemoryStore a = store(e("k", "v", null, null));
        MemoryStore b = store(e("k", "v", null, null));
        Plan plan = new Planner(a, b, WriteMode.MIRROR, 10, clock, Planner.Listener.NONE).plan(s -> true);
        assertFalse(plan.hasChanges());
        assertEquals(1, plan.totals().unchanged());
    }

    @Test
    void upsertOnlyCountsStoreOnlyKeysAndCreateOnlyKeepsDifferences() throws IOException {
        Plan upsert = samplePlan(clock, WriteMode.UPSERT, 10);
        assertEquals(0, upsert.totals().deleted());
        assertEquals(1, upsert.totals().storeOnly());
        Plan createOnly = samplePlan(clock, WriteMode.CREATE_ONLY, 10);
        assertEquals(0, createOnly.totals().updated());
        assertEquals(2, createOnly.totals().kept());
        assertEquals(
                List.of(ChangeKind.CREATE, ChangeKind.CREATE),
                createOnly.scopes().get(0).shown().stream().map(KeyDetail::kind).toList());
    }

    /**
     * Source: a, b, c (metadata differs), d (value differs), e (expired), g. Store: b, c, d, f.
     * Changes under mirror: create a, g; update c, d; delete f; unchanged b; one expired.
     */
    static Plan samplePlan(FakeClock clock, WriteMode mode, int show) throws IOException {
        long now = clock.epochSecond();
        MemoryStore source = store(
                e("a", "new", null, null),
                e("b", "same", null, null),
                e("c", "meta", "{\"v\":2}", null),
                e("d", "value-2", null, 4_102_444_800L),
                e("e", "gone", null, now - 1),
                e("g", "\u001b[31mred", null, null));
        MemoryStore store = store(
                e("b", "same", null, null),
                e("c", "meta", "{\"v\":1}", null),
                e("d", "value-1", null, 4_102_444_800L),
                e("f", "only-here", null, null));
        // An empty scope in the source plans to nothing, not to an error.
        try (ScopeWriter w = source.open(EMPTY, WriteMode.UPSERT)) {
            w.flush();
        }
        return new Planner(source, store, mode, show, clock, Planner.Listener.NONE).plan(s -> true);
    }

    static Entry e(String key, String value, String metadata, Long expiration) {
        return new Entry(NS, Key.of(key), value.getBytes(StandardCharsets.UTF_8), metadata, expiration);
    }

    static MemoryStore store(Entry... entries) throws IOException {
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
