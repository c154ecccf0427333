package dev.landfall.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How a batch is cut into ranges and how the parts' outcomes come back. */
class ParallelWritersTest {
    /** A connection that only knows its number and whether it was closed. */
    private static final class Conn implements AutoCloseable {
        final int id;
        volatile boolean closed;

        Conn(int id) {
            this.id = id;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static ParallelWriters<Conn> writers(int n, List<Conn> opened) {
        return new ParallelWriters<>("test:store", new Conn(0), n, () -> {
            Conn c = new Conn(opened.size() + 1);
            opened.add(c);
            return c;
        });
    }

    @Test
    void rangesAreContiguousCoverEveryItemOnceAndRespectTheMinimum() {
        ParallelWriters<Conn> w = writers(4, new ArrayList<>());
        List<Integer> items = IntStream.range(0, 1001).boxed().toList();
        List<List<Integer>> ranges = w.ranges(items, 128);
        assertEquals(4, ranges.size());
        assertEquals(items, ranges.stream().flatMap(List::stream).toList());
        ranges.forEach(r -> assertTrue(r.size() == 250 || r.size() == 251, "range of " + r.size()));

        assertEquals(2, w.ranges(items.subList(0, 300), 128).size(), "300 items hold two ranges of 128");
        assertEquals(List.of(items.subList(0, 100)), w.ranges(items.subList(0, 100), 128));
        assertEquals(List.of(List.of()), w.ranges(List.<Integer>of(), 128));
        assertEquals(1, writers(1, new ArrayList<>()).ranges(items, 128).size());
    }

    @Test
    void partIRunsOnConnectionIAndExtraConnectionsAreKeptBetweenFlushes() {
        List<Conn> opened = new ArrayList<>();
        ParallelWriters<Conn> w = writers(3, opened);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        for (int flush = 0; flush < 2; flush++) {
            List<Consumer<Conn>> parts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int part = i;
                parts.add(c -> seen.add(part + "@" + c.id));
            }
            w.runAll(parts);
        }
        assertEquals(Set.of("0@0", "1@1", "2@2"), seen);
        assertEquals(2, opened.size(), "two extra connections, opened once");
        w.close();
        assertTrue(opened.stream().allMatch(c -> c.closed));
    }

    @Test
    void everyPartEndsAndTheFirstFailureInPartOrderIsThrownWithTheOthersSuppressed() {
        ParallelWriters<Conn> w = writers(3, new ArrayList<>());
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        IllegalStateException first = new IllegalStateException("part 0");
        IllegalStateException third = new IllegalStateException("part 2");
        RuntimeException thrown = assertThrows(
                RuntimeException.class,
                () -> w.runAll(List.of(
                        c -> {
                            ran.add(0);
                            throw first;
                        },
                        c -> ran.add(1),
                        c -> {
                            ran.add(2);
                            throw third;
                        })));
        assertSame(first, thrown);
        assertEquals(List.of(third), List.of(thrown.getSuppressed()));
        assertEquals(Set.of(0, 1, 2), ran);
    }

    @Test
    void aClosedStoreRefusesToOpenMoreConnections() {
        ParallelWriters<Conn> w = writers(2, new ArrayList<>());
        w.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.runAll(List.of(c -> {}, c -> {})));
        assertEquals("store test:store is closed", e.getMessage());
    }
}
