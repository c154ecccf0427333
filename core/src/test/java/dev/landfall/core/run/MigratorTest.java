package dev.landfall.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.copy.RunStopped;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.SourceEnv;
import dev.landfall.core.spi.SourceOptions;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.MemoryStore;
import dev.landfall.core.store.MemoryStoreProvider;
import dev.landfall.core.time.FakeClock;
import dev.landfall.core.time.RequestBudget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigratorTest {
    private static final KvNamespace A = new KvNamespace("a1", "SESSIONS");
    private static final KvNamespace B = new KvNamespace("b2", "FLAGS");
    private final FakeClock clock = new FakeClock();
    private final String name = UUID.randomUUID().toString();

    @TempDir
    Path dir;

    @Test
    void aLocalSourceIsImportedDirectlyAndVerified() throws IOException {
        seed("src-" + name);
        SourceEnv env = env(SourceOptions.DEFAULTS);
        RunDirectory run = Migrator.newRun(
                dir.resolve("run"), "memory:src-" + name, "memory:dst-" + name, WriteMode.UPSERT, 1000, null, env);
        assertFalse(run.spec().staged(), "a local source needs no bundle");
        MigrationReport report = new Migrator(run, env, "test")
                .migrate("memory:src-" + name, "memory:dst-" + name, MigrationListener.NONE, () -> false);
        assertTrue(report.equal());
        assertEquals(2, report.scopes().size());
        assertEquals(0, report.apiRequests());
        for (String ext : List.of("txt", "md", "json", "html")) {
            assertTrue(Files.size(run.report(ext)) > 0, ext);
        }
        assertEquals(1230, MemoryStoreProvider.named("dst-" + name).size(A));
    }

    @Test
    void aRemoteSourceIsExportedIntoTheRunsBundleOnceAndAStopResumesExactly() throws IOException {
        seed("acct-" + name);
        SourceEnv env = env(SourceOptions.DEFAULTS.withBudget(RequestBudget.parse("600/10s")));
        RunDirectory run = Migrator.newRun(
                dir.resolve("run"), "metered:acct-" + name, "memory:dst-" + name, WriteMode.UPSERT, 100, null, env);
        assertTrue(run.spec().staged());
        assertEquals(dir.resolve("run").resolve("export").toString(), run.spec().bundle());

        AtomicInteger batches = new AtomicInteger();
        Migrator migrator = new Migrator(run, env, "test");
        assertThrows(
                RunStopped.class,
                () -> migrator.migrate(
                        "metered:acct-" + name,
                        "memory:dst-" + name,
                        MigrationListener.NONE,
                        () -> batches.incrementAndGet() == 3));
        long before = MeteredSource.REQUESTS.get();
        MigrationReport report = new Migrator(RunDirectory.open(dir.resolve("run"), clock), env, "test")
                .migrate("metered:acct-" + name, "memory:dst-" + name, MigrationListener.NONE, () -> false);
        assertTrue(report.equal());
        assertTrue(Files.exists(dir.resolve("run/export/manifest.json")));
        assertTrue(
                MeteredSource.REQUESTS.get() - before <= 3,
                "the resume reads on from the journal, and verification reads the bundle, not the account");
        assertEquals(
                "600/10s",
                RunDirectory.open(dir.resolve("run"), clock)
                        .spec()
                        .source()
                        .budget()
                        .spec());
        String log = Files.readString(dir.resolve("run/log.txt"));
        assertTrue(log.contains("started: metered:acct-") && log.contains(" resumed\n"), log);
        assertTrue(log.indexOf("stopped on request") < log.indexOf(" resumed"), log);
    }

    @Test
    void valuesTheExportRefusedAreListedInEveryReport() throws IOException {
        seed("acct-" + name);
        String key = "k00007 " + MeteredSource.REFUSED + "\u001b[2J";
        try (ScopeWriter w = MemoryStoreProvider.named("acct-" + name).open(B, WriteMode.UPSERT)) {
            w.put(new Entry(B, Key.of(key), new byte[] {1}, null, null));
            w.flush();
        }
        SourceEnv env = env(SourceOptions.DEFAULTS);
        RunDirectory run = Migrator.newRun(
                dir.resolve("run"), "metered:acct-" + name, "memory:dst-" + name, WriteMode.UPSERT, 100, null, env);
        MigrationReport report = new Migrator(run, env, "test")
                .migrate("metered:acct-" + name, "memory:dst-" + name, MigrationListener.NONE, () -> false);
        assertTrue(report.equal(), "the store holds what the bundle holds");
        assertEquals(
                List.of(key), report.notExported().stream().map(v -> v.key()).toList());
        String literal = "\"k00007 refuse:\\u001b[2J\"";
        for (String ext : List.of("txt", "md", "html")) {
            String text = Files.readString(run.report(ext));
            String shown = ext.equals("html") ? dev.landfall.core.report.HtmlText.escape(literal) : literal;
            assertTrue(text.contains(shown) && text.contains("cycle") && text.contains("$.a"), ext + ": " + text);
            assertFalse(text.contains("\u001b"), ext + ": no raw escape");
        }
        assertTrue(Files.readString(run.report("txt")).contains("verified equal, but 1 value(s) NOT EXPORTED"));
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run.report("json").toFile())
                .path("notExported");
        assertEquals(1, json.size(), json.toString());
        assertEquals(key, json.get(0).path("key").asText());
        assertEquals("kv:b2", json.get(0).path("scope").asText());
        assertEquals("cycle", json.get(0).path("reason").asText());
        assertEquals("$.a", json.get(0).path("path").asText());
    }

    @Test
    void everyFileOfARunAndItsKeptBundleIsOwnerOnly() throws IOException {
        seed("acct-" + name);
        SourceEnv env = env(SourceOptions.DEFAULTS);
        Path keep = dir.resolve("kept/bundle");
        RunDirectory run = Migrator.newRun(
                dir.resolve("run"), "metered:acct-" + name, "memory:dst-" + name, WriteMode.UPSERT, 100, keep, env);
        new Migrator(run, env, "test")
                .migrate("metered:acct-" + name, "memory:dst-" + name, MigrationListener.NONE, () -> false);
        Path local = dir.resolve("local");
        seed("src-" + name);
        RunDirectory direct =
                Migrator.newRun(local, "memory:src-" + name, "memory:other-" + name, WriteMode.UPSERT, 100, null, env);
        new Migrator(direct, env, "test")
                .migrate("memory:src-" + name, "memory:other-" + name, MigrationListener.NONE, () -> false);

        for (Path tree : List.of(dir.resolve("run"), dir.resolve("kept"), local)) {
            OwnerOnlyFiles.assertTree(tree);
        }
        for (String file : List.of("log.txt", "results.ndjson", "import-journal.ndjson", "run.json", "report.html")) {
            assertTrue(Files.exists(dir.resolve("run").resolve(file)), file);
            assertTrue(Files.exists(local.resolve(file)), file);
        }
        assertTrue(Files.exists(keep.resolve("export-journal.ndjson")));
    }

    @Test
    void aRunThatWroteNothingIsStartedAgainAndOneThatWroteIsNot() throws IOException {
        seed("src-" + name);
        SourceEnv env = env(SourceOptions.DEFAULTS);
        Path dir = this.dir.resolve("run");
        Migrator.newRun(dir, "memory:src-" + name, "memory:dst-" + name, WriteMode.UPSERT, 10, null, env)
                .log("failed: token rejected");
        RunDirectory again =
                Migrator.newRun(dir, "memory:src-" + name, "memory:dst-" + name, WriteMode.UPSERT, 20, null, env);
        assertEquals(20, again.spec().batch(), "the corrected command replaces the run that wrote nothing");

        new Migrator(again, env, "test")
                .migrate("memory:src-" + name, "memory:dst-" + name, MigrationListener.NONE, () -> false);
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> Migrator.newRun(
                        dir, "memory:src-" + name, "memory:dst-" + name, WriteMode.UPSERT, 10, null, env));
        assertTrue(e.getMessage().contains("holds a run already"), e.getMessage());
    }

    @Test
    void keepBundleIsRefusedForALocalSourceBeforeAnythingIsWritten() throws IOException {
        seed("src-" + name);
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> Migrator.newRun(
                        dir.resolve("run"),
                        "memory:src-" + name,
                        "memory:dst-" + name,
                        WriteMode.UPSERT,
                        1000,
                        dir.resolve("keep"),
                        env(SourceOptions.DEFAULTS)));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertFalse(Files.exists(dir.resolve("run")));
    }

    @Test
    void theRunKeepsEverySourceOptionAndReadsOldRunsWithDefaults() {
        SourceOptions options = new SourceOptions(
                List.of("SESSIONS"),
                List.of("ChatRoom"),
                "user:",
                SourceOptions.Via.WORKER,
                Optional.of("https://export.example.workers.dev"),
                8,
                RequestBudget.parse("600/10s"),
                line -> {});
        RunSpec spec = new RunSpec("cloudflare://acct", "sqlite:x.db", WriteMode.MIRROR, options, "run/export", 500);
        RunSpec back = RunSpec.fromJson(spec.toJson(), "run.json");
        assertEquals(spec.source().kv(), back.source().kv());
        assertEquals(spec.source().durableObjects(), back.source().durableObjects());
        assertEquals("user:", back.source().prefix());
        assertEquals(SourceOptions.Via.WORKER, back.source().via());
        assertEquals(spec.source().exportWorker(), back.source().exportWorker());
        assertEquals(8, back.source().concurrency());
        assertEquals("600/10s", back.source().budget().spec());
        assertEquals(500, back.batch());
        assertEquals(WriteMode.MIRROR, back.mode());

        RunSpec old = RunSpec.fromJson(
                "{\"version\":1,\"from\":\"bundle:x\",\"to\":\"sqlite:y\",\"mode\":\"upsert\",\"kv\":[],\"do\":[]}",
                "run.json");
        assertEquals(SourceOptions.DEFAULTS.budget(), old.source().budget());
        assertEquals(RunSpec.DEFAULT_BATCH, old.batch());
        assertFalse(old.staged());
    }

    @Test
    void aResumedLocationMustBeTheRunsOwnAndAMaskedPasswordIsDropped() {
        assertEquals(
                "postgres://app@db:5432/app", RunSpec.resumeLocation("--to", null, "postgres://app:****@db:5432/app"));
        assertEquals(
                "postgres://app:pw@db:5432/app",
                RunSpec.resumeLocation("--to", "postgres://app:pw@db:5432/app", "postgres://app:****@db:5432/app"));
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> RunSpec.resumeLocation("--to", "sqlite:other.db", "postgres://app:****@db:5432/app"));
        assertEquals(ErrorKind.USAGE, e.kind());
    }

    private SourceEnv env(SourceOptions options) {
        return new SourceEnv(Map.of(), clock, options);
    }

    private static void seed(String store) throws IOException {
        MemoryStore s = MemoryStoreProvider.named(store);
        fill(s, A, 1230);
        fill(s, B, 40);
    }

    private static void fill(MemoryStore store, KvNamespace ns, int n) throws IOException {
        try (ScopeWriter w = store.open(ns, WriteMode.UPSERT)) {
            for (int i = 0; i < n; i++) {
                w.put(new Entry(
                        ns, Key.of(String.format("k%05d", i)), ("v" + i).getBytes(StandardCharsets.UTF_8), null, null));
            }
            w.flush();
        }
    }
}
