package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.verify.latency.load.Schedule;
import dev.landfall.verify.latency.testing.DelayServer;
import dev.landfall.verify.latency.testing.DelayServer.Behaviour;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code landfall verify latency --samples clickhouse://…} end to end: a dual run between two
 * local servers (12 ms old, 2 ms new) writing into the real ClickHouse of {@code bin/stores start
 * clickhouse}, then SQL over what it wrote, including the comparison queries of
 * docs/clickhouse.md. Also a bad {@code --samples} (exit 2, nothing sent) and a server that is
 * down (the run completes and reports the loss), which need no ClickHouse.
 */
class VerifyLatencySamplesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final double RATE = 100;
    private static final long WARMUP_MS = 500;

    private static DelayServer old12ms;
    private static DelayServer new2ms;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        old12ms = DelayServer.start(Behaviour.fixed(12_000));
        new2ms = DelayServer.start(Behaviour.fixed(2_000));
    }

    @AfterAll
    static void stop() {
        old12ms.close();
        new2ms.close();
    }

    private List<String> args(int seconds, String... more) throws IOException {
        Path corpus = dir.resolve("requests.ndjson");
        Files.writeString(
                corpus,
                "{\"path\":\"/v1/keys/a\"}\n{\"method\":\"POST\",\"path\":\"/v1/verify\",\"body\":{\"key\":\"b\"}}\n");
        List<String> a = new ArrayList<>(List.of(
                "verify",
                "latency",
                "--baseline",
                old12ms.url().toString(),
                "--candidate",
                new2ms.url().toString(),
                "--requests",
                corpus.toString(),
                "--rate",
                "100",
                "--duration",
                seconds + "s",
                "--warmup",
                WARMUP_MS + "ms",
                "--slo",
                "errors<=0%,mismatch<=0%",
                "--json"));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void everyMeasuredPairLandsInClickHouseAndTheDocsQueriesCompareTheRegions() throws Exception {
        ClickHouse ch = ClickHouse.require();
        String table = "samples_" + RUN;
        String runId = "it-" + RUN;

        CliRun eu = CliRun.run(
                Map.of(),
                args(2, "--samples", ch.url, "--samples-table", table, "--run-id", runId, "--region", "eu-test")
                        .toArray(String[]::new));
        CliRun us = CliRun.run(
                Map.of("LANDFALL_REGION", "us-test"),
                args(1, "--samples", ch.url, "--samples-table", table, "--run-id", runId)
                        .toArray(String[]::new));

        for (CliRun r : List.of(eu, us)) {
            assertEquals(0, r.exitCode(), r.out() + r.err());
            assertFalse((r.out() + r.err()).contains(ch.password), "the password is printed nowhere");
        }
        JsonNode euJson = JSON.readTree(eu.out());
        JsonNode usJson = JSON.readTree(us.out());
        assertEquals(runId, euJson.at("/samples/runId").asText());
        assertEquals("eu-test", euJson.at("/samples/region").asText());
        assertEquals("us-test", usJson.at("/samples/region").asText());
        assertEquals(200, euJson.at("/samples/written").asLong());
        assertEquals(100, usJson.at("/samples/written").asLong());
        assertEquals(0, euJson.at("/samples/lost").asLong());
        assertEquals(table, euJson.at("/samples/table").asText());
        assertTrue(
                euJson.at("/samples/target").asText().contains("****"),
                euJson.at("/samples/target").asText());

        String t = ch.db + "." + table;
        for (Object[] region : new Object[][] {{"eu-test", 2, euJson}, {"us-test", 1, usJson}}) {
            String where = " FROM " + t + " WHERE run_id = '" + runId + "' AND region = '" + region[0] + "'";
            long measured = (long) (RATE * (int) region[1]);
            long total = new Schedule(RATE, WARMUP_MS * 1_000_000L, (int) region[1] * 1_000_000_000L).totalPairs();
            // Two rows, old and new, for each measured pair and for nothing else; warm-up pairs
            // come first, so the measured ones are the last `measured` indices.
            assertEquals(
                    (2 * measured) + "\t" + measured + "\t" + (total - measured) + "\t" + (total - 1),
                    ch.sql("SELECT count(), uniqExact(request_index), min(request_index), max(request_index)" + where));
            assertEquals(
                    Long.toString(measured),
                    ch.sql("SELECT count() FROM (SELECT request_index, groupArray(endpoint) AS e" + where
                            + " GROUP BY request_index HAVING length(e) = 2 AND has(e, 'old') AND has(e, 'new'))"));
            assertEquals(
                    (2 * measured) + "\t" + (2 * measured),
                    ch.sql("SELECT countIf(parity = 'equal'), countIf(status = 200)" + where));
            // The latencies are the histogram's own inputs: a histogram of the rows gives the
            // report's percentiles exactly.
            JsonNode report = (JsonNode) region[2];
            for (String[] side : new String[][] {{"old", "baseline"}, {"new", "candidate"}}) {
                Histogram h = new Histogram(1, 3_600_000_000L, 3);
                for (String v : ch.sql("SELECT latency_us" + where + " AND endpoint = '" + side[0] + "'")
                        .split("\n")) {
                    h.recordValue(Long.parseLong(v));
                }
                JsonNode s = report.get(side[1]);
                assertEquals(s.get("requests").asLong(), h.getTotalCount());
                assertEquals(s.get("p50Ms").asDouble(), h.getValueAtPercentile(50) / 1000.0, side[1]);
                assertEquals(s.get("p99Ms").asDouble(), h.getValueAtPercentile(99) / 1000.0, side[1]);
                assertEquals(s.get("p999Ms").asDouble(), h.getValueAtPercentile(99.9) / 1000.0, side[1]);
                assertEquals(s.get("maxMs").asDouble(), h.getMaxValue() / 1000.0, side[1]);
            }
        }

        List<String> queries = docsQueries(ch.db + "." + table, runId);
        assertEquals(4, queries.size(), "docs/clickhouse.md's comparison queries");
        // p50 / p99 / p99.9 per region and endpoint
        String[] perEndpoint = ch.sql(queries.get(0)).split("\n");
        assertEquals(4, perEndpoint.length, String.join("\n", perEndpoint));
        Map<String, String[]> byKey = new LinkedHashMap<>();
        for (String row : perEndpoint) {
            String[] f = row.split("\t");
            byKey.put(f[0] + "/" + f[1], f);
        }
        assertEquals(List.of("eu-test/new", "eu-test/old", "us-test/new", "us-test/old"), List.copyOf(byKey.keySet()));
        assertEquals("200", byKey.get("eu-test/old")[2]);
        assertEquals("100", byKey.get("us-test/new")[2]);
        for (Map.Entry<String, String[]> e : byKey.entrySet()) {
            double p50 = Double.parseDouble(e.getValue()[3].replaceAll("^\\[|,.*$", ""));
            assertTrue(p50 >= (e.getKey().endsWith("old") ? 12.0 : 2.0), e.getKey() + " p50 " + p50);
        }
        // old vs new side by side per region
        String[] sideBySide = ch.sql(queries.get(1)).split("\n");
        assertEquals(2, sideBySide.length);
        for (String row : sideBySide) {
            String[] f = row.split("\t");
            double old = Double.parseDouble(f[1]);
            double neu = Double.parseDouble(f[2]);
            assertTrue(old >= 12.0 && neu >= 2.0, row);
            assertEquals(Math.round(old / neu * 100) / 100.0, Double.parseDouble(f[3]), 0.011, row);
        }
        // parity and errors
        assertEquals(
                "eu-test\tnew\t0\t0\neu-test\told\t0\t0\nus-test\tnew\t0\t0\nus-test\told\t0\t0",
                ch.sql(queries.get(2)));
        // p99 per minute: every measured row is in some minute
        long perMinuteRows = ch.sql(queries.get(3)).lines().count();
        assertTrue(perMinuteRows >= 2 && perMinuteRows <= 6, "a 3 s run spans one to three minutes per endpoint");
        ch.sql("DROP TABLE " + t);
    }

    @Test
    void aWrongPasswordExitsTwoBeforeAnyRequest() throws Exception {
        ClickHouse ch = ClickHouse.require();
        String wrong = ch.url.replace(":" + ch.password + "@", ":wrong-" + RUN + "@");
        long before = old12ms.served() + new2ms.served();
        CliRun r = CliRun.run(Map.of(), args(1, "--samples", wrong).toArray(String[]::new));
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(before, old12ms.served() + new2ms.served(), "no request was sent");
        assertFalse(r.err().contains("wrong-" + RUN), r.err());
    }

    @Test
    void aBadSamplesLocationExitsTwoBeforeAnyRequest() throws Exception {
        String[][] cases = {
            {"clickhouse://127.0.0.1:8123", "names no database"},
            {"postgres://127.0.0.1/db", "is not a ClickHouse location"},
            {"clickhouse://u:s3cret-pw@127.0.0.1:99999/db", "not a number from 1 to 65535"},
        };
        for (String[] c : cases) {
            long before = old12ms.served() + new2ms.served();
            CliRun r = CliRun.run(Map.of(), args(1, "--samples", c[0]).toArray(String[]::new));
            assertEquals(2, r.exitCode(), c[0] + ": " + r.err());
            assertTrue(r.err().contains(c[1]), r.err());
            assertFalse(r.err().contains("s3cret-pw"), r.err());
            assertEquals(before, old12ms.served() + new2ms.served(), "no request was sent for " + c[0]);
        }
        for (String[] c : new String[][] {
            {"--samples-table", "a-b", "is not a plain table name"},
            {"--run-id", "has space", "--run-id 'has space'"},
            {"--region", "", "--region ''"}
        }) {
            CliRun r = CliRun.run(
                    Map.of(),
                    args(1, "--samples", "clickhouse://127.0.0.1/db", c[0], c[1])
                            .toArray(String[]::new));
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains(c[2]), r.err());
        }
    }

    @Test
    void aClickHouseThatIsDownLosesTheSamplesButNotTheRun() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun r = CliRun.run(
                Map.of(),
                args(1, "--samples", "clickhouse://app:s3cret-pw@127.0.0.1:" + port + "/db", "--run-id", "down")
                        .toArray(String[]::new));
        assertEquals(1, r.exitCode(), "the SLO held but samples were lost: " + r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("pass", j.get("verdict").asText());
        assertEquals(100, j.at("/parity/compared").asLong(), "the run completed");
        assertEquals(0, j.at("/samples/written").asLong());
        assertEquals(100, j.at("/samples/lost").asLong());
        assertFalse(j.at("/samples/error").asText().isEmpty(), r.out());
        assertTrue(r.err().contains("the run goes on"), r.err());
        assertTrue(r.err().contains("100 LOST"), r.err());
        assertFalse((r.out() + r.err()).contains("s3cret-pw"), "the password is printed nowhere");
    }

    /** The SQL blocks of docs/clickhouse.md's "Queries for comparing runs", on the test's table and run. */
    private static List<String> docsQueries(String table, String runId) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("docs"))) {
            root = root.getParent();
        }
        String doc = Files.readString(root.resolve("docs/clickhouse.md"));
        int at = doc.indexOf("Queries for comparing runs");
        Matcher m = Pattern.compile("```sql\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertTrue(at >= 0 && m.find(at), "docs/clickhouse.md has the comparison queries");
        List<String> out = new ArrayList<>();
        for (String q : m.group(1).split(";")) {
            String sql = q.replaceAll("(?m)^--.*$", "").strip();
            if (!sql.isEmpty()) {
                out.add(sql.replace("analytics.landfall_latency_samples", table)
                        .replace("'run-2026-11-29'", "'" + runId + "'"));
            }
        }
        return out;
    }

    /** The ClickHouse of {@code bin/stores start clickhouse}, queried over plain HTTP. */
    private record ClickHouse(String url, URI http, String password, String db) {
        static ClickHouse require() {
            String url = setting("LANDFALL_CLICKHOUSE_URL");
            if (url == null) {
                String why = "LANDFALL_CLICKHOUSE_URL not set: run bin/stores start clickhouse";
                if ("1".equals(System.getenv("LANDFALL_IT_REQUIRED"))) {
                    fail(why);
                }
                assumeTrue(false, why);
            }
            URI u = URI.create(url.replaceFirst("^clickhouse", "http"));
            return new ClickHouse(
                    url, u, u.getUserInfo().split(":", 2)[1], u.getPath().substring(1));
        }

        String sql(String query) {
            try {
                String[] user = http.getUserInfo().split(":", 2);
                HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + http.getHost() + ":" + http.getPort()
                                + "/?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (user[0] + ":" + user[1]).getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build();
                HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), query + "\n" + r.body());
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
}
