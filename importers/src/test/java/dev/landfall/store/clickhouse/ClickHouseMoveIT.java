package dev.landfall.store.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.store.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last step of an event load into an existing table, stopped by a real server error part way
 * (the table's structure changed under the move, so the server refuses to attach the next
 * partition), against the ClickHouse server of {@code bin/stores}: the table gets whole
 * partitions or none, and running the same load again finishes it with one copy of every row.
 */
class ClickHouseMoveIT {
    private static final String RUN = Long.toString(System.nanoTime(), 36);

    @TempDir
    Path dir;

    private ClickHouseLocation location;
    private ClickHouseSession session;
    private final List<String> tables = new ArrayList<>();

    @BeforeEach
    void connect() {
        location = ClickHouseLocation.parse(TestServers.clickhouseUrl(), Map.of());
        session = ClickHouseSession.open(location);
    }

    @AfterEach
    void dropTables() {
        if (session == null) {
            return; // no server (LANDFALL_CLICKHOUSE_URL unset): the test was skipped, nothing to drop
        }
        for (String[] r : select("SELECT name FROM system.tables WHERE database = '" + location.database() + "'")) {
            if (tables.stream().anyMatch(r[0]::startsWith)) {
                session.execute("DROP TABLE IF EXISTS " + location.qualified(r[0]), "dropping " + r[0]);
            }
        }
        session.close();
    }

    @Test
    void aMoveStoppedBetweenPartitionsLeavesWholePartitionsAndTheSameLoadFinishesIt() throws IOException {
        // given: a table by month and six events in three months
        String t = monthlyTable("bymonth");
        Path file = events("2026-09", "2026-10", "2026-11");

        // when: the table's structure changes after the first partition has moved
        LandfallException e =
                assertThrows(LandfallException.class, () -> sink().load(load(file, t), alterTableBefore(1, t)));

        // then: exit 1, naming how far it got and how to finish; the first month is in, whole
        assertEquals(ErrorKind.FAILED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("stopped after 1 of 3 partitions"), e.getMessage());
        assertTrue(e.getMessage().contains("Tables have different structure"), e.getMessage());
        assertTrue(
                e.hint().orElseThrow().contains("run the same command again to finish"),
                e.hint().orElseThrow());
        assertEquals(List.of("2026-09 a", "2026-09 b"), rows(t));
        assertEquals(1, movingTables(t).size(), "the rows still to move are kept");

        // when: the structure is back and the same load runs again
        session.execute("ALTER TABLE " + location.qualified(t) + " DROP COLUMN extra", "dropping the column");
        EventLoad.Result r = sink().load(load(file, t), new EventLoad.Listener() {});

        // then: the rest is moved, nothing twice, nothing read again
        assertTrue(r.finished());
        assertEquals(4, r.rows());
        assertEquals(0, r.lines());
        assertEquals(List.of("2026-09 a", "2026-09 b", "2026-10 a", "2026-10 b", "2026-11 a", "2026-11 b"), rows(t));
        assertEquals(List.of(), movingTables(t));
    }

    @Test
    void aMoveIntoAnUnpartitionedTableIsAllOrNothing() throws IOException {
        // given: a table without a partition key (as Landfall creates them) holding one row
        String t = name("whole");
        session.execute(
                "CREATE TABLE " + location.qualified(t)
                        + " (ts DateTime, host String) ENGINE = MergeTree() ORDER BY ts",
                "create");
        session.execute("INSERT INTO " + location.qualified(t) + " VALUES ('2026-08-01 00:00:00', 'old')", "one row");
        Path file = events("2026-09", "2026-10", "2026-11");

        // when: the move is refused by the server
        LandfallException e =
                assertThrows(LandfallException.class, () -> sink().load(load(file, t), alterTableBefore(0, t)));

        // then: none of the run's rows are in the table
        assertTrue(e.getMessage().contains("stopped after 0 of 1 partitions"), e.getMessage());
        assertEquals(List.of("2026-08 old"), rows(t));

        // when: run again after the cause is gone
        session.execute("ALTER TABLE " + location.qualified(t) + " DROP COLUMN extra", "dropping the column");
        assertTrue(sink().load(load(file, t), new EventLoad.Listener() {}).finished());

        // then: all of them, once
        assertEquals(
                List.of("2026-08 old", "2026-09 a", "2026-09 b", "2026-10 a", "2026-10 b", "2026-11 a", "2026-11 b"),
                rows(t));
        assertEquals(List.of(), movingTables(t));
    }

    @Test
    void anotherFileIsRefusedWhileAnEarlierMoveIsUnfinished() throws IOException {
        String t = monthlyTable("other");
        Path first = events("2026-09", "2026-10");
        assertThrows(LandfallException.class, () -> sink().load(load(first, t), alterTableBefore(1, t)));
        session.execute("ALTER TABLE " + location.qualified(t) + " DROP COLUMN extra", "dropping the column");
        List<String> before = rows(t);

        LandfallException e = assertThrows(
                LandfallException.class, () -> sink().load(load(events("2026-12"), t), new EventLoad.Listener() {}));

        assertEquals(ErrorKind.USAGE, e.kind());
        String moving = location.qualified(movingTables(t).get(0));
        assertTrue(e.getMessage().contains("did not finish") && e.getMessage().contains(moving), e.getMessage());
        assertTrue(
                e.hint().orElseThrow().contains("DROP TABLE " + moving),
                e.hint().orElseThrow());
        assertEquals(before, rows(t), "nothing of either file was added");
    }

    @Test
    void aCompletedLoadLeavesNoMovingTableAndLoadsAgainWhenRunAgain() throws IOException {
        String t = monthlyTable("again");
        Path file = events("2026-09", "2026-10");

        EventLoad.Result first = sink().load(load(file, t), new EventLoad.Listener() {});
        EventLoad.Result second = sink().load(load(file, t), new EventLoad.Listener() {});

        assertFalse(first.finished());
        assertFalse(second.finished());
        assertEquals(8, rows(t).size(), "a finished load is not remembered: the same file loads again");
        assertEquals(List.of(), movingTables(t));
    }

    private ClickHouseEventSink sink() {
        return new ClickHouseEventSink(session);
    }

    private String name(String base) {
        String t = base + "_" + RUN;
        tables.add(t);
        return t;
    }

    private String monthlyTable(String base) {
        String t = name(base);
        session.execute(
                "CREATE TABLE " + location.qualified(t)
                        + " (ts DateTime, host String) ENGINE = MergeTree() PARTITION BY toYYYYMM(ts) ORDER BY ts",
                "create");
        return t;
    }

    private static EventLoad load(Path file, String table) {
        return new EventLoad(file, table, Optional.empty(), 0, 2, 100);
    }

    /** Two events (hosts a and b) on the 15th of each month. */
    private Path events(String... months) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String m : months) {
            long ts = Instant.parse(m + "-15T12:00:00Z").getEpochSecond();
            lines.add("{\"ts\":" + ts + ",\"host\":\"a\"}");
            lines.add("{\"ts\":" + ts + ",\"host\":\"b\"}");
        }
        Path f = Files.createTempFile(dir, "events", ".ndjson");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    /** A listener that, from another connection, changes the table before partition {@code index} moves. */
    private EventLoad.Listener alterTableBefore(int index, String table) {
        return new EventLoad.Listener() {
            @Override
            public void moving(int i, int of) {
                if (i == index) {
                    try (ClickHouseSession other = ClickHouseSession.open(location)) {
                        other.execute(
                                "ALTER TABLE " + location.qualified(table) + " ADD COLUMN extra String",
                                "changing the table under the move");
                    }
                }
            }
        };
    }

    private List<String> rows(String t) {
        return select("SELECT formatDateTime(ts, '%Y-%m'), host FROM " + location.qualified(t) + " ORDER BY ts, host")
                .stream()
                .filter(r -> r.length == 2)
                .map(r -> r[0] + " " + r[1])
                .toList();
    }

    private List<String> movingTables(String t) {
        return select("SELECT name FROM system.tables WHERE database = '" + location.database() + "'").stream()
                .map(r -> r[0])
                .filter(n -> n.startsWith(t + "_landfall_moving_"))
                .toList();
    }

    private List<String[]> select(String sql) {
        return session.rows(sql, "test query");
    }
}
