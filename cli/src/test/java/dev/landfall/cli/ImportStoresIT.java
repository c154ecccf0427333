package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.digest.ScopeDigest;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code landfall import} through every real store: the sandbox's hard-case KV data goes from a
 * bundle into SQLite, from there into PostgreSQL, into Redis and back into a bundle, and every hop
 * holds the same entries with the same digests. Then imports killed with SIGKILL at random moments
 * and run again converge to the same content.
 */
class ImportStoresIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = Long.toString(System.nanoTime(), 36);

    @TempDir
    static Path dir;

    private static Path bundle;
    private static Map<String, ScopeDigest> expected;

    @BeforeAll
    static void exportTheSandbox() throws IOException {
        bundle = dir.resolve("export");
        // The seed makes some keys expire 2 to 15 minutes after the sandbox's clock. Digests are
        // taken once, here, and compared minutes later on a slow machine, after Redis has dropped
        // such keys by itself: a day ahead, none expires while the class runs.
        Clock dayAhead = Clock.offset(Clock.systemUTC(), Duration.ofDays(1));
        try (SandboxServer server = SandboxServer.start(
                SandboxConfig.builder()
                        .rateLimit(RateLimit.UNLIMITED)
                        .randomSeed(11)
                        .seedKv(Stream.of("SESSIONS=6000", "FLAGS=400")
                                .map(KvSeed::parse)
                                .toList())
                        .build(),
                dayAhead)) {
            CliRun r = CliRun.run(server.environment(), "export", "--to", "bundle:" + bundle, "--json");
            assertEquals(0, r.exitCode(), r.err());
        }
        expected = digests("bundle:" + bundle);
        assertEquals(2, expected.size());
    }

    @AfterAll
    static void dropTheRunsSchemas() throws Exception {
        String pg = pgUrl();
        if (pg == null) {
            return;
        }
        java.net.URI u = java.net.URI.create(pg.replaceFirst("^postgres", "http"));
        String[] user = u.getUserInfo().split(":", 2);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://" + u.getHost() + ":" + u.getPort() + u.getPath(),
                        user[0],
                        user.length > 1 ? user[1] : null);
                java.sql.Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS lf_hop_" + RUN + " CASCADE");
            st.execute("DROP SCHEMA IF EXISTS lf_kill_" + RUN + " CASCADE");
            st.execute("DROP SCHEMA IF EXISTS lf_held_" + RUN + " CASCADE");
        }
    }

    @Test
    void everyHopHoldsTheSameEntriesWithTheSameDigests() throws IOException {
        String sqlite = "sqlite:" + dir.resolve("hop.db");
        String postgres = pgUrl() == null ? null : withQuery(pgUrl(), "schema=lf_hop_" + RUN);
        String redis = redisUrl() == null ? null : withQuery(redisUrl(), "prefix=lf-hop-" + RUN + ":");
        requireServers(postgres, redis);
        String back = "bundle:" + dir.resolve("back");

        List<String> hops = List.of("bundle:" + bundle, sqlite, postgres, redis, back);
        for (int i = 1; i < hops.size(); i++) {
            CliRun r = CliRun.run("import", "--from", hops.get(i - 1), "--to", hops.get(i), "--json");
            assertEquals(0, r.exitCode(), hops.get(i - 1) + " -> " + hops.get(i) + ": " + r.err());
            JsonNode summary = JSON.readTree(r.out());
            assertEquals(0, summary.get("updated").asLong());
            assertFalse(r.out().contains("landfall-test"), "the password is never printed: " + r.out());
            assertEquals(expected, digests(hops.get(i)), "digests after " + hops.get(i));
            // A second run finds everything in place.
            CliRun again = CliRun.run("import", "--from", hops.get(i - 1), "--to", hops.get(i), "--json");
            assertEquals(0, again.exitCode(), again.err());
            JsonNode second = JSON.readTree(again.out());
            assertEquals(
                    0, second.get("created").asLong() + second.get("updated").asLong(), again.out());
        }
        assertEquals(entries("bundle:" + bundle), entries(back), "byte-exact through every store");
    }

    /** A password in --from or --to reaches no output, log, report or file of the run. */
    @Test
    void migrateKeepsPasswordsOutOfItsRunDirectoryAndOutput() throws Exception {
        String postgres = pgUrl() == null ? null : withQuery(pgUrl(), "schema=lf_hop_" + RUN);
        requireServers(postgres, redisUrl());
        String password = java.net
                .URI
                .create(postgres.replaceFirst("^postgres", "http"))
                .getUserInfo()
                .split(":", 2)[1];
        CliRun load = CliRun.run("import", "--from", "bundle:" + bundle, "--to", postgres);
        assertEquals(0, load.exitCode(), load.err());
        Path run = dir.resolve("secret-run");
        for (String format : List.of("text", "json")) {
            Path runDir = run.resolve(format);
            CliRun r = CliRun.run(
                    "migrate",
                    "--from",
                    postgres,
                    "--to",
                    "sqlite:" + dir.resolve("secret-" + format + ".db"),
                    "--run-dir",
                    runDir.toString(),
                    "--format",
                    format);
            assertEquals(0, r.exitCode(), r.err());
            assertFalse(r.out().contains(password) || r.err().contains(password), r.out() + r.err());
            try (Stream<Path> files = Files.walk(runDir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(Files.readString(f).contains(password), "password in " + f);
                }
            }
        }
    }

    @Test
    void importsKilledAtRandomMomentsConvergeWhenRunAgain() throws Exception {
        // Four writers: a batch of 500 is three key ranges, each its own transaction.
        String postgres = pgUrl() == null ? null : withQuery(pgUrl(), "schema=lf_kill_" + RUN + "&writers=4");
        String redis = redisUrl() == null ? null : withQuery(redisUrl(), "prefix=lf-kill-" + RUN + ":&writers=4");
        requireServers(postgres, redis);
        Random random = new Random(29);
        for (String to : List.of("sqlite:" + dir.resolve("kill.db"), postgres, redis)) {
            int killed = 0;
            for (int attempt = 0; attempt < 4; attempt++) {
                Process p = child("import", "--from", "bundle:" + bundle, "--to", to, "--batch", "500");
                if (!p.waitFor(200 + random.nextInt(1500), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor();
                    killed++;
                }
            }
            assertTrue(killed > 0, "no run of " + to + " was interrupted; the data set is too small");
            Process last = child("import", "--from", "bundle:" + bundle, "--to", to, "--batch", "500");
            assertTrue(last.waitFor(120, TimeUnit.SECONDS), "the final run of " + to + " did not finish");
            assertEquals(0, last.exitValue(), new String(last.getErrorStream().readAllBytes()));
            assertEquals(expected, digests(to), "after kills, " + to);
        }
    }

    @Test
    void anImportOfABundleKilledAtAnyMomentLeavesNothingOfItOrAllOfIt() throws Exception {
        // SQLite, and PostgreSQL on one writer connection, hold the whole import in one transaction
        // that commits only once every scope of the bundle was checked.
        String postgres = pgUrl() == null ? null : withQuery(pgUrl(), "schema=lf_held_" + RUN + "&writers=1");
        requireServers(postgres, redisUrl());
        Random random = new Random(31);
        for (String to : List.of("sqlite:" + dir.resolve("held.db"), postgres)) {
            int killed = 0;
            for (int attempt = 0; attempt < 4; attempt++) {
                Process p = child("import", "--from", "bundle:" + bundle, "--to", to, "--batch", "500");
                if (!p.waitFor(200 + random.nextInt(1500), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor();
                    killed++;
                }
                Map<String, ScopeDigest> now = digests(to);
                assertTrue(now.isEmpty() || now.equals(expected), "after attempt " + attempt + ", " + to + ": " + now);
            }
            assertTrue(killed > 0, "no run of " + to + " was interrupted; the data set is too small");
        }
    }

    private static Process child(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Landfall.class.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "child", ".log");
        return new ProcessBuilder(command)
                .redirectOutput(log.toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
    }

    private static Map<String, ScopeDigest> digests(String uri) throws IOException {
        Map<String, ScopeDigest> out = new LinkedHashMap<>();
        try (Store store = StoreRegistry.open("--from", StoreUri.parse(uri));
                Cursor<Scope> scopes = store.scopes()) {
            while (scopes.next()) {
                ScopeDigest.Accumulator acc = ScopeDigest.accumulator();
                try (Cursor<Entry> c = store.entries(scopes.current(), Checkpoint.START)) {
                    while (c.next()) {
                        acc.add(c.current());
                    }
                }
                out.put(scopes.current().id(), acc.toDigest());
            }
        }
        return out;
    }

    private static List<Entry> entries(String uri) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Store store = StoreRegistry.open("--from", StoreUri.parse(uri));
                Cursor<Scope> scopes = store.scopes()) {
            while (scopes.next()) {
                try (Cursor<Entry> c = store.entries(scopes.current(), Checkpoint.START)) {
                    while (c.next()) {
                        out.add(c.current());
                    }
                }
            }
        }
        return out;
    }

    private static void requireServers(String postgres, String redis) {
        if (postgres == null || redis == null) {
            String why = "LANDFALL_PG_URL / LANDFALL_REDIS_URL not set: run bin/stores start";
            if ("1".equals(System.getenv("LANDFALL_IT_REQUIRED"))) {
                fail(why);
            }
            assumeTrue(false, why);
        }
    }

    private static String withQuery(String uri, String query) {
        return uri + (uri.contains("?") ? "&" : "?") + query;
    }

    private static String pgUrl() {
        return setting("LANDFALL_PG_URL");
    }

    private static String redisUrl() {
        return setting("LANDFALL_REDIS_URL");
    }

    private static String setting(String name) {
        return StoreSettings.get(name);
    }
}
