package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Scope;
import dev.landfall.core.run.RunLock;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.Cursor;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.StoreRegistry;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.sandbox.Capture;
import dev.landfall.sandbox.CaptureWriter;
import dev.landfall.sandbox.DoSeed;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code landfall migrate --follow} in process against the sandbox's change log: writes captured
 * before and after the full load reach the store, a resumed run goes on following, and capture
 * that is missing, overflowed or read over REST stops the run with its exit code and nothing left.
 */
class MigrateFollowTest {
    @TempDir
    Path dir;

    private static SandboxServer sandbox(Capture capture) {
        return SandboxServer.start(SandboxConfig.builder()
                .rateLimit(RateLimit.UNLIMITED)
                .randomSeed(3)
                .seedKv(List.of(KvSeed.parse("SESSIONS=400")))
                .capture(capture)
                .build());
    }

    private List<String> follow(Path run, String db, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "migrate",
                "--from",
                "cloudflare://",
                "--via",
                "worker",
                "--follow",
                "--consistency-window",
                "1s",
                "--to",
                db,
                "--run-dir",
                run.toString()));
        args.addAll(List.of(more));
        return args;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesCapturedBeforeAndAfterTheLoadReachTheStoreAndAResumeGoesOnFollowing() throws IOException {
        try (SandboxServer server = sandbox(Capture.on())) {
            // Captured before the run: already in the source, recorded in the log as well.
            assertTrue(server.capturedPut("SESSIONS", "early", bytes("1"), "{\"v\":1}", null));
            Path run = dir.resolve("run");
            String db = "sqlite:" + dir.resolve("live.db");
            List<String> args = follow(run, db, "--drain");
            CliRun first = CliRun.run(server.environment(), args.toArray(String[]::new));
            assertEquals(0, first.exitCode(), first.err());
            assertTrue(first.err().contains("equals a fresh read of the source"), first.err());
            assertTrue(Files.readString(run.resolve("run.json")).contains("followWindowMillis"));
            assertTrue(Files.exists(run.resolve("follow-journal.ndjson")));

            server.capturedPut("SESSIONS", "early", bytes("2"), null, null);
            server.capturedPut("SESSIONS", "late", bytes("3"), "{\"v\":3}", 4_000_000_000L);
            String someSeeded = firstKey(db);
            server.capturedDelete("SESSIONS", someSeeded);
            CliRun resumed = CliRun.run(server.environment(), "migrate", "--resume", run.toString(), "--drain");
            assertEquals(0, resumed.exitCode(), resumed.err());
            assertTrue(resumed.err().contains("drained 3 change(s)"), resumed.err());

            Map<String, Entry> stored = contents(db);
            assertEquals("2", new String(stored.get("early").value(), StandardCharsets.UTF_8));
            assertEquals(null, stored.get("early").metadataJson(), "the overwrite dropped the metadata");
            assertEquals(4_000_000_000L, stored.get("late").expiration());
            assertEquals("{\"v\":3}", stored.get("late").metadataJson());
            assertFalse(stored.containsKey(someSeeded), "the delete reached the store");
            var log = server.changeLog().orElseThrow();
            long pending = 0;
            for (int shard = 0; shard < log.shards(); shard++) {
                pending += log.readable(shard).map(sh -> sh.status().pending()).orElse(0);
            }
            assertEquals(0, pending, "applied changes are trimmed");
        }
    }

    @Test
    void objectWritesCapturedBeforeAndAfterTheLoadReachTheStoreObjectByObject() throws IOException {
        try (SandboxServer server = SandboxServer.start(SandboxConfig.builder()
                .rateLimit(RateLimit.UNLIMITED)
                .randomSeed(5)
                .seedKv(List.of(KvSeed.parse("SESSIONS=200")))
                .seedDo(List.of(DoSeed.parse("Room=4x5")))
                .capture(Capture.on().withWrites(100))
                .build())) {
            CaptureWriter writer = server.writer().orElseThrow();
            writer.pause(); // driven by step() alone, so the test knows what was written when
            for (int i = 0; i < 300; i++) {
                writer.step();
            }
            Path run = dir.resolve("run");
            String db = "sqlite:" + dir.resolve("objects.db");
            CliRun first = CliRun.run(
                    server.environment(),
                    follow(run, db, "--kv", "SESSIONS", "--do", "Room", "--drain")
                            .toArray(String[]::new));
            assertEquals(0, first.exitCode(), first.err());
            long before = writer.mix().objects();
            for (int i = 0; i < 300; i++) {
                writer.step();
            }
            assertTrue(writer.mix().objects() - before > 30, writer.mix().toString());
            CliRun resumed = CliRun.run(server.environment(), "migrate", "--resume", run.toString(), "--drain");
            assertEquals(0, resumed.exitCode(), resumed.err());
            assertTrue(resumed.err().contains("equals a fresh read of the source"), resumed.err());
            long liveKeys = 0;
            try (Source s = StoreRegistry.openForReading("--to", StoreUri.parse(db));
                    Cursor<Scope> scopes = s.scopes()) {
                while (scopes.next()) {
                    if (scopes.current() instanceof DurableObject) {
                        try (Cursor<Entry> c = s.entries(scopes.current(), Checkpoint.START)) {
                            while (c.next()) {
                                liveKeys += c.current().key().text().startsWith("live:") ? 1 : 0;
                            }
                        }
                    }
                }
            }
            assertTrue(liveKeys > 10, "the writer's object keys are in the store: " + liveKeys);
        }
    }

    @Test
    void aRunStillInUseByAnotherInvocationIsRefusedAndTheStoreIsUntouched() throws IOException {
        try (SandboxServer server = sandbox(Capture.on())) {
            Path run = dir.resolve("run");
            String db = "sqlite:" + dir.resolve("locked.db");
            CliRun first =
                    CliRun.run(server.environment(), follow(run, db, "--drain").toArray(String[]::new));
            assertEquals(0, first.exitCode(), first.err());
            server.capturedPut("SESSIONS", "while-locked", bytes("1"), null, null);
            // As a follower still running would hold it, or a --final begun in another terminal.
            try (RunLock held = RunLock.acquire(run)) {
                CliRun second = CliRun.run(server.environment(), "migrate", "--resume", run.toString(), "--drain");
                assertEquals(2, second.exitCode(), second.err());
                assertTrue(second.err().contains("is in use by another landfall process (pid "), second.err());
                assertFalse(contents(db).containsKey("while-locked"), "nothing applied");
            }
            CliRun after = CliRun.run(server.environment(), "migrate", "--resume", run.toString(), "--drain");
            assertEquals(0, after.exitCode(), after.err());
            assertTrue(contents(db).containsKey("while-locked"));
        }
    }

    @Test
    void withoutCaptureTheRunStopsBeforeLoadingAndLeavesNothing() throws IOException {
        try (SandboxServer server = sandbox(Capture.OFF)) {
            Path run = dir.resolve("no-capture");
            CliRun r = CliRun.run(
                    server.environment(),
                    follow(run, "sqlite:" + dir.resolve("n.db")).toArray(String[]::new));
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("has no change log"), r.err());
            assertTrue(r.err().contains("--capture"), r.err());
            assertFalse(Files.exists(run), "a refused run leaves no run directory");
        }
    }

    @Test
    void followingOverRestIsRefusedWithTheFix() throws IOException {
        try (SandboxServer server = sandbox(Capture.on())) {
            Path run = dir.resolve("rest");
            List<String> args = follow(run, "sqlite:" + dir.resolve("r.db"));
            args.set(args.indexOf("worker"), "rest");
            CliRun r = CliRun.run(server.environment(), args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("add --via worker"), r.err());
            assertFalse(Files.exists(run));
        }
    }

    @Test
    void aLogThatOverflowsWhileFollowingStopsTheRunWithExitOne() throws IOException {
        try (SandboxServer server = sandbox(Capture.on().withShards(1).withCapacity(2))) {
            Path run = dir.resolve("overflow");
            String db = "sqlite:" + dir.resolve("o.db");
            CliRun first =
                    CliRun.run(server.environment(), follow(run, db, "--drain").toArray(String[]::new));
            assertEquals(0, first.exitCode(), first.err());
            for (int i = 0; i < 5; i++) {
                server.capturedPut("SESSIONS", "burst-" + i, bytes("x"), null, null);
            }
            CliRun r = CliRun.run(server.environment(), "migrate", "--resume", run.toString(), "--drain");
            assertEquals(1, r.exitCode(), r.err());
            assertTrue(r.err().contains("overflowed: 3 change(s) were not recorded"), r.err());
            assertTrue(r.err().contains("start a new run"), r.err());
        }
    }

    @Test
    void followOnlyFlagsWithoutFollowAreRefused() {
        CliRun r = CliRun.run("migrate", "--from", "bundle:x", "--drain");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--drain applies to --follow"), r.err());
        CliRun w = CliRun.run("migrate", "--from", "bundle:x", "--follow", "--consistency-window", "0s");
        assertEquals(2, w.exitCode(), w.err());
        assertTrue(w.err().contains("shorter than 1s"), w.err());
    }

    @Test
    void finalNeedsAFollowRunTheCutoverWorkerAndItsSecret() throws IOException {
        CliRun stray = CliRun.run("migrate", "--from", "bundle:x", "--cutover-worker", "http://127.0.0.1:1");
        assertEquals(2, stray.exitCode(), stray.err());
        assertTrue(stray.err().contains("--cutover-worker applies to --final"), stray.err());
        try (SandboxServer server = sandbox(Capture.on())) {
            Path run = dir.resolve("final");
            String db = "sqlite:" + dir.resolve("f.db");
            CliRun first =
                    CliRun.run(server.environment(), follow(run, db, "--drain").toArray(String[]::new));
            assertEquals(0, first.exitCode(), first.err());
            CliRun noWorker = CliRun.run(server.environment(), "migrate", "--resume", run.toString(), "--final");
            assertEquals(2, noWorker.exitCode(), noWorker.err());
            assertTrue(noWorker.err().contains("--final needs --cutover-worker URL"), noWorker.err());
            CliRun noSecret = CliRun.run(
                    server.environment(),
                    "migrate",
                    "--resume",
                    run.toString(),
                    "--final",
                    "--cutover-worker",
                    "http://127.0.0.1:1");
            assertEquals(2, noSecret.exitCode(), noSecret.err());
            assertTrue(noSecret.err().contains("LANDFALL_CUTOVER_SECRET"), noSecret.err());
        }
    }

    private static String firstKey(String db) throws IOException {
        return contents(db).keySet().iterator().next();
    }

    private static Map<String, Entry> contents(String db) throws IOException {
        Map<String, Entry> out = new TreeMap<>();
        try (Source s = StoreRegistry.openForReading("--to", StoreUri.parse(db));
                Cursor<Scope> scopes = s.scopes()) {
            while (scopes.next()) {
                try (Cursor<Entry> c = s.entries(scopes.current(), Checkpoint.START)) {
                    while (c.next()) {
                        out.put(c.current().key().text(), c.current());
                    }
                }
            }
        }
        return out;
    }
}
