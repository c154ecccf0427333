package dev.landfall.store.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.LandfallException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every flag of an event import is checked before any I/O, naming the flag. */
class EventImporterOptionsTest {
    private static final String TO = "clickhouse://app@127.0.0.1:8123/analytics";

    private static EventImporter.Options of(String from, String to, String table, long skipBad, Integer batch) {
        return EventImporter.Options.of(
                from, to, table, Optional.empty(), skipBad, Optional.ofNullable(batch), Map.of());
    }

    private static String refused(String from, String to, String table, long skipBad, Integer batch) {
        LandfallException e = assertThrows(LandfallException.class, () -> of(from, to, table, skipBad, batch));
        assertEquals(2, e.exitCode());
        return e.getMessage();
    }

    @Test
    void readsTheFileTableAndDefaults() {
        EventImporter.Options o = of("EVENTS:logs.ndjson.gz", TO, "http_requests", 3, null);
        assertEquals(Path.of("logs.ndjson.gz"), o.load().file());
        assertEquals("http_requests", o.load().table());
        assertEquals(3, o.load().skipBad());
        assertEquals(EventLoad.DEFAULT_BATCH_ROWS, o.load().batchRows());
        assertEquals(1000, of("events:x", TO, "t", 0, 1000).load().batchRows());
        assertTrue(EventImporter.matches("Events:x"));
        assertFalse(EventImporter.matches("sqlite:x"));
    }

    @Test
    void refusesEachBadFlagByName() {
        assertTrue(refused("events:", TO, "t", 0, null).contains("names no file"));
        assertTrue(refused("events:x", "sqlite:a.db", "t", 0, null).contains("loads into ClickHouse, not into"));
        assertTrue(refused("events:x", TO, null, 0, null).contains("--table is missing"));
        assertTrue(refused("events:x", TO, "db.t", 0, null).contains("--table 'db.t'"));
        assertTrue(refused("events:x", TO, "t", -1, null).contains("--skip-bad -1"));
        assertTrue(refused("events:x", TO, "t", 0, 0).contains("--batch 0"));
        assertTrue(refused("bundle:x", TO, "t", 0, null).contains("is not an event file"));
    }
}
