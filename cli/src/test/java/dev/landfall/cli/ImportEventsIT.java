package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code landfall import --from events:… --to clickhouse://…} end to end against the real
 * ClickHouse of {@code bin/stores start clickhouse}: exit codes, stdout, stderr, what the table
 * holds, and that the password is in none of the output.
 */
class ImportEventsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = Long.toString(System.nanoTime(), 36);

    @TempDir
    Path dir;

    private String url;
    private URI http;
    private String password;
    private String table;

    @BeforeEach
    void server() {
        url = setting("LANDFALL_CLICKHOUSE_URL");
        if (url == null) {
            String why = "LANDFALL_CLICKHOUSE_URL not set: run bin/stores start clickhouse";
            if ("1".equals(System.getenv("LANDFALL_IT_REQUIRED"))) {
                fail(why);
            }
            assumeTrue(false, why);
        }
        URI u = URI.create(url.replaceFirst("^clickhouse", "http"));
        password = u.getUserInfo().split(":", 2)[1];
        http = u;
        table = "cli_events_" + RUN;
    }

    @AfterEach
    void drop() throws Exception {
        if (url != null) {
            sql("DROP TABLE IF EXISTS " + db() + "." + table);
        }
    }

    @Test
    void loadsAGzipFileIntoANewTableAndPrintsASummary() throws IOException {
        Path file = dir.resolve("logpush.ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < 2500; i++) {
                out.write(("{\"EdgeStartTimestamp\":" + (1764399600 + i) + "000000000,\"RayID\":\""
                                + Integer.toHexString(i) + "\",\"EdgeResponseStatus\":" + (i % 10 == 0 ? 500 : 200)
                                + "}\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }

        CliRun r = CliRun.run(
                Map.of(),
                "import",
                "--from",
                "events:" + file,
                "--to",
                url,
                "--table",
                table,
                "--schema",
                "EdgeStartTimestamp DateTime, RayID String, EdgeResponseStatus UInt16",
                "--batch",
                "1000");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Loaded 2500 events from events:" + file), r.out());
        assertTrue(r.out().contains("(created)"), r.out());
        assertTrue(r.out().contains("2500 rows in 3 INSERTs"), r.out());
        assertTrue(r.out().contains("ORDER BY `EdgeStartTimestamp`"), r.out());
        assertTrue(r.err().contains("import: declared columns:"), r.err());
        assertFalse((r.out() + r.err()).contains(password), "the password is printed nowhere");
        assertEquals(
                "2500\t250\t" + (1764399600 + 2499),
                sql("SELECT count(), countIf(EdgeResponseStatus = 500), max(toUnixTimestamp(EdgeStartTimestamp)) FROM "
                        + db() + "." + table));
    }

    @Test
    void aBadLineExitsWith2NamingItAndCreatesNothing() throws Exception {
        Path file = dir.resolve("events.ndjson");
        Files.writeString(
                file, "{\"ts\":\"2025-11-29T07:00:00Z\",\"n\":1}\n{\"ts\":\"2025-11-29T07:00:01Z\",\"n\":1.5}\n");

        CliRun r = CliRun.run(
                Map.of(),
                "import",
                "--from",
                "events:" + file,
                "--to",
                url,
                "--table",
                table,
                "--schema",
                "ts DateTime, n Int64");

        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(file + " line 2: field 'n': a number is not an integer"), r.err());
        assertTrue(r.err().contains("--skip-bad"), r.err());
        assertEquals("0", sql("EXISTS TABLE " + db() + "." + table));
        assertEquals("0", sql("EXISTS TABLE " + db() + "." + table + "_landfall_loading"));

        CliRun skipped = CliRun.run(
                Map.of(),
                "import",
                "--from",
                "events:" + file,
                "--to",
                url,
                "--table",
                table,
                "--schema",
                "ts DateTime, n Int64",
                "--skip-bad",
                "1",
                "--json");
        assertEquals(0, skipped.exitCode(), skipped.err());
        JsonNode summary = JSON.readTree(skipped.out());
        assertEquals(1, summary.get("rows").asLong());
        assertEquals(1, summary.get("badLines").asLong());
        assertTrue(summary.get("firstBad").get(0).asText().startsWith("line 2: "), skipped.out());
        assertEquals("", skipped.err(), "--json prints no progress");
    }

    @Test
    void usageErrorsExitWith2BeforeAnyIo() {
        Path missing = dir.resolve("nope.ndjson");
        CliRun noTable = CliRun.run(Map.of(), "import", "--from", "events:" + missing, "--to", url);
        assertEquals(2, noTable.exitCode());
        assertTrue(noTable.err().contains("--table is missing"), noTable.err());

        CliRun noFile = CliRun.run(Map.of(), "import", "--from", "events:" + missing, "--to", url, "--table", table);
        assertEquals(2, noFile.exitCode());
        assertTrue(noFile.err().contains("does not exist"), noFile.err());

        CliRun wrongTarget =
                CliRun.run(Map.of(), "import", "--from", "events:" + missing, "--to", "sqlite:x.db", "--table", table);
        assertEquals(2, wrongTarget.exitCode());
        assertTrue(wrongTarget.err().contains("loads into ClickHouse"), wrongTarget.err());

        CliRun badSchema = CliRun.run(
                Map.of(),
                "import",
                "--from",
                "events:" + missing,
                "--to",
                url,
                "--table",
                table,
                "--schema",
                "a Array(String)");
        assertEquals(2, badSchema.exitCode());
        assertTrue(badSchema.err().contains("Array(String)"), badSchema.err());

        CliRun kvIntoClickHouse = CliRun.run(Map.of(), "import", "--from", "bundle:" + dir, "--to", url);
        assertEquals(2, kvIntoClickHouse.exitCode());
        assertTrue(kvIntoClickHouse.err().contains("ClickHouse takes events"), kvIntoClickHouse.err());
        assertFalse(kvIntoClickHouse.err().contains(password));
    }

    @Test
    void aWrongPasswordExitsWith2WithoutPrintingIt() throws IOException {
        Path file = dir.resolve("events.ndjson");
        Files.writeString(file, "{\"a\":1}\n");
        String wrong = url.replace(":" + password + "@", ":wrong-" + RUN + "@");

        CliRun r = CliRun.run(Map.of(), "import", "--from", "events:" + file, "--to", wrong, "--table", table);

        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("refused"), r.err());
        assertFalse(r.err().contains("wrong-" + RUN), r.err());
    }

    private String db() {
        return http.getPath().substring(1);
    }

    private String sql(String query) {
        try {
            String[] user = http.getUserInfo().split(":", 2);
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + http.getHost() + ":" + http.getPort()
                            + "/?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                    .header(
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((user[0] + ":" + user[1]).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return r.body().trim();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String setting(String name) {
        return StoreSettings.get(name);
    }
}
