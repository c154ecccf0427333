package dev.landfall.store.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.store.TestServers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event sink and the row writer against the real ClickHouse server of {@code bin/stores}. */
class ClickHouseEventSinkIT {
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
        for (String t : tables) {
            session.execute("DROP TABLE IF EXISTS " + location.qualified(t), "dropping " + t);
        }
        session.close();
    }

    private String table(String name) {
        String t = name + "_" + RUN;
        tables.add(t);
        return t;
    }

    private EventLoad load(Path file, String table, Optional<String> schema, long skipBad) {
        return new EventLoad(file, table, schema, skipBad, 3, 100);
    }

    private List<String[]> select(String sql) {
        return session.rows(sql, "test query");
    }

    @Test
    void infersTheSchemaCreatesTheTableAndLoadsAGzipFileInBatches() throws IOException {
        // given: Logpush-like events, gzip'd, with a nested field, a null and a late extra field
        Path file = gzip(
                "{\"EdgeStartTimestamp\":\"2026-11-29T07:00:00Z\",\"ClientIP\":\"192.0.2.1\",\"EdgeResponseStatus\":200,\"OriginResponseTime\":1.5,\"Cached\":true,\"Headers\":{\"a\":\"x\\ty\"},\"Note\":null}",
                "",
                "{\"EdgeStartTimestamp\":\"2026-11-29 07:00:01\",\"ClientIP\":\"2001:db8::1\",\"EdgeResponseStatus\":404,\"OriginResponseTime\":2,\"Cached\":false,\"Headers\":[],\"Note\":\"line\\nbreak\"}",
                "{\"EdgeStartTimestamp\":\"2026-11-29T08:00:02+01:00\",\"ClientIP\":\"198.51.100.7\",\"EdgeResponseStatus\":500,\"OriginResponseTime\":0.25,\"Cached\":true,\"Headers\":{},\"Note\":\"back\\\\slash\"}",
                "{\"EdgeStartTimestamp\":\"2026-11-29T07:00:03Z\",\"ClientIP\":\"203.0.113.9\",\"EdgeResponseStatus\":301,\"OriginResponseTime\":3,\"Cached\":false,\"Headers\":{},\"Note\":\"é\",\"Extra\":1}");
        String t = table("events");
        List<EventSchema> seen = new ArrayList<>();

        // when
        EventLoad.Result r = new ClickHouseEventSink(session)
                .load(load(file, t, Optional.empty(), 0), new EventLoad.Listener() {
                    @Override
                    public void schemaReady(EventSchema schema, boolean inferred, boolean tableExists) {
                        assertTrue(inferred);
                        assertFalse(tableExists);
                        seen.add(schema);
                    }
                });

        // then
        assertTrue(r.created());
        assertEquals(5, r.lines());
        assertEquals(4, r.rows());
        assertEquals(2, r.inserts(), "3 rows per batch: two INSERTs");
        assertEquals(List.of(), r.ignoredFields(), "Extra was past the sample? no: it was in it");
        assertEquals(Optional.of("EdgeStartTimestamp"), seen.get(0).orderBy());
        List<String[]> d = select("DESCRIBE TABLE " + location.qualified(t));
        assertEquals("DateTime", d.get(0)[1]);
        assertEquals("Nullable(String)", d.get(1)[1]);
        assertEquals("Nullable(Int64)", d.get(2)[1]);
        assertEquals("Nullable(Float64)", d.get(3)[1]);
        assertEquals("Nullable(UInt8)", d.get(4)[1]);
        assertEquals("Nullable(String)", d.get(5)[1]);
        List<String[]> rows = select("SELECT toUnixTimestamp(EdgeStartTimestamp), ClientIP, EdgeResponseStatus,"
                + " OriginResponseTime, Cached, Headers, ifNull(Note, 'NULL'), ifNull(toString(Extra), 'NULL')"
                + " FROM " + location.qualified(t) + " ORDER BY EdgeStartTimestamp");
        assertEquals(4, rows.size());
        long base = Instant.parse("2026-11-29T07:00:00Z").getEpochSecond();
        assertEquals(
                List.of(Long.toString(base), "192.0.2.1", "200", "1.5", "1", "{\"a\":\"x\\ty\"}", "NULL", "NULL"),
                List.of(rows.get(0)));
        assertEquals(Long.toString(base + 1), rows.get(1)[0]);
        assertEquals("line\nbreak", rows.get(1)[6]);
        assertEquals(Long.toString(base + 2), rows.get(2)[0], "+01:00 is converted to UTC");
        assertEquals("back\\slash", rows.get(2)[6]);
        assertEquals("é", rows.get(3)[6]);
        assertEquals("1", rows.get(3)[7]);
    }

    @Test
    void aBadLineEndsTheLoadNamingItAndLeavesNoTable() throws IOException {
        Path file = plain(
                "{\"ts\":\"2026-11-29T07:00:00Z\",\"n\":1}",
                "{\"ts\":\"2026-11-29T07:00:01Z\",\"n\":2}",
                "{\"ts\":\"2026-11-29T07:00:02Z\",\"n\":\"three\"}",
                "{\"ts\":\"2026-11-29T07:00:03Z\",\"n\":4}");
        String t = table("bad");

        LandfallException e = assertThrows(
                LandfallException.class,
                () -> new ClickHouseEventSink(session)
                        .load(load(file, t, Optional.of("ts DateTime, n Int64"), 0), new EventLoad.Listener() {}));

        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("'three' is not an integer"), e.getMessage());
        assertTrue(e.hint().orElse("").contains("--skip-bad"), e.hint().toString());
        assertEquals("0", select("EXISTS TABLE " + location.qualified(t)).get(0)[0]);
    }

    @Test
    void skipBadLeavesBadLinesOutAndCountsThem() throws IOException {
        Path file = plain(
                "{\"ts\":\"2026-11-29T07:00:00Z\",\"n\":1}",
                "not json",
                "{\"ts\":\"2026-11-29T07:00:01Z\",\"n\":99999999999999999999999}",
                "{\"ts\":\"2026-11-29T07:00:03Z\",\"n\":4}");
        String t = table("skip");

        EventLoad.Result r = new ClickHouseEventSink(session)
                .load(load(file, t, Optional.of("ts DateTime, n Int32"), 2), new EventLoad.Listener() {});

        assertEquals(2, r.rows());
        assertEquals(2, r.badLines());
        assertTrue(
                r.firstBad().get(0).startsWith("line 2: not valid JSON"),
                r.firstBad().toString());
        assertTrue(
                r.firstBad().get(1).startsWith("line 3: field 'n': 99999999999999999999999 is out of range"),
                r.firstBad().toString());
        assertEquals("5", select("SELECT sum(n) FROM " + location.qualified(t)).get(0)[0]);
    }

    @Test
    void loadsIntoAnExistingTableAndRefusesADifferentDeclaredSchema() throws IOException {
        String t = table("existing");
        session.execute(
                "CREATE TABLE " + location.qualified(t)
                        + " (ts DateTime, host String, bytes UInt64, day Date MATERIALIZED toDate(ts)) ENGINE = MergeTree() ORDER BY ts",
                "create");
        Path file = plain(
                "{\"ts\":1764399600,\"host\":\"a\",\"bytes\":10,\"unknown\":[1,2]}",
                "{\"ts\":1764399600123,\"host\":\"b\"}");

        EventLoad.Result r =
                new ClickHouseEventSink(session).load(load(file, t, Optional.empty(), 0), new EventLoad.Listener() {});

        assertFalse(r.created());
        assertEquals(2, r.rows());
        assertEquals(List.of("unknown"), r.ignoredFields());
        assertEquals(
                "10\t1764399600",
                String.join(
                        "\t",
                        select("SELECT sum(bytes), max(toUnixTimestamp(ts)) FROM " + location.qualified(t))
                                .get(0)),
                "a missing number loads as 0; epoch milliseconds are told by magnitude");
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> new ClickHouseEventSink(session)
                        .load(load(file, t, Optional.of("ts DateTime, host String"), 0), new EventLoad.Listener() {}));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("exists with other columns"), e.getMessage());
    }

    @Test
    void aWrongPasswordIsRejectedWithoutPrintingIt() {
        String secret = "not-the-password-" + RUN;
        ClickHouseLocation wrong = new ClickHouseLocation(
                location.label(),
                location.host(),
                location.port(),
                location.database(),
                location.user(),
                Optional.of(dev.landfall.core.config.Secret.of(secret)),
                false);
        try (ClickHouseSession s = ClickHouseSession.open(wrong)) {
            LandfallException e = assertThrows(LandfallException.class, s::version);
            assertEquals(ErrorKind.REJECTED, e.kind(), e.getMessage());
            assertFalse(e.getMessage().contains(secret));
        }
    }

    @Test
    void aMissingDatabaseIsRejectedNamingIt() throws IOException {
        ClickHouseLocation other = new ClickHouseLocation(
                location.label(),
                location.host(),
                location.port(),
                "no_such_db_" + RUN,
                location.user(),
                location.password(),
                false);
        Path file = plain("{\"a\":1}");
        try (ClickHouseSession s = ClickHouseSession.open(other)) {
            LandfallException e = assertThrows(
                    LandfallException.class,
                    () -> new ClickHouseEventSink(s)
                            .load(load(file, "t", Optional.empty(), 0), new EventLoad.Listener() {}));
            assertEquals(ErrorKind.REJECTED, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("no_such_db_" + RUN), e.getMessage());
        }
    }

    @Test
    void theRowWriterFillsTheLatencySamplesTableInBatches() {
        String t = table("samples");
        Instant t0 = Instant.parse("2026-11-29T07:00:00.123456Z");
        try (ClickHouseRowWriter w = LatencySampleTable.open(session, t, 4)) {
            for (int i = 0; i < 10; i++) {
                LatencySampleTable.append(
                        w,
                        "run-1",
                        i % 2 == 0 ? "eu" : "us",
                        i,
                        t0.plusMillis(i),
                        i % 2 == 0 ? "old" : "new",
                        1000 + i,
                        200,
                        "equal");
            }
            assertEquals(8, w.written(), "two full batches went out; two rows wait for close");
        }
        assertEquals(
                "10", select("SELECT count() FROM " + location.qualified(t)).get(0)[0]);
        assertEquals(
                t0.getEpochSecond() + "123456\teu\t1000",
                String.join(
                        "\t",
                        select("SELECT sent_at_us, region, latency_us FROM " + location.qualified(t)
                                        + " WHERE request_index = 0")
                                .get(0)));
        // The documented comparison query runs on this server.
        List<String[]> q = select(
                "SELECT region, endpoint, count(), quantiles(0.5, 0.99)(latency_us) FROM " + location.qualified(t)
                        + " WHERE run_id = 'run-1' GROUP BY region, endpoint ORDER BY region, endpoint");
        assertEquals(2, q.size());
    }

    private Path plain(String... lines) throws IOException {
        Path f = Files.createTempFile(dir, "events", ".ndjson");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    private Path gzip(String... lines) throws IOException {
        Path f = Files.createTempFile(dir, "events", ".ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return f;
    }
}
